import type { Tense } from './types.js';

/**
 * Tense of the clause around a time expression, from the nearest cue word. This is a
 * cue-word heuristic, not a parser: news prose puts the governing verb close to its date
 * ("said Thursday", "will meet on June 12", "ahead of the Nov. 3 election"), so the
 * nearest cue before the mention is usually the right one, and the nearest after it is the
 * fallback for fronted dates ("On Thursday, the minister said …").
 */

const FUTURE_WORDS = new Set(
  (
    "will 'll shall would wo won't going gonna upcoming forthcoming scheduled slated planned expected due " +
    'next coming pending tomorrow deadline could might should must'
  ).split(' '),
);

/** Verbs that point forward only when an infinitive follows: "plans to meet", "vowed to return". */
const FUTURE_BEFORE_TO = new Set(
  (
    'plan plans planning intend intends intended aim aims aimed hope hopes hoped expect expects want wants ' +
    'wanted seek seeks sought vow vows vowed promise promises promised pledge pledges pledged agree agrees ' +
    'agreed threaten threatens threatened prepare prepares prepared set is are was were about'
  ).split(' '),
);

const PAST_WORDS = new Set(
  (
    'said told was were had did went came took made gave got met began became left won lost held found saw ' +
    'fell rose spoke wrote brought bought thought sent spent built kept ran paid sold led stood struck fought ' +
    'caught taught broke chose drove flew grew knew threw wore ate sat felt meant heard understood hung sank ' +
    'swore stole woke forgot fled sought dealt shook slid spun swept tore won withdrew overtook undertook ' +
    'ago earlier previously already been has have hit quit shot beat bet'
  ).split(' '),
);

/** Words ending in -ed that are not past-tense verbs. */
const NOT_PAST_ED = new Set(
  'indeed hundred speed proceed exceed succeed breed greed embed need seed feed weed deed shed bed red wed bred sacred naked wicked'.split(
    ' ',
  ),
);

const MODALS = new Set(['will', "'ll", 'shall', 'would', 'to', 'gonna', 'could', 'might', 'should', 'must']);
const AUX_CHAIN = new Set(['be', 'been', 'being', 'have', 'not']);

interface Word {
  w: string;
  start: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gov sen rep gen lt col sgt prof jr sr inc corp co ltd vs no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e'.split(
    ' ',
  ),
);

/** Start of the sentence holding `at`; a period ends a sentence unless it closes a known abbreviation. */
/** Cue words are never far from the date; the cap keeps run-on text from going quadratic. */
const MAX_REACH = 240;

function sentenceStart(text: string, at: number): number {
  const stop = Math.max(0, at - MAX_REACH);
  for (let i = at - 1; i >= stop; i--) {
    const c = text[i];
    if (c === '\n') return i + 1;
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ')) {
      const before = /([\w.]+)$/.exec(text.slice(Math.max(0, i - 12), i));
      if (c === '.' && before && ABBREVIATIONS.has(before[1].toLowerCase())) continue;
      return i + 1;
    }
  }
  return stop;
}

function sentenceEnd(text: string, at: number): number {
  const stop = Math.min(text.length, at + MAX_REACH);
  for (let i = at; i < stop; i++) {
    const c = text[i];
    if (c === '\n') return i;
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ')) {
      const before = /([\w.]+)$/.exec(text.slice(Math.max(0, i - 12), i));
      if (c === '.' && before && ABBREVIATIONS.has(before[1].toLowerCase())) continue;
      return i;
    }
  }
  return stop;
}

function words(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  const re = /[A-Za-z]+(?:['’][A-Za-z]+)?|['’]ll/g;
  const slice = text.slice(from, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ w: m[0].toLowerCase().replace('’', "'"), start: from + m.index });
  }
  return out;
}

/** A contraction like "won't" or "we'll" carries its auxiliary in the suffix. */
function normalise(w: string): string {
  if (w.endsWith("'ll")) return "'ll";
  if (w === "won't" || w === 'wont') return 'will';
  if (w.endsWith("n't")) return w.slice(0, -3);
  return w;
}

function classify(ws: Word[], i: number): Tense | null {
  const w = normalise(ws[i].w);
  const next = ws[i + 1] ? normalise(ws[i + 1].w) : '';
  if (w === 'ahead' && next === 'of') return 'future';
  if (w === 'set' && (next === 'for' || next === 'to')) return 'future';
  if (FUTURE_BEFORE_TO.has(w) && next === 'to') return 'future';
  if (FUTURE_WORDS.has(w)) return 'future';
  if (PAST_WORDS.has(w) || (w.length >= 5 && w.endsWith('ed') && !NOT_PAST_ED.has(w))) {
    // A participle after a modal is future: "will be held", "is expected to have finished".
    // Only auxiliaries may sit between them, so "went to Paris and signed" stays past.
    let k = i - 1;
    while (k >= 0 && AUX_CHAIN.has(normalise(ws[k].w))) k--;
    if (k >= 0 && MODALS.has(normalise(ws[k].w))) return 'future';
    return 'past';
  }
  return null;
}

const WINDOW_BEFORE = 14;
const WINDOW_AFTER = 10;

/** `skip`: other time expressions, whose words ("earlier this year", "next week") are not verb cues. */
export function detectTense(
  text: string,
  start: number,
  end: number,
  skip: ReadonlyArray<readonly [number, number]> = [],
): { tense: Tense; cue?: string } {
  const s0 = sentenceStart(text, start);
  const s1 = sentenceEnd(text, end);
  const outside = (w: Word) => !skip.some(([a, b]) => w.start >= a && w.start < b);
  const before = words(text, s0, start).filter(outside);
  const after = words(text, end, s1).filter(outside);
  // Keep the words after the mention in reach of classify() so "ahead of" and "set for"
  // see their second word even when the mention sits right behind them.
  const all = before.concat(after);
  for (let i = before.length - 1, seen = 0; i >= 0 && seen < WINDOW_BEFORE; i--, seen++) {
    const t = classify(all, i);
    if (t) return { tense: t, cue: all[i].w };
  }
  for (let i = before.length, seen = 0; i < all.length && seen < WINDOW_AFTER; i++, seen++) {
    const t = classify(all, i);
    if (t) return { tense: t, cue: all[i].w };
  }
  return { tense: 'unknown' };
}
