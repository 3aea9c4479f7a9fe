/**
 * The NER model: a hashed linear scorer over BIO tags with greedy left-to-right decoding,
 * and its on-disk form. The file is gzip(magic, header length, JSON header, int16 weights):
 * one self-contained blob that needs nothing from the network or from npm at run time.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { dynamicFeatures, sentenceFeatures, type DocContext, type Lexicon, type SentenceView } from './features.js';

export const MAGIC = 'DLNER001';

export interface NerModel {
  tags: string[];
  hashBits: number;
  /** Row-major: bucket * tags.length + tag. */
  weights: Float32Array;
  lexicon: Lexicon;
  /** Free-form provenance written by the trainer (data, epochs, seed). */
  meta: Record<string, unknown>;
}

interface Header {
  format: 'dateline-ner';
  tags: string[];
  hashBits: number;
  scale: number;
  meta: Record<string, unknown>;
  clusterLevels: number;
  clusterWords: string[];
  clusterIds: number[];
  gazetteer: Array<[string, number]>;
  casing: Array<[string, number]>;
}

/** Which tags may follow which: I-X only after B-X or I-X, as strict IOB2 demands. */
export function allowedTransitions(tags: string[]): boolean[][] {
  return tags.map((prev) =>
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
  /** Softmax probability of the chosen tag among the allowed ones. */
  probs: number[];
}

/**
 * Greedy decoding. `weights` is passed separately so the trainer can decode with its
 * live weights while the shipped model decodes with the averaged ones.
 */
export function decode(
  tags: string[],
  hashBits: number,
  weights: Float32Array,
  feats: Uint32Array,
  offsets: Uint32Array,
  view: SentenceView,
  onStep?: (i: number, predicted: number, dyn: number[], dynCount: number) => number | void,
): Decoded {
  const nt = tags.length;
  const mask = (1 << hashBits) - 1;
  const allowed = transitions(tags);
  const n = view.words.length;
  const out: number[] = new Array(n);
  const probs: number[] = new Array(n);
  const scores = new Float64Array(nt);
  const dyn: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  let p1 = 0;
  let p2 = 0;
  const START = nt;
  for (let i = 0; i < n; i++) {
    scores.fill(0);
    for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
      const base = (feats[f]! & mask) * nt;
      for (let t = 0; t < nt; t++) scores[t] += weights[base + t]!;
    }
    const prev1 = i === 0 ? START : p1;
    const prev2 = i < 2 ? START : p2;
    const dc = dynamicFeatures(view, i, prev1, prev2, dyn);
    for (let d = 0; d < dc; d++) {
      const base = (dyn[d]! & mask) * nt;
      for (let t = 0; t < nt; t++) scores[t] += weights[base + t]!;
    }
    let best = -1;
    let bestScore = -Infinity;
    const row = i === 0 ? null : allowed[p1]!;
    for (let t = 0; t < nt; t++) {
      const ok = row ? row[t] : !tags[t]!.startsWith('I-');
      if (!ok) continue;
      if (scores[t]! > bestScore) {
        bestScore = scores[t]!;
        best = t;
      }
    }
    let z = 0;
    for (let t = 0; t < nt; t++) {
      const ok = row ? row[t] : !tags[t]!.startsWith('I-');
      if (ok) z += Math.exp(scores[t]! - bestScore);
    }
    out[i] = best;
    probs[i] = 1 / z;
    // Training returns the gold tag here: conditioning on the gold history (teacher forcing)
    // was steadier on the dev sets than conditioning on the tagger's own guesses.
    const forced = onStep ? onStep(i, best, dyn, dc) : undefined;
    p2 = p1;
    p1 = typeof forced === 'number' ? forced : best;
  }
  return { tags: out, probs };
}

interface BeamState {
  /** Index of the parent hypothesis in the previous step's beam, -1 at the start. */
  parent: number;
  tag: number;
  prob: number;
  logp: number;
  p1: number;
  p2: number;
}

/**
 * Beam search over the same local scores that greedy decoding uses, each step turned
 * into a softmax over the allowed tags. It lets a weak first choice ("Kennedy" as a
 * person) lose to a better whole span ("Kennedy Space Center" as a place). The static
 * part of each token's scores is computed once and shared by every hypothesis.
 */
