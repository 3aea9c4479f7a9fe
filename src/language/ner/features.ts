/**
 * Feature extraction shared by training and run time. Features are never materialised as
 * strings: each is a 32-bit FNV-1a hash seeded by its template, so extraction allocates
 * little and the model's size is bounded by the hash table, not by the vocabulary.
 */

/** What the model knows about words beyond its weights: clusters, gazetteer, casing habits. */
export interface Lexicon {
  /** Lower-cased word to cluster ids, coarse to fine. */
  clusters: Map<string, number[]>;
  /** Lower-cased, space-joined phrase to a bit mask of GAZ_* kinds. */
  gazetteer: Map<string, number>;
  /** Longest gazetteer phrase, in tokens. */
  maxPhrase: number;
  /** Lower-cased word to how it is usually cased mid-sentence (CASE_* bucket). */
  casing: Map<string, number>;
}

export const GAZ_FIRST = 1;
export const GAZ_LAST = 2;
export const GAZ_PERSON = 4;
export const GAZ_PLACE = 8;
export const GAZ_ORG = 16;
export const GAZ_DEMONYM = 32;
export const GAZ_TITLE = 64;
export const GAZ_ORGWORD = 128;
export const GAZ_PLACEWORD = 256;
export const GAZ_KINDS = 9;

/** Casing buckets: mostly capitalised, mixed, mostly lower-case mid-sentence. */
export const CASE_UPPER = 1;
export const CASE_MIXED = 2;
export const CASE_LOWER = 3;

/** Per-document evidence: words seen capitalised mid-sentence somewhere else in the text. */
export interface DocContext {
  capitalisedMid: Set<string>;
  lowerMid: Set<string>;
}

const FNV_PRIME = 0x01000193;

export function hashStr(seed: number, s: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

export function hashInt(seed: number, n: number): number {
  let h = seed >>> 0;
  h ^= n & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (n >>> 8) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (n >>> 16) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  return h >>> 0;
}

/** Template seeds: distinct per template so that equal strings in two templates do not collide. */
const T: number[] = [];
for (let i = 0; i < 96; i++) T.push(hashInt(0x811c9dc5, i * 7919 + 13));

export function shape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length && s.length < 12; i++) {
    const c = w[i]!;
    if (c >= '0' && c <= '9') s += 'd';
    else if (c !== c.toLowerCase()) s += 'X';
    else if (c !== c.toUpperCase()) s += 'x';
    else s += c;
  }
  return s;
}

export function shortShape(w: string): string {
  const full = shape(w);
  let s = '';
  for (let i = 0; i < full.length; i++) if (i === 0 || full[i] !== full[i - 1]) s += full[i];
  return s;
}

function isCapitalised(w: string): boolean {
  const c = w[0];
  return c !== undefined && c !== c.toLowerCase();
}

