import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNerModel, recognise, afterTitles, tokenize } from '../../src/language/ner/index.js';
import {
  GAZ_CITY,
  GAZ_COUNTRY,
  GAZ_DICT,
  GAZ_FIRST,
  GAZ_KINDS,
  GAZ_TITLE,
  firstPassContext,
  gazetteerCodes,
  sentenceFeatures,
  type Lexicon,
} from '../../src/language/ner/features.js';
import { allowedTransitions, marginals, potentials, propagateNames, viterbi, type NerModel } from '../../src/language/ner/model.js';

const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'];

function lexicon(entries: Array<[string, number]>): Lexicon {
  let maxPhrase = 1;
  for (const [p] of entries) maxPhrase = Math.max(maxPhrase, p.split(' ').length);
  return { clusters: new Map(), gazetteer: new Map(entries), maxPhrase, casing: new Map() };
}

const kindIndex = (bit: number) => Math.log2(bit);

test('gazetteer matches take the longest phrase per kind and mark begin / inside / last / unit', () => {
  const lex = lexicon([
    ['new', GAZ_DICT],
    ['york', GAZ_CITY],
    ['new york', GAZ_CITY],
    ['new york city', GAZ_CITY],
    ['france', GAZ_COUNTRY],
  ]);
  const codes = gazetteerCodes(['she', 'left', 'new', 'york', 'city', 'for', 'france'], lex);
  const city = kindIndex(GAZ_CITY) * 4;
  // One three-token city, not "new york" plus "york" plus a stray unit match; the
  // dictionary flag is per word and kept apart.
  assert.deepEqual(codes[2], [city + 1, kindIndex(GAZ_DICT) * 4]);
  assert.deepEqual(codes[3], [city + 2]);
  assert.deepEqual(codes[4], [city + 3]);
  assert.deepEqual(codes[6], [kindIndex(GAZ_COUNTRY) * 4]);
  assert.deepEqual(codes[0], []);
  assert.ok(kindIndex(GAZ_DICT) < GAZ_KINDS);
});

test('the dictionary feature separates a capitalised common word from a listed name', () => {
  const lex = lexicon([
    ['reservoir', GAZ_DICT],
    ['maria', GAZ_FIRST],
  ]);
  const a = sentenceFeatures(['Reservoir', 'levels', 'fell'], lex, null);
  const b = sentenceFeatures(['Maria', 'levels', 'fell'], lex, null);
  const first = (f: typeof a) => new Set([...f.feats.slice(f.offsets[0]!, f.offsets[1]!)]);
  const fa = first(a);
  const fb = first(b);
  const onlyA = [...fa].filter((x) => !fb.has(x));
  assert.ok(onlyA.length > 0);
});

test('IOB2 transitions: I-X only after B-X or I-X, never at the start', () => {
  const allowed = allowedTransitions(TAGS);
  const start = allowed[TAGS.length]!;
  TAGS.forEach((t, j) => assert.equal(start[j], !t.startsWith('I-'), t));
  assert.equal(allowed[TAGS.indexOf('O')]![TAGS.indexOf('I-PER')], false);
  assert.equal(allowed[TAGS.indexOf('B-ORG')]![TAGS.indexOf('I-PER')], false);
  assert.equal(allowed[TAGS.indexOf('B-PER')]![TAGS.indexOf('I-PER')], true);
  assert.equal(allowed[TAGS.indexOf('I-LOC')]![TAGS.indexOf('I-LOC')], true);
});

test('Viterbi never outputs an invalid IOB2 sequence, even when the scores push for one', () => {
  const nt = TAGS.length;
  const n = 5;
  const lex = lexicon([]);
  const words = ['a', 'b', 'c', 'd', 'e'];
  const { feats, offsets, view } = sentenceFeatures(words, lex, null);
  // Random weights, with a strong pull towards I-ORG everywhere.
  let x = 12345;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  const bits = 10;
  const weights = new Float32Array((1 << bits) * nt).map(() => rand());
  for (let b = 0; b < 1 << bits; b++) weights[b * nt + TAGS.indexOf('I-ORG')] += 5;
  const pot = potentials(TAGS, bits, weights, feats, offsets, view);
  const path = viterbi(nt, n, pot);
  const allowed = allowedTransitions(TAGS);
  let prev = nt;
  for (const t of path) {
    assert.ok(allowed[prev]![t], `${prev} -> ${t}`);
    prev = t;
  }
  // Exact: no other valid path scores higher (brute force over all 7^5 sequences).
  const score = (seq: number[]) => seq.reduce((s, t, i) => s + pot[(i * (nt + 1) + (i === 0 ? nt : seq[i - 1]!)) * nt + t]!, 0);
  const best = score(path);
  const seq = new Array(n).fill(0);
  for (let code = 0; code < nt ** n; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      seq[i] = c % nt;
      c = Math.floor(c / nt);
    }
    assert.ok(score(seq) <= best + 1e-9);
  }
  const probs = marginals(nt, n, pot, path);
  for (const p of probs) assert.ok(p > 0 && p <= 1);
});

