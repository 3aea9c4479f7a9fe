/**
 * Feature extraction shared by training and run time. Features are never materialised as
 * strings: each is a 32-bit FNV-1a hash seeded by its template, so extraction allocates
 * little and the model's size is bounded by the hash table, not by the vocabulary.
 */

/** What the model knows about words beyond its weights: clusters, gazetteer, casing habits. */
export interface Lexicon {
  /** Lower-cased word to cluster ids, coarse to fine. */
  clusters: Map<string, number[]>;
  /** Lower-cased, space-joined phrase (in our tokenisation) to a bit mask of GAZ_* kinds. */
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
export const GAZ_CITY = 512;
export const GAZ_COUNTRY = 1024;
export const GAZ_CAPITAL = 2048;
export const GAZ_CONTINENT = 4096;
/** An English dictionary word (lower-case): single tokens only, never matched as a phrase. */
export const GAZ_DICT = 8192;
export const GAZ_KINDS = 14;
const DICT_KIND = 13;
/** Kinds that name an entity by themselves (not titles, cue words or plain vocabulary). */
const NAME_KINDS = GAZ_FIRST | GAZ_LAST | GAZ_PERSON | GAZ_PLACE | GAZ_ORG | GAZ_CITY | GAZ_COUNTRY | GAZ_CAPITAL | GAZ_CONTINENT;

/** Casing buckets: mostly capitalised, mixed, mostly lower-case mid-sentence. */
export const CASE_UPPER = 1;
export const CASE_MIXED = 2;
export const CASE_LOWER = 3;

/** Per-document evidence: words seen capitalised mid-sentence somewhere else in the text. */
export interface DocContext {
  capitalisedMid: Set<string>;
  lowerMid: Set<string>;
  /**
   * Lower-cased capitalised word to the words around its occurrences in the document
   * ("p:emperor", "n:said"): context aggregation, so every mention of a name shares the
   * evidence of the most telling one.
   */
  contexts: Map<string, string[]>;
  /**
   * Second stage only: for each lower-cased capitalised word, what the first-pass tagger
   * made of its occurrences in this document (FIRST_PASS_* slots).
   */
  firstPass?: Map<string, Int32Array>;
}

/** Slots of DocContext.firstPass: tagged O, as PER/ORG/LOC, as part of a multi-token PER/ORG/LOC. */
export const FP_SLOTS = 7;

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

/** How many distinct neighbouring words a name collects per document; more add noise, not evidence. */
const MAX_CONTEXTS = 12;

/** Collects document-level evidence; `sentences` are token-text arrays. */
export function docContext(sentences: string[][]): DocContext {
  const capitalisedMid = new Set<string>();
  const lowerMid = new Set<string>();
  const contexts = new Map<string, string[]>();
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = s[i]!;
      if (isCapitalised(w) && /\p{L}/u.test(w)) {
        const lw = w.toLowerCase();
        let c = contexts.get(lw);
        if (!c) {
          c = [];
          contexts.set(lw, c);
        }
        const before = 'p:' + (i > 0 ? s[i - 1]!.toLowerCase() : '<s>');
        const after = 'n:' + (i + 1 < s.length ? s[i + 1]!.toLowerCase() : '</s>');
        if (c.length < MAX_CONTEXTS && !c.includes(before)) c.push(before);
        if (c.length < MAX_CONTEXTS && !c.includes(after)) c.push(after);
      }
      if (i === 0) continue;
      const prev = s[i - 1]!;
      if (/^["'“‘(\[:«]$/.test(prev)) continue;
      if (isCapitalised(w)) {
        if (w.length > 1 && w !== w.toUpperCase()) capitalisedMid.add(w.toLowerCase());
      } else if (/\p{L}/u.test(w)) lowerMid.add(w);
    }
  }
  return { capitalisedMid, lowerMid, contexts };
}

/** Entity type of a tag index in the fixed tag order O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC: 0 for O, else 1..3. */
export function tagType(tag: number): number {
  return tag === 0 ? 0 : (tag + 1) >> 1;
}

/**
 * Per-token summary of one first-pass tagging: slot 0 counts capitalised occurrences left
 * outside any name, slots 1..3 occurrences inside a PER/ORG/LOC, slots 4..6 those inside a
 * multi-token name of that type (so that "Varga" after "Helen Varga" knows it was a person).
 */
export function firstPassContext(sentences: string[][], tags: number[][]): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  sentences.forEach((words, si) => {
    const t = tags[si]!;
    const multi = multiTokenMask(t);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!isCapitalised(w) || !/\p{L}/u.test(w)) continue;
      const lw = w.toLowerCase();
      let c = out.get(lw);
      if (!c) {
        c = new Int32Array(FP_SLOTS);
        out.set(lw, c);
      }
      const ty = tagType(t[i]!);
      c[ty]++;
      if (ty > 0 && multi[i]) c[3 + ty]++;
    }
  });
  return out;
}

function multiTokenMask(tags: number[]): Uint8Array {
  const m = new Uint8Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const ty = tagType(tags[i]!);
    if (ty === 0) continue;
    const inside = (tags[i]! & 1) === 0;
    const cont = i + 1 < tags.length && tags[i + 1]! === ty * 2;
    if (inside || cont) m[i] = 1;
  }
  return m;
}

/**
 * Gazetteer matches as per-token feature codes, kind * 4 + position (0 unit, 1 begin,
 * 2 inside, 3 last). Per kind, the longest phrase starting at a token wins and the scan
 * resumes after it, so "New York City" is one three-token place rather than "New York"
 * plus "York" plus "City"; the tagger learns how far to trust each kind.
 */
