import { parseTimeMentions, resolveMention } from '../../language/time/index.js';
import { findDates, daysIn, dayString } from './parse.js';

/**
 * What the article text itself says about when it was written: dated events it reports
 * as past (the page cannot be older than the latest of them) or as still to come (the
 * page cannot be newer than the earliest of them). Only expressions with an explicit
 * year count, because resolving "last March" would need the very date we are inferring.
 *
 * The time-expression parser of src/language/time/ (parseTimeMentions + resolveMention)
 * is the default source; its past/future reading is double-checked against sentence cues
 * here. A small built-in finder (explicit dates plus tense cue words, more languages) is
 * the fallback when that parser throws, and can be selected with setTextEventSource.
 */
export interface TextEvent {
  start: number;
  end: number;
  text: string;
  tense: 'past' | 'future';
  /** First and last calendar day the expression can denote, YYYY-MM-DD. */
  from: string;
  to: string;
  granularity: 'day' | 'month' | 'year';
  /** Which finder produced it, for the evidence trail. */
  via: string;
}

export type TextEventSource = (text: string, fetchedAt: string) => TextEvent[];

// Shapes of the sibling time module, kept loose on purpose: only the fields read here.
interface MentionLike { start: number; end: number; text: string; tense?: string; kind?: string; fields?: Record<string, unknown> }
interface ResolvedLike { value: string | null; granularity?: string; endValue?: string | null }
type ParseFn = (text: string) => MentionLike[];
type ResolveFn = (m: MentionLike, anchorDay: string) => ResolvedLike | null;

function bounds(value: string, endValue?: string | null): { from: string; to: string; granularity: TextEvent['granularity'] } | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (day) return { from: day[0], to: endValue && /^\d{4}-\d{2}-\d{2}/.test(endValue) ? endValue.slice(0, 10) : day[0], granularity: 'day' };
  const mon = /^(\d{4})-(\d{2})$/.exec(value);
  if (mon) {
    const y = Number(mon[1]);
    const m = Number(mon[2]);
    return { from: `${mon[0]}-01`, to: `${mon[0]}-${String(daysIn(y, m)).padStart(2, '0')}`, granularity: 'month' };
  }
  const yr = /^(\d{4})$/.exec(value);
  if (yr) return { from: `${yr[1]}-01-01`, to: `${yr[1]}-12-31`, granularity: 'year' };
  return null;
}

/** Build an event source from the sibling time module's API. */
export function eventsFromTimeMentions(parse: ParseFn, resolve: ResolveFn): TextEventSource {
  return (text, fetchedAt) => {
    const anchor = fetchedAt.slice(0, 10);
    const out: TextEvent[] = [];
    for (const m of parse(text)) {
      if (m.tense !== 'past' && m.tense !== 'future') continue;
      // Only explicit years: a relative expression resolved against the ingest time would
      // make the check circular.
      const year = m.fields ? m.fields.year : undefined;
      if (m.fields ? typeof year !== 'number' : !/(?<!\d)(?:19|20)\d{2}(?!\d)/.test(m.text)) continue;
      // Deadlines ("by 2020", "until March 2019") say nothing about when the text was written.
      if (typeof m.fields?.signal === 'string' && /^(?:by|until|till|before|through|to)$/i.test(m.fields.signal)) continue;
      // A bare year is as often a label ("the 2024 race") as an event; only "in/since 2019" dates something.
      const yearOnly = m.fields ? m.fields.month === undefined && m.fields.day === undefined : !/\p{L}{3,}/u.test(m.text.replace(/\d+/g, ''));
      const before = text.slice(Math.max(0, m.start - 12), m.start);
      if (yearOnly && !/\b(?:in|since|during|im|seit|en|depuis|desde|nel|dal)\s+$/i.test(before) && !/^(?:in|since|during)$/i.test(String(m.fields?.signal ?? ''))) continue;
      // Second opinion on the tense: a future cue anywhere in the sentence vetoes a past reading.
      const s0 = Math.max(text.lastIndexOf('. ', m.start), text.lastIndexOf('\n', m.start), 0);
      const e0 = text.slice(m.end).search(/[.!?](?:\s|$)|\n/);
      const sentence = text.slice(s0, e0 < 0 ? text.length : m.end + e0);
      if (m.tense === 'past' && FUTURE.test(sentence)) continue;
      if (m.tense === 'future' && PAST.test(sentence)) continue;
      const r = resolve(m, anchor);
      if (!r || !r.value) continue;
      const b = bounds(r.value, r.endValue);
      if (!b) continue;
      out.push({ start: m.start, end: m.end, text: m.text, tense: m.tense, ...b, via: 'language/time' });
    }
    return out;
  };
}

