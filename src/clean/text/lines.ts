import { isStopword } from './features.js';

/**
 * Splitting a page dump into lines and repairing the line structure a copy mangles:
 * words and sentences broken across lines, punctuation stranded on a line of its own,
 * captions pasted twice. Every unit keeps the raw ranges it came from so offsets stay exact.
 */

export interface RawLine {
  /** Offsets of the whole line in the raw dump, without the line break. */
  lineStart: number;
  lineEnd: number;
  /** Offsets of the line's content: trimmed, and without a leading bullet marker. */
  start: number;
  end: number;
  text: string;
  bullet: boolean;
  /** Empty lines seen since the previous non-empty line. */
  blankBefore: number;
}

export interface Unit {
  /** Raw ranges this unit was assembled from, in order. */
  ranges: { start: number; end: number }[];
  /** Separator placed before each range after the first ('' for a repaired word). */
  joins: string[];
  text: string;
  /** Indexes into the RawLine array. */
  lines: number[];
  bullet: boolean;
  blankBefore: number;
  /** Why lines were joined or dropped while assembling, for the line decisions. */
  repairs: string[];
}

const SPACE = /[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]/;
// Bullet glyphs a copy leaves in front of list items (browser and text-mode renderers).
const BULLET = /^(?:[•◦▪▫●○■□·‣⁃–—*>]|[-+o](?=\s))\s+/u;