export function gazetteerCodes(lower: string[], lex: Lexicon): number[][] {
  const n = lower.length;
  const codes: number[][] = lower.map(() => []);
  if (lex.gazetteer.size === 0) return codes;
  // best[i * GAZ_KINDS + k]: length of the longest phrase of kind k starting at token i.
  const best = new Uint8Array(n * GAZ_KINDS);
  for (let i = 0; i < n; i++) {
    let phrase = '';
    for (let len = 1; len <= lex.maxPhrase && i + len <= n; len++) {
      phrase = len === 1 ? lower[i]! : phrase + ' ' + lower[i + len - 1]!;
      const mask = lex.gazetteer.get(phrase);
      if (mask === undefined) continue;
      for (let k = 0; k < GAZ_KINDS; k++) if (mask & (1 << k)) best[i * GAZ_KINDS + k] = len;
    }
  }
  for (let k = 0; k < GAZ_KINDS; k++) {
    if (k === DICT_KIND) {
      for (let i = 0; i < n; i++) if (best[i * GAZ_KINDS + k] === 1) codes[i]!.push(k * 4);
      continue;
    }
    let i = 0;
    while (i < n) {
      const len = best[i * GAZ_KINDS + k]!;
      if (len === 0) {
        i++;
        continue;
      }
      if (len === 1) codes[i]!.push(k * 4);
      else {
        codes[i]!.push(k * 4 + 1);
        for (let j = 1; j < len - 1; j++) codes[i + j]!.push(k * 4 + 2);
        codes[i + len - 1]!.push(k * 4 + 3);
      }
      i += len;
    }
  }
  return codes;
}

/** Bit mask of all kinds the token itself is listed under, as a single word. */
function wordKinds(lw: string, lex: Lexicon): number {
  return lex.gazetteer.get(lw) ?? 0;
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
  prior: number[] | null = null,
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
  const priorMulti = prior ? multiTokenMask(prior) : null;
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
    const cap = isCapitalised(w) ? 1 : 0;
    for (const g of gaz[i]!) {
      feats.push(hashInt(T[28]!, g));
      // Whether the matched words are capitalised matters: "may" is a month or a verb, "May" may be a name.
      feats.push(hashInt(T[34]!, g * 4 + cap * 2 + (first ? 1 : 0)));
    }
    const kinds = wordKinds(lw, lex);
    if (cap) {
      // A capitalised common word that no name list knows is the classic sentence-initial false positive.
      const dict = kinds & GAZ_DICT ? 1 : 0;
      const named = kinds & NAME_KINDS ? 2 : 0;
      feats.push(hashInt(T[35]!, dict + named + (first ? 4 : 0) + (lex.casing.get(lw) ?? 0) * 8));
    }
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
    const ctxs = doc && cap ? doc.contexts.get(lw) : undefined;
    if (ctxs) for (const c of ctxs) feats.push(hashStr(T[37]!, c));
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
    if (prior) stackFeatures(feats, i, w, lw, short[i]!, prior, priorMulti!, doc);
  }
  offsets[n] = feats.length;
  return { feats: Uint32Array.from(feats), offsets, view: { words, lower, short, fine } };
}

/**
 * Second-stage features: the first pass's own tag here and around, and what it made of
 * the same word elsewhere in the document with this occurrence taken out.
 */
function stackFeatures(
  feats: number[],
  i: number,
  w: string,
  lw: string,
  sh: string,
  prior: number[],
  priorMulti: Uint8Array,
  doc: DocContext | null,
): void {
  const p = prior[i]!;
  const n = prior.length;
  feats.push(hashInt(T[80]!, p));
  feats.push(hashStr(hashInt(T[81]!, p), sh));
  feats.push(hashInt(T[82]!, (i > 0 ? prior[i - 1]! : 15) * 16 + p));
  feats.push(hashInt(T[83]!, p * 16 + (i + 1 < n ? prior[i + 1]! : 15)));
  const counts = doc?.firstPass?.get(lw);
  if (!counts || !isCapitalised(w)) return;
  const ty = tagType(p);
  const others = Array.from(counts);
  others[ty]--;
  if (ty > 0 && priorMulti[i]) others[3 + ty]--;
  let maj = -1;
  let majCount = 0;
  for (let t = 0; t < 4; t++) {
    if (others[t]! > majCount) {
      majCount = others[t]!;
      maj = t;
    }
  }
  if (maj < 0) {
    feats.push(hashInt(T[84]!, ty));
    return;
  }
  for (let t = 0; t < 4; t++) if (others[t]! > 0) feats.push(hashInt(T[85]!, t * 2 + (others[t]! > 1 ? 1 : 0)));
  feats.push(hashInt(T[86]!, maj * 4 + ty));
  for (let t = 1; t < 4; t++) if (others[3 + t]! > 0) feats.push(hashInt(T[87]!, t * 4 + ty));
}

/**
 * Transition features: they depend on the previous tag only (first order), so that
 * Viterbi decoding is exact. `p1` is the previous tag index, or the tag count at the start.
 */
export function transitionFeatures(view: SentenceView, i: number, p1: number, out: number[]): number {
  out[0] = hashInt(T[60]!, p1);
  out[1] = hashStr(hashInt(T[62]!, p1), view.lower[i]!);
  out[2] = hashStr(hashInt(T[63]!, p1), view.short[i]!);
  out[3] = hashInt(hashInt(T[64]!, p1), view.fine[i]! + 8);
  return 4;
}