test('leading titles are cut from person names, but a name is never cut to nothing', () => {
  const model = { lexicon: lexicon([['chancellor', GAZ_TITLE], ['dr.', GAZ_TITLE], ['dr', GAZ_TITLE]]) } as unknown as NerModel;
  assert.equal(afterTitles(model, ['Chancellor', 'Olaf', 'Brandt'], 0, 3), 1);
  assert.equal(afterTitles(model, ['Dr.', 'Lena', 'Varga'], 0, 3), 1);
  assert.equal(afterTitles(model, ['Chancellor'], 0, 1), 0);
  assert.equal(afterTitles(model, ['Olaf', 'Brandt'], 0, 2), 0);
});

test('the shipped model returns "Olaf Brandt" without the title', () => {
  const text = 'In Berlin, Chancellor Olaf Brandt hosted a dinner for officials of the European Commission.';
  const found = recognise(text).map((m) => [text.slice(m.start, m.end), m.type]);
  assert.ok(found.some(([t, ty]) => t === 'Olaf Brandt' && ty === 'person'), JSON.stringify(found));
  assert.ok(!found.some(([t]) => t!.startsWith('Chancellor')), JSON.stringify(found));
});

test('first-pass document context counts other occurrences and multi-token names', () => {
  // Tags: O B-PER I-PER B-ORG I-ORG B-LOC I-LOC.
  const ctx = firstPassContext(
    [
      ['Helen', 'Varga', 'spoke', '.'],
      ['Varga', 'left', 'Paris', '.'],
    ],
    [
      [1, 2, 0, 0],
      [0, 0, 5, 0],
    ],
  );
  assert.deepEqual([...ctx.get('varga')!], [1, 1, 0, 0, 1, 0, 0]);
  assert.deepEqual([...ctx.get('paris')!], [0, 0, 0, 1, 0, 0, 0]);
  assert.equal(ctx.get('spoke'), undefined);
});

test('a surname seen in full earlier is a person later in the same text', () => {
  const text =
    'Helen Varga, a lawyer from Lyon, filed the complaint on Monday. The court agreed with her.\n' +
    'Varga said she would appeal if the ruling was overturned.';
  const found = recognise(text).map((m) => [text.slice(m.start, m.end), m.type]);
  assert.ok(found.some(([t, ty]) => t === 'Helen Varga' && ty === 'person'), JSON.stringify(found));
  assert.ok(found.some(([t, ty]) => t === 'Varga' && ty === 'person'), JSON.stringify(found));
});

test('run-time tokens split hyphenated compounds like the training data, and names cover them whole', () => {
  assert.deepEqual(
    tokenize("Kim Jong-un's re-elected envoy").map((t) => t.text),
    ['Kim', 'Jong', '-', 'un', "'s", 're-elected', 'envoy'],
  );
  const model = loadNerModel();
  assert.ok(model.lexicon.gazetteer.size > 100000, 'gazetteers ship inside the model file');
});

test('a part of a full person name is that person alone later, an English-word part only mid-sentence', () => {
  // Tags: 0 O, 1 B-PER, 2 I-PER, 5 B-LOC.
  const sentences = [
    ['Premier', 'Xi', 'Lan', 'arrived', '.'],
    ['Advice', 'from', 'Xi', 'helped', '.'],
    ['Lan', 'spoke', 'later', '.'],
    ['Xi', 'is', 'a', 'letter', '.'],
  ];
  const tags = [
    [0, 1, 2, 0, 0],
    [0, 0, 5, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ];
  const kindOf = (lw: string) => (lw === 'premier' ? 'title' : lw === 'xi' ? 'word' : null) as 'title' | 'word' | null;
  propagateNames(sentences, tags, kindOf);
  assert.deepEqual(tags[1], [0, 0, 1, 0, 0], 'a place tag on the name part becomes a person');
  assert.deepEqual(tags[2], [1, 0, 0, 0], 'a part that is no English word counts at the start of a sentence too');
  assert.deepEqual(tags[3], [0, 0, 0, 0, 0], 'an English-word part at the start of a sentence is left alone');
});
