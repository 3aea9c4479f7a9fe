/**
 * Rule-based sentence splitter over cleaned article text.
 *
 * Decisions, so that later stages can rely on them:
 * - A blank line (paragraph break) always ends a sentence.
 * - A single newline ends a sentence when the line before it is short (a headline, a
 *   byline, a list item) or the next line starts a list item; otherwise it is taken as a
 *   hard wrap inside a paragraph.
 * - A quoted passage may span several sentences: "Dialogue is not a reward. It is a tool."
 *   gives two sentence spans. What is never done is to cut between a terminator and the
 *   closing marks that follow it, so a sentence ends after `tool."`, not after `tool.`.
 *   Quote extraction pairs marks on its own and does not depend on sentences for that.
 * - After `!` or `?` (inside or outside marks) a lower-case word continues the sentence:
 *   `"Never!" he said.` is one sentence.
 */
import type { SentenceSpan } from '../core/doc.js';

/** Titles that stand before a name, so the next word is never a sentence start. */
const TITLE_ABBR = new Set(
  [
    'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt',
    'cpl', 'maj', 'adm', 'cmdr', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'cllr', 'fr', 'sr', 'jr',
    'mt', 'ft', 'messrs', 'mme', 'mlle', 'atty', 'amb', 'rt', 'brig', 'lieut',
  ],
);

/** Abbreviations that are usually followed by a number: `No. 1`, `Jan. 5`, `pp. 12`, `Art. 5`. */
const BEFORE_NUMBER_ABBR = new Set([
  'no', 'nos', 'nr', 'vol', 'pp', 'p', 'art', 'fig', 'ch', 'sec', 'para', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'ca', 'est', 'op', 'tel', 'ext',
]);

/**
 * Abbreviations that can also close a sentence (`Inc.`, `U.S.`, `etc.`). For them the
 * period ends the sentence only when a typical sentence opener follows.
 */
const AMBIGUOUS_ABBR = new Set([
  'inc', 'ltd', 'corp', 'co', 'plc', 'llc', 'bros', 'etc', 'al', 'vs', 'v', 'cf', 'e.g', 'i.e', 'a.m', 'p.m',
  'mass', 'calif', 'conn', 'fla', 'ill', 'mich', 'minn', 'pa', 'tenn', 'tex', 'va', 'wash', 'wis', 'ariz',
  'colo', 'ga', 'ky', 'la', 'md', 'mo', 'nev', 'okla', 'ore', 'del', 'ala', 'ark', 'kan', 'neb', 'miss',
  'dept', 'univ', 'assn', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx',
]);

/** Words that commonly open a sentence; after an ambiguous abbreviation they signal a break. */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our',
  'my', 'this', 'that', 'these', 'those', 'there', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at',
  'for', 'from', 'with', 'after', 'before', 'when', 'while', 'if', 'as', 'since', 'although', 'though',
  'because', 'however', 'meanwhile', 'still', 'now', 'then', 'some', 'many', 'most', 'all', 'no', 'not',
  'one', 'two', 'three', 'both', 'each', 'last', 'earlier', 'later', 'shares', 'officials', 'police',
]);

const OPEN_MARKS = '"\'“‘«„(['; // characters that may open the next sentence
const CLOSE_MARKS = '"\'”’»)]';

function isUpperStart(ch: string): boolean {
  return /[\p{Lu}\p{Lt}\p{N}]/u.test(ch);
}

/** The word (letters, dots) that ends right before position `dot` (exclusive). */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, dot);
}