const DATE_FIELD = /^(?:[Dd]ate[d]?|[Pp]osted|[Pp]ublished|[Uu]pdated)\s*[:\-–]?\s*(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})\s+(?=[\p{Lu}"“‘'])/u;

export function splitLines(raw: string): RawLine[] {
  const out: RawLine[] = [];
  let blank = 0;
  let pos = 0;
  while (pos <= raw.length) {
    let nl = pos;
    while (nl < raw.length && raw[nl] !== '\n' && raw[nl] !== '\r') nl++;
    let s = pos;
    let e = nl;
    while (s < e && SPACE.test(raw[s])) s++;
    while (e > s && SPACE.test(raw[e - 1])) e--;
    let bullet = false;
    if (s < e) {
      const m = BULLET.exec(raw.slice(s, Math.min(e, s + 8)));
      if (m && s + m[0].length < e) {
        s += m[0].length;
        bullet = true;
      }
    }
    if (s < e) {
      // A template's date field glued in front of the first paragraph ("date 2014-01-01 The
      // summit ..."): the field is metadata, left to date inference, not article text.
      const label = DATE_FIELD.exec(raw.slice(s, Math.min(e, s + 40)));
      if (label && e - (s + label[0].length) > 20) s += label[0].length;
    }
    out.push({ lineStart: pos, lineEnd: nl, start: s, end: e, text: raw.slice(s, e), bullet, blankBefore: s < e ? blank : 0 });
    if (s < e) blank = 0;
    else blank++;
    if (nl >= raw.length) break;
    pos = nl + (raw[nl] === '\r' && raw[nl + 1] === '\n' ? 2 : 1);
  }
  return out;
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Token counts over the whole dump: the document's own vocabulary, used to judge repairs. */
export function vocabulary(raw: string): Map<string, number> {
  const v = new Map<string, number>();
  for (const m of raw.toLowerCase().matchAll(WORD_RE)) v.set(m[0], (v.get(m[0]) ?? 0) + 1);
  return v;
}

// Very common short words of several languages; a fragment that is one of these is a word.
const COMMON = new Set(
  'a i o e y à é an as at be by do go he if in is it me my no of on or so to up us we am de la le el en un et da di il em ao na no os um der die das und im zu ist'.split(' '),
);

const TERMINAL = /[.!?。！？…:;]["'”’»)\]]*$/u;
const STRAY = /^[.,;:!?…"'”’»)\]]{1,3}$/u;

/**
 * Decide whether the last word of one line and the first of the next are halves of one
 * word. The document is its own dictionary: the joined form wins if it occurs elsewhere in
 * the dump, or if neither fragment is a word the dump uses on its own.
 */
export function joinsWord(a: string, b: string, vocab: Map<string, number>): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const joined = la + lb;
  // The fragments themselves are counted once each in the vocabulary by their own line.
  const known = (w: string): boolean => COMMON.has(w) || (vocab.get(w) ?? 0) > 1;
  if ((vocab.get(joined) ?? 0) > 0) return !(known(la) && known(lb) && (vocab.get(joined) ?? 0) < Math.min(vocab.get(la) ?? 0, vocab.get(lb) ?? 0) / 4);
  if (!known(la) && !known(lb) && (la.length <= 2 || lb.length <= 2)) return true;
  return false;
}

function wordCount(s: string): number {
  return (s.match(WORD_RE) ?? []).length;
}

/**
 * Assemble units from raw lines: attach stray punctuation to the previous line, join lines
 * broken mid-word or mid-sentence, and drop a line that repeats the one before it.
 */
export function assembleUnits(raw: string, lines: RawLine[]): { units: Unit[]; dropped: Map<number, string> } {
  const vocab = vocabulary(raw);
  const units: Unit[] = [];
  const dropped = new Map<number, string>();
  const norm = (s: string): string => s.replace(/\s+/g, ' ').toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    const ln = lines[i];
    if (ln.start >= ln.end) continue;
    const prev = units[units.length - 1];
    // Copies often double-space every line, so one empty line does not end a paragraph
    // for the purpose of repairs; two do.
    const adjacent = prev !== undefined && ln.blankBefore <= 1;
    if (prev && ln.blankBefore <= 1 && STRAY.test(ln.text) && !TERMINAL.test(prev.text)) {
      prev.ranges.push({ start: ln.start, end: ln.end });
      prev.joins.push('');
      prev.text += ln.text;
      prev.lines.push(i);
      prev.repairs.push(`stray punctuation "${ln.text}" attached to the previous line`);
      continue;
    }
    if (prev && norm(ln.text) === norm(prev.text)) {
      dropped.set(i, 'repeats the line before it (caption or link shown twice)');
      continue;
    }
    if (adjacent && !ln.bullet && !prev.bullet) {
      const first = /^[\p{Ll}]/u.test(ln.text);
      const prevEnd = prev.text.slice(-1);
      if (first && !TERMINAL.test(prev.text) && /[\p{L},\-–]/u.test(prevEnd)) {
        const a = /[\p{L}\p{M}]+$/u.exec(prev.text)?.[0] ?? '';
        const b = /^[\p{L}\p{M}]+/u.exec(ln.text)?.[0] ?? '';
        // Only prose is worth repairing: the previous raw line must read like the start of
        // a sentence, not a menu entry or a title.
        const lastWords = (prev.text.match(WORD_RE) ?? []).slice(-12);
        const prose = lastWords.length >= 6 && lastWords.filter(isStopword).length >= 2 && wordCount(ln.text) >= 2;
        if (prose && a && b && /\p{L}$/u.test(prev.text) && joinsWord(a, b, vocab)) {
          prev.ranges.push({ start: ln.start, end: ln.end });
          prev.joins.push('');
          prev.text += ln.text;
          prev.lines.push(i);
          prev.repairs.push(`word broken across lines repaired ("${a}" + "${b}")`);
          continue;
        }
        if (prose) {
          prev.ranges.push({ start: ln.start, end: ln.end });
          prev.joins.push(' ');
          prev.text += ' ' + ln.text;
          prev.lines.push(i);
          prev.repairs.push('sentence broken across lines joined');
          continue;
        }
      }
    }
    units.push({
      ranges: [{ start: ln.start, end: ln.end }],
      joins: [],
      text: ln.text,
      lines: [i],
      bullet: ln.bullet,
      blankBefore: ln.blankBefore,
      repairs: [],
    });
  }
  return { units, dropped };
}
