/**
 * The NER model: a hashed linear scorer over BIO tags, decoded exactly with Viterbi over
 * first-order transitions, optionally in two stages (the second sees what the first made
 * of the whole document), and its on-disk form. The file is gzip(magic, header length,
 * JSON header, int16 weights): one self-contained blob that needs nothing from the network
 * or from npm at run time, gazetteers included.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  GAZ_DICT,
  GAZ_TITLE,
  docContext,
  firstPassContext,
  sentenceFeatures,
  transitionFeatures,
  type DocContext,
  type Lexicon,
  type SentenceView,
} from './features.js';

export const MAGIC = 'DLNER002';

export interface NerModel {
  tags: string[];
  hashBits: number;
  /** Row-major: bucket * tags.length + tag. First (or only) stage. */
  weights: Float32Array;
  /** Second stage, which also sees the first stage's tags for the whole document; null for one stage. */
  stage2: Float32Array | null;
  lexicon: Lexicon;
  /** Free-form provenance written by the trainer (data, epochs, seed, licence). */
  meta: Record<string, unknown>;
}

interface Header {
  format: 'dateline-ner';
  tags: string[];
  hashBits: number;
  stages: number;
  scales: number[];
  meta: Record<string, unknown>;
  clusterLevels: number;
  clusterWords: string[];
  clusterIds: number[];
  gazetteer: Array<[string, number]>;
  /** Single words of the English dictionary, newline-joined: far smaller than one gazetteer entry each. */
  dictionary: string;
  casing: Array<[string, number]>;
}

/** Which tags may follow which: I-X only after B-X or I-X, as strict IOB2 demands. Row `tags.length` is the sentence start. */
export function allowedTransitions(tags: string[]): boolean[][] {
  const rows = [...tags, '<s>'];
  return rows.map((prev) =>
    tags.map((next) => {
      if (!next.startsWith('I-')) return true;
      const type = next.slice(2);
      return prev === 'B-' + type || prev === 'I-' + type;
    }),
  );
}

const transitionCache = new WeakMap<string[], boolean[][]>();
function transitions(tags: string[]): boolean[][] {
  let t = transitionCache.get(tags);
  if (!t) {
    t = allowedTransitions(tags);
    transitionCache.set(tags, t);
  }
  return t;
}

export interface Decoded {
  tags: number[];
  /** Marginal probability of the chosen tag at each token (forward-backward over the same scores). */
  probs: number[];
}

/**
 * Local scores of every (token, previous tag, tag) triple, -Infinity where IOB2 forbids the
 * pair. Layout: ((i * (nt + 1)) + prev) * nt + tag; prev = nt is the sentence start and is
 * the only row filled at i = 0.
 */
export function potentials(
  tags: string[],
  hashBits: number,
  weights: Float32Array,
  feats: Uint32Array,
  offsets: Uint32Array,
  view: SentenceView,
): Float64Array {
  const nt = tags.length;
  const mask = (1 << hashBits) - 1;
  const allowed = transitions(tags);
  const n = view.words.length;
  const stride = (nt + 1) * nt;
  const pot = new Float64Array(n * stride);
  const emit = new Float64Array(nt);
  const dyn: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    emit.fill(0);
    for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
      const base = (feats[f]! & mask) * nt;
      for (let t = 0; t < nt; t++) emit[t] += weights[base + t]!;
    }
    const from = i === 0 ? nt : 0;
    const to = i === 0 ? nt : nt - 1;
    for (let prev = from; prev <= to; prev++) {
      const o = i * stride + prev * nt;
      const row = allowed[prev]!;
      const dc = transitionFeatures(view, i, prev, dyn);
      for (let t = 0; t < nt; t++) pot[o + t] = emit[t]!;
      for (let d = 0; d < dc; d++) {
        const base = (dyn[d]! & mask) * nt;
        for (let t = 0; t < nt; t++) pot[o + t] += weights[base + t]!;
      }
      for (let t = 0; t < nt; t++) if (!row[t]) pot[o + t] = -Infinity;
    }
  }
  return pot;
}