// Sentence-level tense cues. Deliberately conservative: a sentence with cues both ways
// ("said it will ... in 2020") is left out rather than guessed.
const FUTURE =
  /\b(?:will|won't|shall|going to|plans?|planned|planning|scheduled|expects?|expected|forecasts?|projected|is to|are to|due|upcoming|next|set to|aims?|aiming|intends?|would|until|by the end of|wird|werden|soll|sollen|sollte|plant|geplant|künftig|kommenden?|nächste[nmrs]?|bis|ab dem|voraussichtlich|va|vont|sera|seront|prochaine?|prévue?s?|será|serán|próxim[oa]|prevista?|sarà|saranno|prossim[oa]|zal|zullen|volgende)\b/i;
const PAST =
  /\b(?:was|were|had|did|said|told|met|held|took|began|begun|ended|died|won|lost|became|came|went|left|made|gave|saw|ago|earlier|previously|last|since|already|happened|occurred|announced|launched|released|signed|opened|closed|founded|elected|published|introduced|reported|war|waren|hatte|hatten|wurde|wurden|fand|fanden|starb|gewann|verlor|begann|endete|letzte[nmrs]?|vergangene[nmrs]?|damals|bereits|seit|a été|ont été|avait|avaient|était|dernier|dernière|fue|fueron|era|fueron|pasado|fu|furono|era|scorso|scorsa|werd|waren|vorig)\b/i;
// "-ed" verb right before the date ("launched on", "happened in") is the strongest English cue.
const ED_BEFORE = /\b\w{3,}ed\s+(?:on|in|at|during|around)\s*$/i;
const DEADLINE_BEFORE = /\b(?:by|until|till|before|through|bis|ab|vor|from|von|ab dem|jusqu'en|hasta|fino a|entro)\s*(?:the\s+|end\s+of\s+|ende\s+|dem\s+|den\s+)?$/i;

function sentences(text: string): { s: string; at: number }[] {
  const out: { s: string; at: number }[] = [];
  const re = /[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)/g;
  // Abbreviation dots ("11. Juni", "Jan. 3") would split dates; join short fragments back.
  let pending: { s: string; at: number } | null = null;
  for (const m of text.matchAll(re)) {
    const piece = m[0];
    if (pending && /(?:\d|\b[A-Za-zÄÖÜäöü]{1,4})\.\s*$/.test(pending.s) && !/\n$/.test(pending.s)) {
      pending.s += piece;
      continue;
    }
    if (pending) out.push(pending);
    pending = { s: piece, at: m.index! };
  }
  if (pending) out.push(pending);
  return out;
}

/** Built-in finder: explicit dated expressions (day, month or "in 2019") in sentences with a clear tense. */
export const builtinEvents: TextEventSource = (text) => {
  const out: TextEvent[] = [];
  for (const { s, at } of sentences(text)) {
    if (s.length < 12 || !/(?:19|20)\d{2}/.test(s)) continue;
    const futAny = FUTURE.test(s);
    const pastAny = PAST.test(s);
    const items: { from: string; to: string; granularity: TextEvent['granularity']; start: number; end: number; text: string }[] = [];
    for (const f of findDates(s, { monthOnly: true })) {
      if (f.impossible) continue;
      const from = dayString(f);
      const to = f.d === null ? `${dayString({ y: f.y, m: f.m, d: daysIn(f.y, f.m) })}` : from;
      items.push({ from, to, granularity: f.d === null ? 'month' : 'day', start: f.start, end: f.end, text: f.text });
    }
    for (const m of s.matchAll(/\b(?:in|im|en|nel|au|em|het jaar)\s+((?:19|20)\d{2})(?![\d.,/-])/gi)) {
      const st = m.index! + m[0].length - 4;
      if (items.some((i) => st >= i.start && st < i.end)) continue;
      items.push({ from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, granularity: 'year', start: st, end: st + 4, text: m[0] });
    }
    for (const it of items) {
      const before = s.slice(Math.max(0, it.start - 40), it.start);
      if (DEADLINE_BEFORE.test(before)) continue;
      // The cue must sit near the date; the opposite cue anywhere in the sentence vetoes.
      const near = s.slice(Math.max(0, it.start - 80), Math.min(s.length, it.end + 80));
      let tense: 'past' | 'future' | null = null;
      if (ED_BEFORE.test(before) && !futAny) tense = 'past';
      else if (PAST.test(near) && !futAny) tense = 'past';
      else if (FUTURE.test(near) && !pastAny) tense = 'future';
      if (!tense) continue;
      out.push({ start: at + it.start, end: at + it.end, text: it.text, tense, from: it.from, to: it.to, granularity: it.granularity, via: 'built-in tense cues' });
    }
  }
  return out;
};

const timeModuleEvents = eventsFromTimeMentions(parseTimeMentions as unknown as ParseFn, resolveMention as unknown as ResolveFn);
let source: TextEventSource = timeModuleEvents;
let sourceName = 'language/time';

/** Replace the event finder (tests, or wiring a different time parser); null restores the default. */
export function setTextEventSource(fn: TextEventSource | null, name = 'custom'): void {
  source = fn ?? timeModuleEvents;
  sourceName = fn ? name : 'language/time';
}

export function textEventSourceName(): string {
  return sourceName;
}

export function textEvents(text: string, fetchedAt: string): TextEvent[] {
  try {
    return source(text, fetchedAt);
  } catch {
    // A failing parser must not take date inference down with it.
    return builtinEvents(text, fetchedAt);
  }
}
