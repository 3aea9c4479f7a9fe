/**
 * Timeline summarisation metrics after Martschat & Markert (EACL 2017, "Improving ROUGE for
 * Timeline Summarization") as implemented in tilse, the scorer behind published TLS tables:
 * date-selection F1 and three timeline ROUGE variants (concat, agreement, align+ m:1).
 * ROUGE itself (tokenisation, no stemming/stopwords) is described in ./rouge.ts.
 *
 * Only one gold timeline per call: every TLS setup we follow scores each gold timeline as its
 * own task and averages over timelines (see meanPRF), so the multi-reference branch of tilse
 * is not needed.
 */
import { type PRF, type RougeCounts, ngramCounts, prf, rougeCountsFrom } from './rouge.js';

export type { PRF } from './rouge.js';

export interface TimelineEntry {
  date: string;
  sentences: string[];
}

export type TimelineVariant = 'concat' | 'agreement' | 'align_m1';

const DAY_MS = 86_400_000;

/** Day number of an ISO calendar date; rejects anything that is not a real YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`no such calendar date: ${date}`);
  }
  return Math.round(t / DAY_MS);
}

/**
 * Date-selection P/R/F1 (tilse dates.py): the predicted and gold dates as sets, precision =
 * |pred ∩ gold| / |pred|, recall = |pred ∩ gold| / |gold|. Duplicates collapse; an empty side
 * scores 0 instead of dividing by zero.
 */
export function dateF1(pred: readonly string[], gold: readonly string[]): PRF {
  const p = new Set(pred.map(checkedDate));
  const g = new Set(gold.map(checkedDate));
  let both = 0;
  for (const d of p) if (g.has(d)) both++;
  return prf(both, p.size, both, g.size);
}

/** Validated dates compare as strings: YYYY-MM-DD has exactly one spelling per day. */
function checkedDate(d: string): string {
  dayNumber(d);
  return d;
}

interface Day {
  day: number;
  sentences: string[];
}

/** Sorted, one entry per date: a timeline that lists a date twice means one summary for that date. */
function normalise(tl: readonly TimelineEntry[]): Day[] {
  const byDay = new Map<number, string[]>();
  for (const e of tl) {
    const day = dayNumber(e.date);
    const list = byDay.get(day) ?? [];
    list.push(...e.sentences);
    byDay.set(day, list);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, sentences]) => ({ day, sentences }));
}

/** Precompute n-gram multisets per date so the alignment does not retokenise in its inner loop. */
function grams(days: Day[], n: number): Map<string, number>[] {
  return days.map((d) => ngramCounts(d.sentences, n));
}

/**
 * ROUGE P/R/F1 between a system and a gold timeline.
 *
 * concat: all sentences of all dates on each side form one summary each; dates are ignored.
 *
 * agreement: n-grams match only between the two summaries of the same date.
 *   P = Σ_{d ∈ sys} match_d / Σ_{d ∈ sys} |sys_d|,  R = Σ_{d ∈ gold} match_d / Σ_{d ∈ gold} |gold_d|,
 *   so a date present on one side only adds its n-grams to that side's denominator and
 *   nothing to the numerator.
 *
 * align_m1 (tilse "align+ m:1", evaluate_align_date_content_costs_many_to_one): precision and
 * recall each use their own many-to-one alignment.
 *   - cost(s, g) = (1 − 1/(|s − g| + 1)) · (1 − R1F(s, g)), with |s − g| in days and R1F the
 *     unigram F1 between the two dates' summaries (tilse's "ROUGE approximation", which with a
 *     single reference is plain ROUGE-1 F1; we compute it on our tokens rather than tilse's raw
 *     whitespace split, so capitalisation does not change the alignment).
 *     The product, not a sum, is tilse's choice: a same-day pair costs 0 whatever it says, and
 *     identical content costs 0 at any distance.
 *   - Precision: each system date s goes to the gold date with the least cost; ties go to the
 *     earliest gold date (numpy argmin returns the first minimum and tilse sorts dates).
 *     P = Σ_s match(s, a(s)) / (|s − a(s)| + 1)  /  Σ_s |sys_s|.
 *   - Recall: each gold date g goes to its least-cost system date, same tie rule.
 *     R = Σ_g match(b(g), g) / (|b(g) − g| + 1)  /  Σ_g |gold_g|.
 *   The discount 1/(distance + 1) applies to the matched counts only, never the denominators.
 *
 * n is 1 or 2 (ROUGE-1 / ROUGE-2); F1 is the harmonic mean with 0 when P + R = 0.
 */