/** Best tag sequence under `pot` (exact, first order). */
export function viterbi(nt: number, n: number, pot: Float64Array): number[] {
  const stride = (nt + 1) * nt;
  const delta = new Float64Array(n * nt);
  const back = new Int32Array(n * nt);
  for (let t = 0; t < nt; t++) delta[t] = pot[nt * nt + t]!;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < nt; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < nt; p++) {
        const s = delta[(i - 1) * nt + p]! + pot[i * stride + p * nt + t]!;
        // Strict ">" keeps the lowest tag index on ties, so decoding is deterministic.
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[i * nt + t] = best;
      back[i * nt + t] = arg;
    }
  }
  const out: number[] = new Array(n);
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < nt; t++) {
    if (delta[(n - 1) * nt + t]! > best) {
      best = delta[(n - 1) * nt + t]!;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * nt + arg]!;
  }
  return out;
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Per-token marginals of the chosen tags, reading the perceptron scores as CRF log-potentials. */
export function marginals(nt: number, n: number, pot: Float64Array, chosen: number[]): number[] {
  const stride = (nt + 1) * nt;
  const alpha = new Float64Array(n * nt).fill(-Infinity);
  const beta = new Float64Array(n * nt).fill(-Infinity);
  for (let t = 0; t < nt; t++) alpha[t] = pot[nt * nt + t]!;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < nt; t++) {
      let a = -Infinity;
      for (let p = 0; p < nt; p++) a = logAdd(a, alpha[(i - 1) * nt + p]! + pot[i * stride + p * nt + t]!);
      alpha[i * nt + t] = a;
    }
  }
  for (let t = 0; t < nt; t++) beta[(n - 1) * nt + t] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < nt; p++) {
      let b = -Infinity;
      for (let t = 0; t < nt; t++) b = logAdd(b, pot[(i + 1) * stride + p * nt + t]! + beta[(i + 1) * nt + t]!);
      beta[i * nt + p] = b;
    }
  }
  let z = -Infinity;
  for (let t = 0; t < nt; t++) z = logAdd(z, alpha[(n - 1) * nt + t]!);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = chosen[i]!;
    out[i] = Math.min(1, Math.exp(alpha[i * nt + t]! + beta[i * nt + t]! - z));
  }
  return out;
}

export function decodeSentence(
  tags: string[],
  hashBits: number,
  weights: Float32Array,
  feats: Uint32Array,
  offsets: Uint32Array,
  view: SentenceView,
  withProbs = true,
): Decoded {
  const n = view.words.length;
  if (n === 0) return { tags: [], probs: [] };
  const pot = potentials(tags, hashBits, weights, feats, offsets, view);
  const out = viterbi(tags.length, n, pot);
  return { tags: out, probs: withProbs ? marginals(tags.length, n, pot, out) : out.map(() => 1) };
}

/** Words that never carry a person's name over to their lone occurrences: titles and dictionary words. */
export type WordKind = 'title' | 'word' | null;

/** Whether a lower-cased word is a title, an ordinary English word, or neither, by the model's lists. */
export function wordKindOf(gazetteer: Map<string, number>): (lower: string) => WordKind {
  return (lw) => {
    const kinds = gazetteer.get(lw) ?? 0;
    return kinds & GAZ_TITLE ? 'title' : kinds & GAZ_DICT ? 'word' : null;
  };
}

/**
 * A whole document: the first stage tags every sentence; for two-stage models the second
 * tags them again knowing the first stage's tags here and for the same words elsewhere.
 * Then names are made consistent across the document (propagateNames, unifyTypes), and the
 * confidence of each final tag is its marginal under the last stage's scores.
 */
