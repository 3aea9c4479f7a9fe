import { createHash } from 'node:crypto';

/**
 * Text similarity primitives for the story layer: MinHash over word shingles for
 * near-duplicate (syndicated) copies, and sparse TF-IDF vectors for topical similarity.
 */

const STOPWORDS = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did not no it its this that these those he she they we you i his her their our your them him us me my who whom which what when where why how than then there here also into over after before about against between during under more most some such only own same so too very can will would should could may might must said says say told just up out new one two'.split(' '),
);

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/['’]s$/, ''));
}

export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

const HASHES = 64;
const SEEDS = Array.from({ length: HASHES }, (_, i) => i * 0x9e3779b1);

function hash32(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}

export function shingles(text: string, size = 5): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  if (out.size === 0 && w.length) out.add(w.join(' '));
  return out;
}

export function minhash(text: string): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const sh of shingles(text)) {
    for (let i = 0; i < HASHES; i++) {
      const h = hash32(sh, SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two shingle sets from their MinHash signatures. */
export function minhashSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Share of the smaller document's shingles found in the larger: catches a copy with extra header or footer. */
export function containment(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let hit = 0;
  for (const s of small) if (large.has(s)) hit++;
  return hit / small.size;
}

export type SparseVector = Map<string, number>;

export function cosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function fingerprint(text: string): string {
  return createHash('sha1').update(words(text).join(' ')).digest('hex').slice(0, 16);
}
