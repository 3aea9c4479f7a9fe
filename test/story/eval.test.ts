import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type PRF,
  bcubed,
  dateF1,
  evaluateTimeline,
  meanPRF,
  pairwiseF1,
  rouge,
  timelineRouge,
  tokenize,
} from '../../src/story/eval/index.js';

function close(actual: PRF, expected: [number, number, number], label = ''): void {
  const [p, r, f] = expected;
  const ok = (a: number, b: number) => Math.abs(a - b) < 1e-12;
  assert.ok(
    ok(actual.precision, p) && ok(actual.recall, r) && ok(actual.f1, f),
    `${label} expected P/R/F ${p}/${r}/${f}, got ${actual.precision}/${actual.recall}/${actual.f1}`,
  );
}

test('tokens: lowercased letter/digit runs, punctuation splits, accents kept', () => {
  assert.deepEqual(tokenize("The Union's 410-job claim, Zoë."), ['the', 'union', 's', '410', 'job', 'claim', 'zoë']);
});

test('rouge-1 clips repeated system words to the reference count', () => {
  // sys: the×3 (3 unigrams); ref: the, cat (2). match = min(3,1) = 1.
  // P = 1/3, R = 1/2, F = 2·(1/6)/(5/6) = 0.4
  close(rouge(['the the the'], ['the cat'], 1), [1 / 3, 1 / 2, 0.4]);
});

test('rouge-2 never forms a bigram across a sentence boundary', () => {
  // sys bigrams: "a b", "c d" (2); ref: "b c" (1). "b c" would exist only across sentences.
  close(rouge(['a b', 'c d'], ['b c'], 2), [0, 0, 0]);
  close(rouge(['a b c'], ['b c'], 2), [1 / 2, 1, 2 / 3]);
});

test('rouge on empty input scores 0 instead of NaN', () => {
  close(rouge([], ['x'], 1), [0, 0, 0]);
  close(rouge([''], [''], 2), [0, 0, 0]);
});

test('date F1 over date sets, duplicates collapse', () => {
  // pred {01, 02}, gold {01, 03, 04}: both = 1 → P = 1/2, R = 1/3, F = 2·(1/6)/(5/6) = 0.4
  close(dateF1(['2024-01-01', '2024-01-02', '2024-01-01'], ['2024-01-01', '2024-01-03', '2024-01-04']), [1 / 2, 1 / 3, 0.4]);
  close(dateF1([], ['2024-01-01']), [0, 0, 0]);
  assert.throws(() => dateF1(['2024-02-30'], ['2024-01-01']), /no such calendar date/);
  assert.throws(() => dateF1(['3 March 2024'], []), /not a YYYY-MM-DD/);
});

/*
 * Case A, computed by hand. One-letter words so every n-gram is visible.
 *   gold  2024-01-01 "a b c d"   unigrams a b c d (4), bigrams ab bc cd (3)
 *   gold  2024-01-03 "e f"       unigrams e f (2),     bigram  ef (1)
 *   sys   2024-01-01 "a b x"     unigrams a b x (3),   bigrams ab bx (2)
 *   sys   2024-01-02 "e f g"     unigrams e f g (3),   bigrams ef fg (2)
 *
 * concat R1: sys 6, gold 6, match a b e f = 4            → P = R = F = 2/3
 * concat R2: sys 4, gold 4, match ab ef = 2              → P = R = F = 1/2
 * agreement R1: only 01-01 shared, match a b = 2; P = 2/6, R = 2/6 → F = 1/3
 * agreement R2: match ab = 1; P = 1/4, R = 1/4            → F = 1/4
 * align+ m:1 costs, cost = (1 − 1/(Δ+1)) · (1 − R1F):
 *   S01→G01: Δ0 → 0                          S01→G03: Δ2, R1F 0 → 2/3 · 1 = 2/3
 *   S02→G01: Δ1, R1F 0 → 1/2                 S02→G03: Δ1, R1F(P 2/3, R 1) = 4/5 → 1/2 · 1/5 = 1/10
 *   precision: S01→G01, S02→G03;  recall: G01→S01 (0 < 1/2), G03→S02 (1/10 < 2/3)
 *   R1: num = 2/1 + 2/2 = 3 on both sides; P = 3/6, R = 3/6 → F = 1/2
 *   R2: num = 1/1 + 1/2 = 3/2 on both sides; P = 3/8, R = 3/8 → F = 3/8
 * date F1: {01,02} vs {01,03} → 1/2 each.
 */
const goldA = [
  { date: '2024-01-01', sentences: ['a b c d'] },
  { date: '2024-01-03', sentences: ['e f'] },
];
const sysA = [
  { date: '2024-01-02', sentences: ['e f g'] },
  { date: '2024-01-01', sentences: ['a b x'] },
];