export function tagDocument(model: NerModel, sentences: string[][]): Decoded[] {
  const nt = model.tags.length;
  const doc = docContext(sentences);
  const run = (weights: Float32Array, ctx: DocContext, priors: number[][] | null) =>
    sentences.map((words, si) => {
      if (words.length === 0) return { tags: [] as number[], pot: new Float64Array(0) };
      const { feats, offsets, view } = sentenceFeatures(words, model.lexicon, ctx, priors ? priors[si]! : null);
      const pot = potentials(model.tags, model.hashBits, weights, feats, offsets, view);
      return { tags: viterbi(nt, words.length, pot), pot };
    });
  let out = run(model.weights, doc, null);
  if (model.stage2) {
    const priors = out.map((d) => d.tags);
    out = run(model.stage2, { ...doc, firstPass: firstPassContext(sentences, priors) }, priors);
  }
  const tags = out.map((d) => d.tags);
  propagateNames(sentences, tags, wordKindOf(model.lexicon.gazetteer));
  unifyTypes(sentences, tags);
  return out.map((d, si) => ({ tags: tags[si]!, probs: d.tags.length ? marginals(nt, d.tags.length, d.pot, tags[si]!) : [] }));
}

/**
 * Document-level consistency for people: once a multi-token person name has been found
 * ("Helen Varga"), a later lone capitalised token equal to one of its parts ("Varga") is
 * that person too, whatever the tagger made of it in isolation. Tags are changed in place;
 * tag indices follow the fixed order O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC.
 */
export function propagateNames(sentences: string[][], tags: number[][], kindOf: (lower: string) => WordKind): void {
  const parts = new Set<string>();
  sentences.forEach((words, si) => {
    const t = tags[si]!;
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== 1) continue;
      let j = i + 1;
      while (j < t.length && t[j] === 2) j++;
      if (j - i > 1) {
        for (let k = i; k < j; k++) {
          const w = words[k]!;
          if (w.length > 1 && /^\p{Lu}\p{Ll}/u.test(w) && kindOf(w.toLowerCase()) !== 'title') parts.add(w);
        }
      }
      i = j - 1;
    }
  });
  if (parts.size === 0) return;
  sentences.forEach((words, si) => {
    const t = tags[si]!;
    for (let i = 0; i < t.length; i++) {
      if (!parts.has(words[i]!)) continue;
      const cur = t[i]!;
      // Only a token standing alone: untagged, or a one-token name of another type.
      const alone = cur === 0 || (cur % 2 === 1 && (i + 1 >= t.length || t[i + 1] !== cur + 1));
      if (!alone || cur === 1) continue;
      const prevFree = i === 0 || t[i - 1] === 0;
      const nextFree = i + 1 >= t.length || t[i + 1] === 0;
      const nextCap = i + 1 < t.length && /^\p{Lu}/u.test(words[i + 1]!);
      // A part that is also an English word ("Xi", "Hunt", "Rose") counts only mid-sentence,
      // where its capital says it is a name rather than the first word of a sentence.
      const initial = i === 0 || /^["'“‘(\[]$/.test(words[i - 1]!);
      if (initial && kindOf(words[i]!.toLowerCase()) === 'word') continue;
      if (prevFree && nextFree && !nextCap) t[i] = 1;
    }
  });
}

/**
 * One type per name and document: lone one-token names tagged with different types in the
 * same text ("Norton" twice as a place, five times as a person) take the majority type,
 * when there is a clear one.
 */
export function unifyTypes(sentences: string[][], tags: number[][]): void {
  const counts = new Map<string, number[]>();
  const lone = (t: number[], i: number) => t[i]! % 2 === 1 && (i + 1 >= t.length || t[i + 1] !== t[i]! + 1);
  sentences.forEach((words, si) => {
    const t = tags[si]!;
    for (let i = 0; i < t.length; i++) {
      if (!lone(t, i)) continue;
      let c = counts.get(words[i]!);
      if (!c) counts.set(words[i]!, (c = [0, 0, 0, 0]));
      c[(t[i]! + 1) >> 1]!++;
    }
  });
  sentences.forEach((words, si) => {
    const t = tags[si]!;
    for (let i = 0; i < t.length; i++) {
      if (!lone(t, i)) continue;
      const c = counts.get(words[i]!)!;
      const total = c[1]! + c[2]! + c[3]!;
      let best = 1;
      for (let k = 2; k <= 3; k++) if (c[k]! > c[best]!) best = k;
      if (c[best]! * 3 >= total * 2 && c[best]! > total - c[best]!) t[i] = best * 2 - 1;
    }
  });
}