/** The next word after position `i`, skipping spaces and opening marks. */
function wordAfter(text: string, i: number): string {
  let j = i;
  while (j < text.length && (/\s/.test(text[j]) || OPEN_MARKS.includes(text[j]))) j++;
  const m = /^[\p{L}\p{N}'’-]+/u.exec(text.slice(j, j + 40));
  return m ? m[0] : '';
}

/**
 * Decide whether the period at `dot` ends a sentence, given that the next non-space
 * character starts with an upper-case letter, a digit or an opening mark.
 */
function periodEndsSentence(text: string, dot: number, nextWord: string): boolean {
  const word = wordBefore(text, dot);
  if (!word) return true;
  const lower = word.toLowerCase().replace(/\.$/, '');
  const next = nextWord.toLowerCase();
  const nextIsNumber = /^\d/.test(nextWord);
  if (TITLE_ABBR.has(lower)) return false;
  if (BEFORE_NUMBER_ABBR.has(lower) && nextIsNumber) return false;
  // A single capital is an initial ("J. R. Tolkien"), unless a clear opener follows.
  if (/^\p{Lu}$/u.test(word)) return SENTENCE_OPENERS.has(next) && next !== 'a' && next !== 'i';
  // Dotted acronyms (U.S., U.N., e.g., p.m.) read as part of the phrase unless an opener follows.
  if (/^(\p{L}\.)+\p{L}$/u.test(word) || AMBIGUOUS_ABBR.has(lower)) return SENTENCE_OPENERS.has(next);
  return true;
}

/** Offsets where a sentence ends (exclusive), within one paragraph [from, to). */
function boundariesIn(text: string, from: number, to: number): number[] {
  const cuts: number[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === '\n') {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const prevLine = text.slice(Math.max(lineStart, from), i).trim();
      const nextLineEnd = text.indexOf('\n', i + 1);
      const nextLine = text.slice(i + 1, nextLineEnd < 0 || nextLineEnd > to ? to : nextLineEnd).trim();
      if (prevLine.length < 50 || /^([-*•–]|\d+[.)])\s/.test(nextLine)) cuts.push(i);
      i++;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') {
      i++;
      continue;
    }
    // Swallow runs of terminators and the closing marks glued to them.
    let j = i;
    while (j < to && '.!?…'.includes(text[j])) j++;
    while (j < to && CLOSE_MARKS.includes(text[j])) j++;
    if (j >= to) {
      cuts.push(to);
      break;
    }
    if (!/\s/.test(text[j])) {
      i = j; // "3.5", "U.S.-led", "Yahoo!Mail"
      continue;
    }
    let k = j;
    while (k < to && /\s/.test(text[k]) && text[k] !== '\n') k++;
    if (k >= to) {
      cuts.push(j);
      break;
    }
    const nextCh = text[k];
    const startsNew = isUpperStart(nextCh) || OPEN_MARKS.includes(nextCh) || /[-–—•*]/.test(nextCh) || nextCh === '\n';
    let ends = startsNew;
    if (ends && ch === '.' && text[i + 1] !== '.') {
      ends = periodEndsSentence(text, i, wordAfter(text, j));
    }
    // "... said the U.S. Army." the period of an ambiguous word at j-1 already handled above.
    if (ends) cuts.push(j);
    i = j;
  }
  return cuts;
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const paraRe = /\n[ \t]*\n\s*/g;
  let paraStart = 0;
  const paragraphs: [number, number][] = [];
  for (let m = paraRe.exec(text); m; m = paraRe.exec(text)) {
    paragraphs.push([paraStart, m.index]);
    paraStart = m.index + m[0].length;
  }
  paragraphs.push([paraStart, text.length]);

  for (const [pStart, pEnd] of paragraphs) {
    let s = pStart;
    const emit = (a: number, b: number) => {
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (b > a) spans.push({ kind: 'sentence', start: a, end: b });
    };
    for (const cut of boundariesIn(text, pStart, pEnd)) {
      emit(s, cut);
      s = cut;
    }
    emit(s, pEnd);
  }
  return spans;
}

/** Paragraph ranges [start, end) as the splitter sees them; shared with quote extraction. */
export function paragraphRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const paraRe = /\n[ \t]*\n\s*/g;
  let start = 0;
  for (let m = paraRe.exec(text); m; m = paraRe.exec(text)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out.filter((p) => text.slice(p.start, p.end).trim().length > 0);
}