test('case A: concat', () => {
  close(timelineRouge(sysA, goldA, 'concat', 1), [2 / 3, 2 / 3, 2 / 3]);
  close(timelineRouge(sysA, goldA, 'concat', 2), [1 / 2, 1 / 2, 1 / 2]);
});

test('case A: agreement', () => {
  close(timelineRouge(sysA, goldA, 'agreement', 1), [1 / 3, 1 / 3, 1 / 3]);
  close(timelineRouge(sysA, goldA, 'agreement', 2), [1 / 4, 1 / 4, 1 / 4]);
});

test('case A: align+ m:1', () => {
  close(timelineRouge(sysA, goldA, 'align_m1', 1), [1 / 2, 1 / 2, 1 / 2]);
  close(timelineRouge(sysA, goldA, 'align_m1', 2), [3 / 8, 3 / 8, 3 / 8]);
});

test('case A: evaluateTimeline bundles the same numbers', () => {
  const s = evaluateTimeline(sysA, goldA);
  close(s.date, [1 / 2, 1 / 2, 1 / 2]);
  close(s.concat.rouge2, [1 / 2, 1 / 2, 1 / 2]);
  close(s.agreement.rouge1, [1 / 3, 1 / 3, 1 / 3]);
  close(s.align_m1.rouge2, [3 / 8, 3 / 8, 3 / 8]);
});

/*
 * Case B: two system dates around one gold date (many-to-one) and clipping.
 *   gold 2024-03-10 "Storm hits coast."        storm hits coast (3)
 *   sys  2024-03-09 "storm hits"               (2)
 *   sys  2024-03-11 "Storm hits the coast"     storm hits the coast (4)
 * concat R1: sys 6, gold 3, match storm 1 + hits 1 + coast 1 = 3 (clipped) → P = 1/2, R = 1, F = 2/3
 * agreement: no shared date → all 0.
 * align+ m:1 R1:
 *   precision: both system dates can only go to 03-10, Δ = 1 each:
 *     num = 2/2 + 3/2 = 5/2, den = 6 → P = 5/12
 *   recall: cost(S09) = 1/2 · (1 − R1F(P 1, R 2/3) = 1 − 4/5) = 1/10
 *           cost(S11) = 1/2 · (1 − R1F(P 3/4, R 1) = 1 − 6/7) = 1/14  → S11 wins
 *     num = 3/2, den = 3 → R = 1/2
 *   F = 2 · (5/12)(1/2) / (11/12) = 5/11
 */
const goldB = [{ date: '2024-03-10', sentences: ['Storm hits coast.'] }];
const sysB = [
  { date: '2024-03-09', sentences: ['storm hits'] },
  { date: '2024-03-11', sentences: ['Storm hits the coast'] },
];

test('case B: concat clips, agreement needs the same date, align m:1 reuses a gold date', () => {
  close(timelineRouge(sysB, goldB, 'concat', 1), [1 / 2, 1, 2 / 3]);
  close(timelineRouge(sysB, goldB, 'agreement', 1), [0, 0, 0]);
  close(timelineRouge(sysB, goldB, 'align_m1', 1), [5 / 12, 1 / 2, 5 / 11]);
});

/*
 * Case C: a cost tie goes to the earliest gold date, as numpy.argmin does in tilse.
 *   gold 2024-05-01 "p q", gold 2024-05-03 "q p"  (same unigrams, different bigrams)
 *   sys  2024-05-02 "p q"
 *   cost to either gold date = 1/2 · (1 − 1) = 0 → tie → 05-01.
 * R2 precision: match "p q" = 1, Δ = 1 → 1/2; den 1 → P = 1/2
 * R2 recall: G01 → S02 (match 1)/2 = 1/2; G03 → S02 (match 0); den 2 → R = 1/4
 * F = 2 · (1/2)(1/4) / (3/4) = 1/3
 */
test('case C: alignment ties go to the earliest date', () => {
  const gold = [
    { date: '2024-05-03', sentences: ['q p'] },
    { date: '2024-05-01', sentences: ['p q'] },
  ];
  const sys = [{ date: '2024-05-02', sentences: ['p q'] }];
  close(timelineRouge(sys, gold, 'align_m1', 2), [1 / 2, 1 / 4, 1 / 3]);
});

test('a timeline that repeats a date is one summary for that date', () => {
  const sys = [
    { date: '2024-01-01', sentences: ['a b'] },
    { date: '2024-01-01', sentences: ['c d'] },
  ];
  const gold = [{ date: '2024-01-01', sentences: ['a b c d'] }];
  // R1: all 4 words match on the one date. R2: ab, cd match; bc does not cross sentences → P 1, R 2/3.
  close(timelineRouge(sys, gold, 'agreement', 1), [1, 1, 1]);
  close(timelineRouge(sys, gold, 'agreement', 2), [1, 2 / 3, 0.8]);
});