export function timelineRouge(
  system: readonly TimelineEntry[],
  gold: readonly TimelineEntry[],
  variant: TimelineVariant,
  n: 1 | 2,
): PRF {
  const sys = normalise(system);
  const ref = normalise(gold);
  if (variant === 'concat') {
    const c = rougeCountsFrom(
      ngramCounts(sys.flatMap((d) => d.sentences), n),
      ngramCounts(ref.flatMap((d) => d.sentences), n),
    );
    return prf(c.match, c.system, c.match, c.reference);
  }
  const sg = grams(sys, n);
  const rg = grams(ref, n);
  if (variant === 'agreement') {
    const refIndex = new Map(ref.map((d, i) => [d.day, i]));
    let match = 0;
    let pDen = 0;
    let rDen = 0;
    for (let i = 0; i < sys.length; i++) {
      const j = refIndex.get(sys[i].day);
      // A date on both sides contributes the same match count to P and R.
      const c: RougeCounts = rougeCountsFrom(sg[i], j === undefined ? new Map() : rg[j]);
      match += c.match;
      pDen += c.system;
    }
    for (const g of rg) for (const v of g.values()) rDen += v;
    return prf(match, pDen, match, rDen);
  }
  if (variant === 'align_m1') return alignManyToOne(sys, ref, sg, rg);
  throw new RangeError(`unknown timeline ROUGE variant: ${String(variant)}`);
}

function alignManyToOne(sys: Day[], ref: Day[], sg: Map<string, number>[], rg: Map<string, number>[]): PRF {
  const sysTotal = sg.map(sumCounts);
  const refTotal = rg.map(sumCounts);
  const pDen = sysTotal.reduce((a, b) => a + b, 0);
  const rDen = refTotal.reduce((a, b) => a + b, 0);
  if (sys.length === 0 || ref.length === 0) return prf(0, pDen, 0, rDen);

  // Content similarity is always unigram-based, whatever n is being scored.
  const s1 = sys.map((d) => ngramCounts(d.sentences, 1));
  const r1 = ref.map((d) => ngramCounts(d.sentences, 1));
  const cost = sys.map((s, i) =>
    ref.map((g, j) => {
      const dateFactor = 1 - 1 / (Math.abs(s.day - g.day) + 1);
      const c = rougeCountsFrom(s1[i], r1[j]);
      const sim = prf(c.match, c.system, c.match, c.reference).f1;
      return dateFactor * (1 - sim);
    }),
  );

  let pNum = 0;
  for (let i = 0; i < sys.length; i++) {
    const j = argmin(cost[i]);
    pNum += rougeCountsFrom(sg[i], rg[j]).match / (Math.abs(sys[i].day - ref[j].day) + 1);
  }
  let rNum = 0;
  for (let j = 0; j < ref.length; j++) {
    const i = argmin(sys.map((_, k) => cost[k][j]));
    rNum += rougeCountsFrom(sg[i], rg[j]).match / (Math.abs(sys[i].day - ref[j].day) + 1);
  }
  return prf(pNum, pDen, rNum, rDen);
}

function sumCounts(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/** First index of the minimum, matching numpy.argmin's tie rule. */
function argmin(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[best]) best = i;
  return best;
}

export interface TimelineScores {
  date: PRF;
  concat: { rouge1: PRF; rouge2: PRF };
  agreement: { rouge1: PRF; rouge2: PRF };
  align_m1: { rouge1: PRF; rouge2: PRF };
}

/** Every metric a TLS table reports, for one system timeline against one gold timeline. */
export function evaluateTimeline(system: readonly TimelineEntry[], gold: readonly TimelineEntry[]): TimelineScores {
  const both = (v: TimelineVariant) => ({
    rouge1: timelineRouge(system, gold, v, 1),
    rouge2: timelineRouge(system, gold, v, 2),
  });
  return {
    date: dateF1(system.map((e) => e.date), gold.map((e) => e.date)),
    concat: both('concat'),
    agreement: both('agreement'),
    align_m1: both('align_m1'),
  };
}

/**
 * Mean of P, R and F1 taken separately over timelines, the way news-tls reports its tables
 * (so the mean F1 is generally not the harmonic mean of the mean P and R).
 */
export function meanPRF(scores: readonly PRF[]): PRF {
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const k = scores.length;
  return {
    precision: scores.reduce((a, s) => a + s.precision, 0) / k,
    recall: scores.reduce((a, s) => a + s.recall, 0) / k,
    f1: scores.reduce((a, s) => a + s.f1, 0) / k,
  };
}