/** Collects document-level casing evidence; `sentences` are token-text arrays. */
export function docContext(sentences: string[][]): DocContext {
  const capitalisedMid = new Set<string>();
  const lowerMid = new Set<string>();
  for (const s of sentences) {
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!;
      const prev = s[i - 1]!;
      if (/^["'“‘(\[:«]$/.test(prev)) continue;
      if (isCapitalised(w)) {
        if (w.length > 1 && w !== w.toUpperCase()) capitalisedMid.add(w.toLowerCase());
      } else if (/\p{L}/u.test(w)) lowerMid.add(w);
    }
  }
  return { capitalisedMid, lowerMid };
}

/** Gazetteer matches as per-token feature codes: kind * 2 + (0 begin | 1 inside). */
function gazetteerCodes(lower: string[], lex: Lexicon): number[][] {
  const codes: number[][] = lower.map(() => []);
  if (lex.gazetteer.size === 0) return codes;
  for (let i = 0; i < lower.length; i++) {
    let phrase = '';
    for (let n = 1; n <= lex.maxPhrase && i + n <= lower.length; n++) {
      phrase = n === 1 ? lower[i]! : phrase + ' ' + lower[i + n - 1]!;
      const mask = lex.gazetteer.get(phrase);
      if (mask === undefined) continue;
      for (let k = 0; k < GAZ_KINDS; k++) {
        if ((mask & (1 << k)) === 0) continue;
        // Single-token hits and phrase hits are kept apart: "new" alone is not a place.
        const multi = n > 1 ? 1 : 0;
        codes[i]!.push(k * 4 + multi * 2);
        for (let j = 1; j < n; j++) codes[i + j]!.push(k * 4 + multi * 2 + 1);
      }
    }
  }
  return codes;
}

const RUN_GLUE = new Set(['of', 'the', 'for', '&', 'and', 'de', 'du', 'la', 'von', 'van', 'der', '-']);

/** For each token inside a run of capitalised words (allowing "of", "&" ... between them), the run's [start, end). */
function capitalisedRuns(words: string[]): Array<[number, number] | null> {
  const out: Array<[number, number] | null> = words.map(() => null);
  const cap = words.map((w) => /^[\p{Lu}\d]/u.test(w) && /\p{L}/u.test(w));
  let i = 0;
  while (i < words.length) {
    if (!cap[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < words.length && cap[j]) j++;
      else if (j + 1 < words.length && RUN_GLUE.has(words[j]!.toLowerCase()) && cap[j + 1]) j += 2;
      else break;
    }
    for (let k = i; k < j; k++) out[k] = [i, j];
    i = j;
  }
  return out;
}

/** Pre-computed per-token views of a sentence, shared by static and dynamic features. */
export interface SentenceView {
  words: string[];
  lower: string[];
  short: string[];
  fine: number[];
}

/**
 * Static (tag-independent) features for every token of one sentence, as flat hash arrays.
 * `offsets[i]..offsets[i+1]` index the features of token i.
 */
export function sentenceFeatures(
  words: string[],
  lex: Lexicon,
  doc: DocContext | null,
): { feats: Uint32Array; offsets: Uint32Array; view: SentenceView } {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase());
  const shp = words.map(shape);
  const short = words.map(shortShape);
  const clus = lower.map((w) => lex.clusters.get(w) ?? null);
  const gaz = gazetteerCodes(lower, lex);
  const feats: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const L = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : lower[i]!);
  const S = (i: number) => (i < 0 ? '<s>' : i >= n ? '</s>' : short[i]!);
  const C = (i: number, level: number) => {
    if (i < 0) return -1;
    if (i >= n) return -2;
    const c = clus[i];
    return c ? c[level]! : -3;
  };
  const fine: number[] = [];
  const runs = capitalisedRuns(words);
  for (let i = 0; i < n; i++) {
    offsets[i] = feats.length;
    const w = words[i]!;
    const lw = lower[i]!;
    feats.push(T[0]!);
    feats.push(hashStr(T[1]!, w));
    feats.push(hashStr(T[2]!, lw));
    for (let k = 1; k <= 4 && k <= lw.length; k++) {
      feats.push(hashStr(T[2 + k]!, lw.slice(0, k)));
      feats.push(hashStr(T[6 + k]!, lw.slice(-k)));
    }
    feats.push(hashStr(T[11]!, shp[i]!));
    feats.push(hashStr(T[12]!, short[i]!));
    const first = i === 0 || (i === 1 && /^["'“‘(\[-]$/.test(words[0]!));
    if (first) feats.push(hashStr(T[13]!, short[i]!));
    feats.push(hashStr(T[14]!, L(i - 1)));
    feats.push(hashStr(T[15]!, L(i + 1)));
    feats.push(hashStr(T[16]!, L(i - 2)));
    feats.push(hashStr(T[17]!, L(i + 2)));
    feats.push(hashStr(T[18]!, S(i - 1)));
    feats.push(hashStr(T[19]!, S(i + 1)));
    feats.push(hashStr(hashStr(T[20]!, L(i - 1)), lw));
    feats.push(hashStr(hashStr(T[21]!, lw), L(i + 1)));
    feats.push(hashStr(hashStr(hashStr(T[33]!, S(i - 1)), short[i]!), S(i + 1)));
    const levels = clus[i]?.length ?? lex.clusters.values().next().value?.length ?? 0;
    for (let l = 0; l < levels; l++) {
      feats.push(hashInt(T[40 + l]!, C(i, l) + 8));
      feats.push(hashInt(T[44 + l]!, C(i - 1, l) + 8));
      feats.push(hashInt(T[48 + l]!, C(i + 1, l) + 8));
    }
    if (levels > 0) feats.push(hashInt(hashStr(T[52]!, short[i]!), C(i, levels - 1) + 8));
    fine.push(levels > 0 ? C(i, levels - 1) : -3);
    for (const g of gaz[i]!) feats.push(hashInt(T[28]!, g));
    if (i > 0) for (const g of gaz[i - 1]!) feats.push(hashInt(T[29]!, g));
    if (i + 1 < n) for (const g of gaz[i + 1]!) feats.push(hashInt(T[30]!, g));
    const casing = lex.casing.get(lw) ?? 0;
    feats.push(hashInt(hashStr(T[31]!, short[i]!), casing * 2 + (first ? 1 : 0)));
    if (doc && isCapitalised(w)) {
      const mid = doc.capitalisedMid.has(lw) ? 1 : 0;
      const low = doc.lowerMid.has(lw) ? 2 : 0;
      feats.push(hashInt(T[32]!, mid + low + (first ? 4 : 0)));
    }
    feats.push(hashInt(T[36]!, Math.min(w.length, 10)));
    const run = runs[i];
    if (run) {
      // The last word of a capitalised run usually decides its type ("... Gaming", "... College").
      const [a, b] = run;
      const head = lower[b - 1]!;
      const len = b - a;
      const pos = len === 1 ? 'U' : i === a ? 'B' : i === b - 1 ? 'L' : 'I';
      feats.push(hashStr(T[70]!, head));
      feats.push(hashStr(hashStr(T[71]!, pos), head.slice(-3)));
      feats.push(hashStr(T[72]!, pos + Math.min(len, 5)));
      feats.push(hashStr(hashStr(T[73]!, pos), L(a - 1)));
      feats.push(hashStr(T[74]!, L(b)));
      if (len > 1) feats.push(hashStr(T[75]!, lower[a]!));
      if (levels > 0) feats.push(hashInt(hashStr(T[76]!, pos), C(b - 1, levels - 1) + 8));
      for (const g of gaz[b - 1]!) feats.push(hashInt(T[77]!, g));
    }
  }
  offsets[n] = feats.length;
  return { feats: Uint32Array.from(feats), offsets, view: { words, lower, short, fine } };
}

/** Features that depend on the tags already chosen to the left (greedy decoding history). */
export function dynamicFeatures(view: SentenceView, i: number, p1: number, p2: number, out: number[]): number {
  out[0] = hashInt(T[60]!, p1);
  out[1] = hashInt(T[61]!, p1 * 16 + p2);
  out[2] = hashStr(hashInt(T[62]!, p1), view.lower[i]!);
  out[3] = hashStr(hashInt(T[63]!, p1), view.short[i]!);
  out[4] = hashInt(hashInt(T[64]!, p1), view.fine[i]! + 8);
  return 5;
}