export function beamDecode(
  tags: string[],
  hashBits: number,
  weights: Float32Array,
  feats: Uint32Array,
  offsets: Uint32Array,
  view: SentenceView,
  width: number,
): Decoded {
  const nt = tags.length;
  const mask = (1 << hashBits) - 1;
  const allowed = transitions(tags);
  const n = view.words.length;
  const START = nt;
  const base = new Float64Array(nt);
  const local = new Float64Array(nt);
  const dyn: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  const steps: BeamState[][] = [];
  let beam: BeamState[] = [{ parent: -1, tag: START, prob: 1, logp: 0, p1: START, p2: START }];
  for (let i = 0; i < n; i++) {
    base.fill(0);
    for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
      const b = (feats[f]! & mask) * nt;
      for (let t = 0; t < nt; t++) base[t] += weights[b + t]!;
    }
    const next: BeamState[] = [];
    beam.forEach((st, si) => {
      local.set(base);
      const dc = dynamicFeatures(view, i, st.p1, st.p2, dyn);
      for (let d = 0; d < dc; d++) {
        const b = (dyn[d]! & mask) * nt;
        for (let t = 0; t < nt; t++) local[t] += weights[b + t]!;
      }
      const row = st.p1 === START ? null : allowed[st.p1]!;
      let max = -Infinity;
      for (let t = 0; t < nt; t++) {
        const ok = row ? row[t] : !tags[t]!.startsWith('I-');
        if (ok && local[t]! > max) max = local[t]!;
      }
      let z = 0;
      for (let t = 0; t < nt; t++) {
        const ok = row ? row[t] : !tags[t]!.startsWith('I-');
        if (ok) z += Math.exp(local[t]! - max);
      }
      const logz = Math.log(z) + max;
      for (let t = 0; t < nt; t++) {
        const ok = row ? row[t] : !tags[t]!.startsWith('I-');
        if (!ok) continue;
        const lp = local[t]! - logz;
        next.push({ parent: si, tag: t, prob: Math.exp(lp), logp: st.logp + lp, p1: t, p2: st.p1 });
      }
    });
    // Array.prototype.sort is stable, so ties keep generation order and decoding stays deterministic.
    next.sort((a, b) => b.logp - a.logp);
    beam = next.slice(0, width);
    steps.push(beam);
  }
  const out: number[] = new Array(n);
  const probs: number[] = new Array(n);
  let k = 0;
  for (let i = n - 1; i >= 0; i--) {
    const st = steps[i]![k]!;
    out[i] = st.tag;
    probs[i] = st.prob;
    k = st.parent;
  }
  return { tags: out, probs };
}

/** Beam width used at run time; 1 would be greedy. */
export const BEAM_WIDTH = 4;

export function tagSentence(model: NerModel, words: string[], doc: DocContext | null): Decoded {
  if (words.length === 0) return { tags: [], probs: [] };
  const { feats, offsets, view } = sentenceFeatures(words, model.lexicon, doc);
  return beamDecode(model.tags, model.hashBits, model.weights, feats, offsets, view, BEAM_WIDTH);
}

export function encodeModel(model: NerModel): Buffer {
  let maxAbs = 0;
  for (let i = 0; i < model.weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(model.weights[i]!));
  const scale = maxAbs > 0 ? 32767 / maxAbs : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i]! * scale);
  const clusterWords = [...model.lexicon.clusters.keys()].sort();
  const levels = clusterWords.length ? model.lexicon.clusters.get(clusterWords[0]!)!.length : 0;
  const clusterIds: number[] = [];
  for (const w of clusterWords) clusterIds.push(...model.lexicon.clusters.get(w)!);
  const header: Header = {
    format: 'dateline-ner',
    tags: model.tags,
    hashBits: model.hashBits,
    scale,
    meta: model.meta,
    clusterLevels: levels,
    clusterWords,
    clusterIds,
    gazetteer: [...model.lexicon.gazetteer.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    casing: [...model.lexicon.casing.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  const weights = Buffer.from(q.buffer, q.byteOffset, q.byteLength);
  const raw = Buffer.concat([Buffer.from(MAGIC, 'ascii'), len, json, weights]);
  // Fixed level and no timestamp in the stream: the same model always gives the same bytes.
  return gzipSync(raw, { level: 9 });
}

export function decodeModel(buf: Buffer): NerModel {
  const raw = gunzipSync(buf);
  if (raw.subarray(0, 8).toString('ascii') !== MAGIC) throw new Error('not a Dateline NER model (bad magic)');
  const hlen = raw.readUInt32LE(8);
  const header = JSON.parse(raw.subarray(12, 12 + hlen).toString('utf8')) as Header;
  if (header.format !== 'dateline-ner') throw new Error('not a Dateline NER model (bad header)');
  const start = 12 + hlen;
  const count = (1 << header.hashBits) * header.tags.length;
  if (raw.length - start !== count * 2) throw new Error('NER model weights truncated');
  // Copy so the Int16 view is aligned whatever the header length was.
  const q = new Int16Array(raw.buffer.slice(raw.byteOffset + start, raw.byteOffset + start + count * 2));
  const weights = new Float32Array(count);
  const inv = 1 / header.scale;
  for (let i = 0; i < count; i++) weights[i] = q[i]! * inv;
  const clusters = new Map<string, number[]>();
  const L = header.clusterLevels;
  header.clusterWords.forEach((w, i) => clusters.set(w, header.clusterIds.slice(i * L, i * L + L)));
  let maxPhrase = 1;
  for (const [p] of header.gazetteer) maxPhrase = Math.max(maxPhrase, p.split(' ').length);
  return {
    tags: header.tags,
    hashBits: header.hashBits,
    weights,
    meta: header.meta,
    lexicon: { clusters, gazetteer: new Map(header.gazetteer), maxPhrase, casing: new Map(header.casing) },
  };
}
