import type { Doc } from '../core/doc.js';
import { createHash } from 'node:crypto';

/**
 * Text primitives for the story layer: MinHash over word shingles for near-duplicate
 * (syndicated) copies, sparse TF-IDF vectors for topical similarity, and the shape tests
 * that keep captions, datelines, bylines and context-bound sentences out of timelines
 * and summaries.
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

// ---------------------------------------------------------------- sentence shape

/**
 * A photo caption or credit: "... in this June 2019 photo", "PHOTO: AFP", "(Picture: Getty)".
 * A caption dates the picture, not an event of the story, and reads badly as a summary line.
 */
export function isCaption(sentence: string): boolean {
  const s = sentence.trim();
  return (
    /\bin (?:this|a|an) (?:[\p{L}\p{N},.]+ ){0,4}(?:file )?(?:photo|photograph|picture|image|handout|screengrab|video still)\b/iu.test(s) ||
    /^(?:file )?(?:photo|photograph|picture|image|credit|caption|pictured)s?\s*(?::|\||-|–|—|by\b)/i.test(s) ||
    /\((?:file )?(?:photo|photograph|picture|image|credit)s?\s*(?::|by\b)[^)]*\)\s*$/i.test(s) ||
    /\b(?:PHOTO|PICTURE|IMAGE)\s*:\s*\S/.test(s) ||
    /\b(?:photo|photograph|picture|image)\s+(?:by|courtesy of|credit)\b/i.test(s) ||
    /^\s*\S.*\bpictured\b.*$/i.test(s) && s.length < 160
  );
}

/**
 * Where the body starts after a wire dateline ("KELVARTON, Feb 6 (Ledger Wire) - ",
 * "SEOUL (Reuters) -- "), or 0. The dateline is the publication stamp, not an event, and
 * costs a summary line its first eight words.
 */
export function datelineEnd(sentence: string): number {
  const m = /^\s*[\p{Lu}][\p{Lu}\p{M}'’. -]{1,40}(?:\/[\p{Lu}][\p{Lu}\p{M}'’. -]{1,40})?(?:,\s*[\p{L}.]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^()]{2,40}\))?\s*(?:-{1,2}|–|—)\s+(?=\S)/u.exec(sentence);
  if (!m) return 0;
  // An all-capitals place, or a parenthesised agency: "THE UNION SAID - ..." is not a dateline.
  return /\(|\d/.test(m[0]) || m[0].trim().length < 30 ? m[0].length : 0;
}

/** A byline or credit line: "By Jane Doe", "Reporting by ...; editing by ...". */
export function isByline(sentence: string): boolean {
  const s = sentence.trim();
  return /^(?:by|words by|written by|reporting by|additional reporting by|edited by|compiled by)\s+\p{Lu}/iu.test(s) || /\b(?:reporting|editing|writing) by \p{Lu}[\p{L}'’ -]+(?:;|$)/u.test(s);
}

/** Page furniture that the cleaner let through: share prompts, newsletters, copyright, comment notices. */
export function isBoilerplate(sentence: string): boolean {
  const s = sentence.trim();
  if (/(?:©|\ball rights reserved\b|\bcopyright\b)/i.test(s)) return true;
  if (/\b(?:sign up|subscribe|newsletter|click here|read more|share this|follow us|comments? (?:are|is) (?:closed|moderated)|cookie|privacy policy|terms of use)\b/i.test(s) && contentWords(s).length < 14) return true;
  return contentWords(s).length < 3;
}

/**
 * A sentence that leans on the one before: opened by a conjunction or a pronoun whose
 * referent is elsewhere ("But the company said...", "It was the first...", "They had...").
 */
export function needsContext(sentence: string): boolean {
  return /^\s*["“‘']?(?:But|And|Or|So|Yet|Still|Also|However|Meanwhile|It|Its|It's|This|That|These|Those|They|Their|Them|He|She|His|Her|Such)\b/u.test(sentence);
}

/**
 * A crude stem for matching event words across sources: the first five letters. Enough
 * to join "Vietnam"/"Vietnamese", "meeting"/"meetings", "Korea"/"Korean"; the rare-word
 * requirement keeps the few accidental joins from deciding a match on their own.
 */
export function eventStem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** In how many sentences of these documents each event stem appears, and how many sentences there are. */
export function sentenceStemCounts(docs: Pick<Doc, 'text' | 'spans'>[]): { df: Map<string, number>; sentences: number } {
  const df = new Map<string, number>();
  let sentences = 0;
  for (const d of docs) {
    for (const s of d.spans) {
      if (s.kind !== 'sentence') continue;
      sentences++;
      for (const w of new Set(contentWords(d.text.slice(s.start, s.end)).map(eventStem))) df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  return { df, sentences };
}