function quantise(w: Float32Array): { q: Int16Array; scale: number } {
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]!));
  const scale = maxAbs > 0 ? 32767 / maxAbs : 1;
  const q = new Int16Array(w.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(w[i]! * scale);
  return { q, scale };
}

const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function encodeModel(model: NerModel): Buffer {
  const stages = model.stage2 ? [model.weights, model.stage2] : [model.weights];
  const qs = stages.map(quantise);
  const clusterWords = [...model.lexicon.clusters.keys()].sort();
  const levels = clusterWords.length ? model.lexicon.clusters.get(clusterWords[0]!)!.length : 0;
  const clusterIds: number[] = [];
  for (const w of clusterWords) clusterIds.push(...model.lexicon.clusters.get(w)!);
  const gazetteer: Array<[string, number]> = [];
  const dictionary: string[] = [];
  for (const [phrase, mask] of model.lexicon.gazetteer) {
    if (mask & GAZ_DICT) dictionary.push(phrase);
    if (mask & ~GAZ_DICT) gazetteer.push([phrase, mask & ~GAZ_DICT]);
  }
  const header: Header = {
    format: 'dateline-ner',
    tags: model.tags,
    hashBits: model.hashBits,
    stages: stages.length,
    scales: qs.map((x) => x.scale),
    meta: model.meta,
    clusterLevels: levels,
    clusterWords,
    clusterIds,
    gazetteer: gazetteer.sort(byKey),
    dictionary: dictionary.sort().join('\n'),
    casing: [...model.lexicon.casing.entries()].sort(byKey),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  const parts: Buffer[] = [Buffer.from(MAGIC, 'ascii'), len, json];
  for (const { q } of qs) parts.push(Buffer.from(q.buffer, q.byteOffset, q.byteLength));
  // Fixed level and no timestamp in the stream: the same model always gives the same bytes.
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeModel(buf: Buffer): NerModel {
  const raw = gunzipSync(buf);
  if (raw.subarray(0, 8).toString('ascii') !== MAGIC) throw new Error('not a Dateline NER model of this version (bad magic)');
  const hlen = raw.readUInt32LE(8);
  const header = JSON.parse(raw.subarray(12, 12 + hlen).toString('utf8')) as Header;
  if (header.format !== 'dateline-ner') throw new Error('not a Dateline NER model (bad header)');
  const count = (1 << header.hashBits) * header.tags.length;
  let start = 12 + hlen;
  if (raw.length - start !== count * 2 * header.stages) throw new Error('NER model weights truncated');
  const stages: Float32Array[] = [];
  for (let s = 0; s < header.stages; s++) {
    // Copy so the Int16 view is aligned whatever the header length was.
    const q = new Int16Array(raw.buffer.slice(raw.byteOffset + start, raw.byteOffset + start + count * 2));
    const weights = new Float32Array(count);
    const inv = 1 / header.scales[s]!;
    for (let i = 0; i < count; i++) weights[i] = q[i]! * inv;
    stages.push(weights);
    start += count * 2;
  }
  const clusters = new Map<string, number[]>();
  const L = header.clusterLevels;
  header.clusterWords.forEach((w, i) => clusters.set(w, header.clusterIds.slice(i * L, i * L + L)));
  const gazetteer = new Map(header.gazetteer);
  if (header.dictionary) for (const w of header.dictionary.split('\n')) gazetteer.set(w, (gazetteer.get(w) ?? 0) | GAZ_DICT);
  let maxPhrase = 1;
  for (const [p] of header.gazetteer) maxPhrase = Math.max(maxPhrase, p.split(' ').length);
  return {
    tags: header.tags,
    hashBits: header.hashBits,
    weights: stages[0]!,
    stage2: stages[1] ?? null,
    meta: header.meta,
    lexicon: { clusters, gazetteer, maxPhrase, casing: new Map(header.casing) },
  };
}