test('empty system timeline scores 0 in every variant', () => {
  for (const v of ['concat', 'agreement', 'align_m1'] as const) close(timelineRouge([], goldA, v, 1), [0, 0, 0], v);
});

test('identical timelines score 1 in every variant', () => {
  for (const v of ['concat', 'agreement', 'align_m1'] as const) {
    for (const n of [1, 2] as const) close(timelineRouge(goldA, goldA, v, n), [1, 1, 1], `${v} R${n}`);
  }
});

test('meanPRF averages each field separately', () => {
  close(meanPRF([{ precision: 1, recall: 0, f1: 0 }, { precision: 0, recall: 1, f1: 0.5 }]), [0.5, 0.5, 0.25]);
});

/*
 * Clustering case, by hand.
 *   gold {a b c} {d e} {f}        pred {a b} {c d e f}
 *   gold pairs: ab ac bc de = 4;  pred pairs: ab cd ce cf de df ef = 7;  TP: ab de = 2
 *   micro: P = 2/7, R = 2/4, F = 2·(1/7)/(11/14) = 4/11
 *   macro per gold cluster (P_G = TP inside G / pred pairs touching G):
 *     {a b c}: TP 1 (ab), gold 3, touching ab cd ce cf = 4   → P 1/4, R 1/3, F 2/7
 *     {d e}:   TP 1 (de), gold 1, touching cd ce de df ef = 5 → P 1/5, R 1,   F 1/3
 *     {f}:     TP 0, gold 0 (R = 1), touching cf df ef = 3    → P 0,   R 1,   F 0
 *     P = (1/4 + 1/5 + 0)/3 = 3/20, R = (1/3 + 1 + 1)/3 = 7/9, F = (2/7 + 1/3 + 0)/3 = 13/63
 *   B-cubed per item (P_i, R_i): a (1, 2/3) b (1, 2/3) c (1/4, 1/3) d (1/2, 1) e (1/2, 1) f (1/4, 1)
 *     P = 3.5/6 = 7/12, R = (14/3)/6 = 7/9, F = 2·(7/12)(7/9)/(7/12 + 7/9) = 2/3
 */
const goldC = [['a', 'b', 'c'], ['d', 'e'], ['f']];
const predC = [['a', 'b'], ['c', 'd', 'e', 'f']];

test('pairwise F1, micro and macro, hand-computed', () => {
  const s = pairwiseF1(predC, goldC);
  assert.deepEqual(s.counts, { truePositive: 2, predictedPairs: 7, goldPairs: 4 });
  close(s.micro, [2 / 7, 1 / 2, 4 / 11], 'micro');
  close(s.macro, [3 / 20, 7 / 9, 13 / 63], 'macro');
});

test('B-cubed, hand-computed', () => {
  close(bcubed(predC, goldC), [7 / 12, 7 / 9, 2 / 3]);
});

test('perfect clustering scores 1; cluster order and item order do not matter', () => {
  const pred = [['f'], ['e', 'd'], ['c', 'a', 'b']];
  const s = pairwiseF1(pred, goldC);
  close(s.micro, [1, 1, 1]);
  close(s.macro, [1, 1, 1]);
  close(bcubed(pred, goldC), [1, 1, 1]);
});

test('all singletons: pairwise micro has no pairs (0, as Miranda et al. score it), macro and B-cubed see each noise page handled', () => {
  const gold = [['x'], ['y']];
  const s = pairwiseF1([['x'], ['y']], gold);
  close(s.micro, [0, 0, 0]);
  close(s.macro, [1, 1, 1]);
  close(bcubed([['x'], ['y']], gold), [1, 1, 1]);
});

test('everything in one cluster: B-cubed recall 1, precision falls', () => {
  // items a..f in one cluster: P_i = |gold(i)|/6 → (3+3+3+2+2+1)/36 = 14/36 = 7/18; R = 1
  const b = bcubed([['a', 'b', 'c', 'd', 'e', 'f']], goldC);
  close(b, [7 / 18, 1, (2 * 7) / 18 / (7 / 18 + 1)]);
  // pred pairs 15, TP 4 → P 4/15, R 1
  close(pairwiseF1([['a', 'b', 'c', 'd', 'e', 'f']], goldC).micro, [4 / 15, 1, (2 * 4) / 15 / (4 / 15 + 1)]);
});

test('items missing from the prediction count as singletons; unknown or repeated items are errors', () => {
  // pred lacks c and f: same as pred {a b} {d e} {c} {f}. gold pairs 4, pred pairs 2, TP 2.
  close(pairwiseF1([['a', 'b'], ['d', 'e']], goldC).micro, [1, 1 / 2, 2 / 3]);
  assert.throws(() => pairwiseF1([['a', 'z']], goldC), /not in the gold/);
  assert.throws(() => bcubed([['a'], ['a']], goldC), /twice/);
});
