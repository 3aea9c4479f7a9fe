import {
  COUNT_NOUNS,
  DAY,
  LABEL_WORDS,
  MONTH,
  MONTH_ALONE,
  NUMBER,
  QUANTITY_MODIFIERS,
  SIGNALS,
  UNITS,
  WEEKDAY,
  YEAR,
  isCapitalised,
  monthNumber,
  numberValue,
  unitValue,
  weekdayNumber,
} from './lexicon.js';
import { detectTense } from './tense.js';
import type { Tense, TimeFields, TimeKind, TimeMention, TimePart } from './types.js';
import { isValidDay } from './calendar.js';

/**
 * Finding time expressions. Our own grammar rather than a general date parser, because
 * what we need from each match is what the text literally said (is there a year? which
 * direction does "last" point?) and exact offsets; anchoring happens later, in resolve.ts.
 * Every rule proposes candidates; the longest non-overlapping ones win, then adjacent
 * mentions that belong together ("Thursday, March 3", "March 3 last year", "two days after
 * March 3") are merged.
 */

interface Candidate {
  start: number;
  end: number;
  kind: TimeKind;
  fields: TimeFields;
  rule: string;
  /** Tense carried by the words themselves ("last", "ago", "next"); beats the context. */
  intrinsic?: Tense;
}

type Groups = Record<string, string | undefined>;
type Match = RegExpExecArray & { indices: RegExpIndicesArray };

interface Rule {
  name: string;
  re: RegExp;
  build(g: Groups, m: Match, text: string): Omit<Candidate, 'rule' | 'start' | 'end'> | null;
  /** Named group holding the span, when the match includes context that is not part of it. */
  span?: string;
}

const re = (s: string) => new RegExp(s, 'dgi');

function month(tok: string | undefined): number {
  if (!tok || !isCapitalised(tok)) return 0;
  return monthNumber(tok);
}

function fullYear(start: number, twoDigits: string): number {
  const century = Math.floor(start / 100) * 100;
  return century + Number(twoDigits);
}

function partOf(raw: string | undefined): TimePart | undefined {
  if (!raw) return undefined;
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  if (s === 'start' || s === 'beginning') return 'beginning';
  if (s === 'middle') return 'mid';
  if (s === 'early' || s === 'mid' || s === 'late' || s === 'end' || s === 'earlier' || s === 'later') return s;
  return undefined;
}

function whichOf(raw: string | undefined): 'last' | 'next' | 'this' | undefined {
  if (!raw) return undefined;
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  if (s === 'last' || s === 'past' || s === 'this past') return 'last';
  if (s === 'next' || s === 'coming' || s === 'this coming') return 'next';
  if (s === 'this') return 'this';
  return undefined;
}

const tenseOfWhich = (w: 'last' | 'next' | 'this' | undefined): Tense | undefined =>
  w === 'last' ? 'past' : w === 'next' ? 'future' : undefined;

const prevWord = (text: string, at: number): string =>
  (/([A-Za-z.]+)\s*$/.exec(text.slice(Math.max(0, at - 30), at))?.[1] ?? '').toLowerCase();

const nextWord = (text: string, at: number): string => (/^\s*([A-Za-z]+)/.exec(text.slice(at, at + 30))?.[1] ?? '');

/** Checks shared by every rule that reads a bare number as a year. */
function yearLooksLikeYear(text: string, start: number, end: number, y: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  if (/[$£€¥#]\s*$/.test(before)) return false;
  const after = nextWord(text, end).toLowerCase();
  if (COUNT_NOUNS.has(after)) return false;
  const pw = prevWord(text, start);
  if (QUANTITY_MODIFIERS.has(pw) || LABEL_WORDS.has(pw)) return false;
  // Before 1900 a bare number is more often a count than a year; ask for a preposition.
  if (y < 1900 && !/^(in|since|of|from|by|until|till|before|after|during|circa|c\.|around|between|and|to)$/.test(pw)) return false;
  return true;
}

const NAMED_DAY_BEFORE = new Set('good black super ash easter palm bloody cyber holy maundy shrove whit giving'.split(' '));
const NAMED_DAY_AFTER = new Set('times telegraph express mirror post people sport independent herald star mail observer'.split(' '));

const ORDINAL_QUARTER: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

const RULES: Rule[] = [
  {
    name: 'quarter-year',
    re: re(
      `\\b(?:(?:the\\s+)?(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter(?:\\s+of)?|Q(?<q>[1-4]))\\s+(?:of\\s+)?${YEAR('y')}`,
    ),
    build: (g) => {
      const q = g.q ? Number(g.q) : ORDINAL_QUARTER[g.ord!.toLowerCase()];
      const y = Number(g.y);
      return { kind: 'range', fields: { year: y, month: 3 * q - 2, endYear: y, endMonth: 3 * q } };
    },
  },
  {
    name: 'iso-date',
    re: re(`(?<![\\w/.-])(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})(?![\\d-])`),
    build: (g) => {
      const y = Number(g.y), mo = Number(g.mo), d = Number(g.d);
      return isValidDay(y, mo, d) ? { kind: 'absolute', fields: { year: y, month: mo, day: d } } : null;
    },
  },
  {
    name: 'numeric-date',
    re: re(`(?<![\\w/.-])(?<a>\\d{1,2})/(?<b>\\d{1,2})/(?<y>\\d{4})(?![\\d/])`),
    build: (g) => {
      const a = Number(g.a), b = Number(g.b), y = Number(g.y);
      if (a > 12 && isValidDay(y, b, a)) return { kind: 'absolute', fields: { year: y, month: b, day: a } };
      if (b > 12 && isValidDay(y, a, b)) return { kind: 'absolute', fields: { year: y, month: a, day: b } };
      if (a === b && isValidDay(y, a, a)) return { kind: 'absolute', fields: { year: y, month: a, day: a } };
      if (isValidDay(y, a, b)) return { kind: 'absolute', fields: { year: y, ambiguousOrder: true } };
      return null;
    },
  },
  {
    name: 'month-day-year',
    re: re(`${MONTH('mo')}\\s*${DAY('d')}(?:,\\s*|\\s+)${YEAR('y')}`),
    build: (g) => dayFields(g.mo, g.d, g.y),
  },
  {
    name: 'day-month-year',
    re: re(`(?<![\\w,.$£€])(?:the\\s+)?${DAY('d')}(?:\\s+of)?\\s+${MONTH('mo')},?\\s+${YEAR('y')}`),
    build: (g) => dayFields(g.mo, g.d, g.y),
  },
  {
    name: 'month-day-range',
    re: re(
      `${MONTH('mo')}\\s*${DAY('d')}(?:\\s*[-–—]\\s*|\\s+(?:to|through|until|till)\\s+)${DAY('d2')}(?:,?\\s+${YEAR('y')})?`,
    ),
    build: (g) => rangeFields(g.mo, g.d, undefined, g.mo, g.d2, g.y),
  },
  {
    name: 'day-day-month-range',
    re: re(`(?<![\\w,.$£€])${DAY('d')}\\s*[-–—]\\s*${DAY('d2')}\\s+${MONTH('mo')}(?:,?\\s+${YEAR('y')})?`),
    build: (g) => rangeFields(g.mo, g.d, undefined, g.mo, g.d2, g.y),
  },
  {
    name: 'cross-month-range',
    re: re(
      `${MONTH('mo')}\\s*${DAY('d')}(?:,?\\s+${YEAR('y')})?(?:\\s*[-–—]\\s*|\\s+(?:to|through|until|till|and)\\s+)${MONTH('mo2')}\\s*${DAY('d2')}(?:,?\\s+${YEAR('y2')})?`,
    ),
    build: (g, m, text) => {
      // "on March 3 and April 5" names two days; only "between … and …" makes a range.
      if (/\sand\s/i.test(m[0]) && prevWord(text, m.index) !== 'between') return null;
      return rangeFields(g.mo, g.d, g.y, g.mo2, g.d2, g.y2);
    },
  },
  {
    name: 'month-day',
    re: re(`${MONTH('mo')}\\s*${DAY('d')}`),
    build: (g) => dayFields(g.mo, g.d, undefined),
  },
  {
    name: 'day-month',
    re: re(`(?<![\\w,.$£€])(?:the\\s+)?${DAY('d')}(?:\\s+of)?\\s+${MONTH('mo')}`),
    build: (g) => dayFields(g.mo, g.d, undefined),
  },
  {
    name: 'month-year',
    re: re(
      `(?:(?<part>early|mid|late)[-\\s]+|the\\s+(?<part2>end|beginning|start|middle)\\s+of\\s+)?${MONTH('mo')},?\\s+(?:of\\s+)?${YEAR('y')}`,
    ),
    build: (g, m, text) => {
      const mo = month(g.mo);
      const y = Number(g.y);
      if (!mo || !yearLooksLikeYear(text, m.indices.groups!.y![0], m.index + m[0].length, y)) return null;
      return { kind: 'absolute', fields: { year: y, month: mo, part: partOf(g.part ?? g.part2) } };
    },
  },
  {
    name: 'month-alone',
    span: 'span',
    re: re(
      `(?:\\b(?<sig>in|since|until|till|by|from|through|throughout|during|before|after|between)\\s+)?(?<span>(?:(?<which>last|next|this)\\s+)?(?:(?<part>early|mid|late)[-\\s]+|the\\s+(?<part2>end|beginning|start|middle)\\s+of\\s+)?${MONTH_ALONE('mo')})`,
    ),
    build: (g) => {
      const mo = month(g.mo);
      if (!mo) return null;
      if (!g.sig && !g.which && !g.part && !g.part2) return null;
      // "by May" and "after May" are as likely to be about Theresa May as about the month.
      if (mo === 5 && !g.which && !g.part && !g.part2 && /^(by|after|before|from|between)$/i.test(g.sig ?? '')) return null;
      const which = whichOf(g.which);
      return {
        kind: 'partial',
        fields: { month: mo, which, part: partOf(g.part ?? g.part2) },
        intrinsic: tenseOfWhich(which),
      };
    },
  },
  {
    name: 'year-part',
    re: re(
      `(?:(?<part>early|mid|late)[-\\s]+|the\\s+(?<part2>end|beginning|start|middle|first\\s+half|second\\s+half)\\s+of\\s+)${YEAR('y')}(?![\\w'’]|[-–]\\d)`,
    ),
    build: (g, m, text) => {
      const y = Number(g.y);
      if (COUNT_NOUNS.has(nextWord(text, m.index + m[0].length).toLowerCase())) return null;
      const half = g.part2?.toLowerCase().replace(/\s+/g, ' ');
      if (half === 'first half') return { kind: 'range', fields: { year: y, month: 1, endYear: y, endMonth: 6 } };
      if (half === 'second half') return { kind: 'range', fields: { year: y, month: 7, endYear: y, endMonth: 12 } };
      return { kind: 'absolute', fields: { year: y, part: partOf(g.part ?? g.part2) } };
    },
  },
  {
    name: 'decade',
    re: re(`(?<the>the\\s+)?(?:(?<part>early|mid|late)[-\\s]+)?(?<dec>1\\d{2}0|20\\d0)(?<apos>['’])?s\\b`),
    build: (g) => {
      // "2020's election" is a possessive; the apostrophe form is a decade only after "the"/a part.
      if (g.apos && !g.the && !g.part) return null;
      return { kind: 'range', fields: { decade: Number(g.dec), part: partOf(g.part) } };
    },
  },
  {
    name: 'year-range',
    re: re(
      `(?<![\\w$£€.,/#'’-])${YEAR('y')}(?<sep>\\s*[-–—/]\\s*|\\s+(?:to|through|until|and)\\s+)(?<y2>\\d{4}|\\d{2})(?![\\w%]|,\\d|\\.\\d|[-–]\\d)`,
    ),
    build: (g, m, text) => {
      const y = Number(g.y);
      const two = g.y2!.length === 2;
      const sep = g.sep!.trim().toLowerCase();
      if (two && !/^[-–—/]$/.test(sep)) return null;
      if (sep === 'and' && prevWord(text, m.index) !== 'between') return null;
      const y2 = two ? fullYear(y, g.y2!) : Number(g.y2);
      if (y2 <= y || y2 - y > 200 || y2 > 2099) return null;
      if (!yearLooksLikeYear(text, m.index, m.index + m[0].length, y)) return null;
      return { kind: 'range', fields: { year: y, endYear: y2 } };
    },
  },
  {
    name: 'year',
    re: re(`(?<![\\w$£€.,/#'’:-])${YEAR('y')}(?![\\w]|['’](?!s\\b)|[-–]\\d|\\.\\d|,\\d|:\\d)`),
    build: (g, m, text) => {
      const y = Number(g.y);
      if (!yearLooksLikeYear(text, m.index, m.index + m[0].length, y)) return null;
      return { kind: 'absolute', fields: { year: y } };
    },
  },
  {
    name: 'relative-day',
    re: re(
      `\\b(?:the\\s+day\\s+(?<dba>before\\s+yesterday|after\\s+tomorrow)|(?<w>yesterday|today|tomorrow|tonight)(?:\\s+(?<tod>morning|afternoon|evening|night))?|(?<ln>last\\s+night)|this\\s+(?<tod2>morning|afternoon|evening))\\b`,
    ),
    build: (g) => {
      let n = 0;
      let tod: TimeFields['timeOfDay'];
      const w = g.w?.toLowerCase();
      if (g.dba) n = /^before/i.test(g.dba) ? -2 : 2;
      else if (w === 'yesterday') n = -1;
      else if (w === 'tomorrow') n = 1;
      else if (w === 'tonight') tod = 'night';
      else if (g.ln) (n = -1), (tod = 'night');
      tod = (g.tod?.toLowerCase() ?? g.tod2?.toLowerCase() ?? tod) as TimeFields['timeOfDay'];
      return {
        kind: 'relative',
        fields: { offset: { unit: 'day', n }, timeOfDay: tod },
        intrinsic: n < 0 ? 'past' : n > 0 ? 'future' : undefined,
      };
    },
  },
  {
    name: 'calendar-relative',
    re: re(
      `\\b(?:(?<part>early|mid|late)[-\\s]+|the\\s+(?<part2>end|beginning|start|middle)\\s+of\\s+|(?<part3>earlier|later)\\s+(?:in\\s+)?)?(?<which>last|next|this(?:\\s+past|\\s+coming)?|the)\\s+(?<unit>week|weekend|month|year|decade)\\b`,
    ),
    build: (g) => {
      const raw = g.which!.toLowerCase().replace(/\s+/g, ' ');
      const part = partOf(g.part ?? g.part2 ?? g.part3);
      // "the year" is only "this year" when a part names a piece of it ("the end of the year").
      if (raw === 'the' && !g.part2 && !g.part3) return null;
      const which = raw === 'the' ? 'this' : whichOf(raw)!;
      const n = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      const unit = unitValue(g.unit!).unit;
      const intrinsic = part === 'earlier' ? 'past' : part === 'later' ? 'future' : tenseOfWhich(which);
      return { kind: 'relative', fields: { offset: { unit, n }, part }, intrinsic };
    },
  },
  {
    name: 'period',
    re: re(
      `\\b(?:the\\s+)?(?<dir>past|last|previous|coming|next|upcoming|recent|following)\\s+(?:(?<n>${NUMBER})\\s+)?(?<unit>seconds|minutes|hours|days|weeks|months|years|decades)\\b`,
    ),
    build: (g) => {
      const dir = g.dir!.toLowerCase();
      const num = g.n ? numberValue(g.n) : { n: 3, vague: `${dir} ${g.unit!.toLowerCase()}` };
      if (!num) return null;
      const { unit, factor } = unitValue(g.unit!);
      const period = dir === 'past' || dir === 'last' || dir === 'previous' || dir === 'recent' ? 'past' : 'coming';
      return {
        kind: 'relative',
        fields: {
          period,
          quantity: { unit, n: num.n * factor },
          vague: num.vague,
          reference: dir === 'following' || dir === 'previous' ? 'previous' : undefined,
        },
        intrinsic: dir === 'following' || dir === 'previous' ? undefined : period === 'past' ? 'past' : 'future',
      };
    },
  },
  {
    name: 'past-single',
    re: re(`\\b(?:the\\s+)?past\\s+(?<unit>hour|day|week|month|year|decade)\\b`),
    build: (g) => {
      const { unit } = unitValue(g.unit!);
      return { kind: 'relative', fields: { period: 'past', quantity: { unit, n: 1 } }, intrinsic: 'past' };
    },
  },
  {
    name: 'shift',
    re: re(
      `(?<![\\w,.$£€])(?<n>${NUMBER})[\\s-]+(?<unit>${UNITS})\\s+(?<dir>ago|earlier|later|before|after|on|previously|prior|from\\s+now|hence)(?:\\s+(?<that>that|this))?\\b`,
    ),
    build: (g, m, text) => {
      const num = numberValue(g.n!);
      if (!num) return null;
      const { unit, factor } = unitValue(g.unit!);
      const dir = g.dir!.toLowerCase().replace(/\s+/g, ' ');
      const after = text.slice(m.index + m[0].length);
      const closes = /^\s*(?:[.,;:!?)"”'’]|—|–|$)/.test(after);
      if (dir === 'on' && !closes) return null;
      const sign = dir === 'ago' || dir === 'earlier' || dir === 'before' || dir === 'previously' || dir === 'prior' ? -1 : 1;
      let reference: TimeFields['reference'];
      if (dir === 'ago' || dir === 'from now' || dir === 'hence') reference = 'published';
      else if (g.that || closes || dir === 'earlier' || dir === 'later' || dir === 'previously') reference = 'previous';
      else reference = 'event';
      return {
        kind: 'relative',
        fields: { shift: { unit, n: sign * num.n * factor }, vague: num.vague, reference },
        intrinsic: dir === 'ago' ? 'past' : dir === 'from now' || dir === 'hence' ? 'future' : undefined,
      };
    },
  },
  {
    name: 'previous-relative',
    re: re(
      `\\bthe\\s+(?<which>next|following|previous|preceding|same|prior)\\s+(?<unit>day|week|weekend|month|year|morning|afternoon|evening|night)\\b`,
    ),
    build: (g) => {
      const w = g.which!.toLowerCase();
      const u = g.unit!.toLowerCase();
      const tod = /^(morning|afternoon|evening|night)$/.test(u) ? (u as TimeFields['timeOfDay']) : undefined;
      const unit = tod ? 'day' : unitValue(u).unit;
      const n = w === 'same' ? 0 : w === 'next' || w === 'following' ? 1 : -1;
      return { kind: 'relative', fields: { offset: { unit, n }, timeOfDay: tod, reference: 'previous' } };
    },
  },
  {
    name: 'unit-before-after',
    re: re(`\\bthe\\s+(?<unit>day|week|month|year|night)\\s+(?<dir>before|after)\\b(?!\\s+(?:yesterday|tomorrow)\\b)`),
    build: (g, m, text) => {
      const u = g.unit!.toLowerCase();
      const unit = u === 'night' ? 'day' : unitValue(u).unit;
      const n = g.dir!.toLowerCase() === 'before' ? -1 : 1;
      const closes = /^\s*(?:[.,;:!?)"”'’]|—|–|$)/.test(text.slice(m.index + m[0].length));
      return {
        kind: 'relative',
        fields: { shift: { unit, n }, reference: closes ? 'previous' : 'event', timeOfDay: u === 'night' ? 'night' : undefined },
      };
    },
  },
  {
    name: 'that-unit',
    re: re(
      `\\b(?:(?<part>earlier|later)\\s+)?that\\s+(?:same\\s+)?(?<unit>day|week|month|year|morning|afternoon|evening|night)\\b`,
    ),
    build: (g) => {
      const u = g.unit!.toLowerCase();
      const tod = /^(morning|afternoon|evening|night)$/.test(u) ? (u as TimeFields['timeOfDay']) : undefined;
      const unit = tod ? 'day' : unitValue(u).unit;
      return {
        kind: 'relative',
        fields: { offset: { unit, n: 0 }, timeOfDay: tod, reference: 'previous', part: partOf(g.part) },
      };
    },
  },
  {
    name: 'weekday',
    re: re(
      `\\b(?:(?<part>early|late)\\s+(?:on\\s+)?)?(?:(?<which>last|next|this\\s+past|this\\s+coming|this|coming|past)\\s+)?${WEEKDAY('wd')}(?:\\s+(?<tod>morning|afternoon|evening|night))?\\b`,
    ),
    build: (g, m, text) => {
      if (!isCapitalised(g.wd!)) return null;
      // Named days and titles: "Good Friday", "Super Tuesday", "the Sunday Times".
      if (!g.which && !g.part && NAMED_DAY_BEFORE.has(prevWord(text, m.index))) return null;
      if (!g.tod && NAMED_DAY_AFTER.has(nextWord(text, m.index + m[0].length).toLowerCase())) return null;
      const which = whichOf(g.which);
      return {
        kind: 'weekday',
        fields: {
          weekday: weekdayNumber(g.wd!),
          which,
          part: partOf(g.part),
          timeOfDay: g.tod?.toLowerCase() as TimeFields['timeOfDay'],
        },
        intrinsic: tenseOfWhich(which),
      };
    },
  },
  {
    name: 'duration',
    re: re(`(?<![\\w,.$£€])(?<n>${NUMBER})[\\s-]+(?<unit>${UNITS})\\b(?![-\\s]+old\\b)`),
    build: (g, m, text) => {
      const num = numberValue(g.n!);
      if (!num) return null;
      const nRaw = g.n!.toLowerCase();
      const pw = prevWord(text, m.index);
      // "once a year", "$5m a year", "twice a day" are rates, not lengths of time.
      if ((nRaw === 'a' || nRaw === 'an') && (/^(once|twice|times|per)$/.test(pw) || /[\d%]\s*$|(?:million|billion|bn|m|k)\s*$/i.test(text.slice(Math.max(0, m.index - 12), m.index)))) {
        return null;
      }
      // "a second term" is an ordinal.
      if ((nRaw === 'a' || nRaw === 'an' || nRaw === 'one') && /^second$/i.test(g.unit!)) return null;
      // "One day, …" is story-telling, not a length.
      if (nRaw === 'one' && /^day$/i.test(g.unit!) && !/^(for|within|about|nearly|almost|just|only)$/.test(pw)) return null;
      const { unit, factor } = unitValue(g.unit!);
      return { kind: 'duration', fields: { quantity: { unit, n: num.n * factor }, vague: num.vague } };
    },
  },
];

function dayFields(moTok: string | undefined, dTok: string | undefined, yTok: string | undefined) {
  const mo = month(moTok);
  const d = Number(dTok);
  if (!mo) return null;
  const y = yTok ? Number(yTok) : undefined;
  if (!isValidDay(y ?? 2000, mo, d)) return null;
  return { kind: (y ? 'absolute' : 'partial') as TimeKind, fields: { year: y, month: mo, day: d } };
}

function rangeFields(
  mo1: string | undefined,
  d1: string | undefined,
  y1: string | undefined,
  mo2: string | undefined,
  d2: string | undefined,
  y2: string | undefined,
) {
  const a = month(mo1), b = month(mo2);
  if (!a || !b) return null;
  const da = Number(d1), db = Number(d2);
  let ya = y1 ? Number(y1) : undefined;
  let yb = y2 ? Number(y2) : undefined;
  // One year written at the end covers both ends; a range that runs backwards crosses New Year.
  if (yb !== undefined && ya === undefined) ya = a > b || (a === b && da > db) ? yb - 1 : yb;
  if (ya !== undefined && yb === undefined) yb = a > b || (a === b && da > db) ? ya + 1 : ya;
  if (!isValidDay(ya ?? 2000, a, da) || !isValidDay(yb ?? 2000, b, db)) return null;
  if (ya === undefined && a === b && db <= da) return null;
  return {
    kind: 'range' as TimeKind,
    fields: { year: ya, month: a, day: da, endYear: yb, endMonth: b, endDay: db },
  };
}

function collect(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text) as Match | null; m; m = rule.re.exec(text) as Match | null) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const built = rule.build(m.groups ?? {}, m, text);
      if (!built) continue;
      const [start, end] = rule.span ? m.indices.groups![rule.span]! : [m.index, m.index + m[0].length];
      out.push({ ...built, start, end, rule: rule.name, fields: clean(built.fields) });
    }
  }
  return out;
}

function clean(f: TimeFields): TimeFields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out as TimeFields;
}

/** Longest first, then leftmost; a candidate survives only if it overlaps nothing kept. */
function select(cands: Candidate[]): Candidate[] {
  const order = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  // One flag per character keeps this linear on long pages with thousands of candidates.
  const taken = new Uint8Array(order.reduce((mx, c) => Math.max(mx, c.end), 0));
  for (const c of order) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const isDayDate = (c: Candidate) =>
  (c.kind === 'absolute' || c.kind === 'partial') && c.fields.day !== undefined && c.fields.weekday === undefined;

const isYearStep = (c: Candidate) =>
  c.rule === 'calendar-relative' && c.fields.offset?.unit === 'year' && c.fields.part === undefined;

function merge(text: string, cs: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cs.length; i++) {
    let c = cs[i];
    const n = cs[i + 1];
    const gap = n ? text.slice(c.end, n.start) : '';
    if (n && c.kind === 'weekday' && !c.fields.which && isDayDate(n) && /^,?\s+(?:the\s+)?$/.test(gap)) {
      c = { ...n, start: c.start, fields: clean({ ...n.fields, weekday: c.fields.weekday, timeOfDay: c.fields.timeOfDay }) };
      i++;
    } else if (
      n &&
      (c.kind === 'partial' || (c.kind === 'range' && c.fields.day !== undefined)) &&
      c.fields.year === undefined &&
      !c.fields.which &&
      isYearStep(n) &&
      /^,?\s+(?:of\s+)?$/.test(gap)
    ) {
      c = {
        ...c,
        end: n.end,
        rule: `${c.rule}+year-step`,
        fields: { ...c.fields, yearOffset: n.fields.offset!.n },
        intrinsic: n.intrinsic,
      };
      i++;
    } else if (
      n &&
      c.fields.shift &&
      c.fields.reference === 'event' &&
      (n.kind === 'absolute' || n.kind === 'partial' || n.kind === 'weekday' || n.kind === 'relative') &&
      /^\s+$/.test(gap)
    ) {
      const { reference: _drop, ...rest } = c.fields;
      c = {
        ...c,
        end: n.end,
        rule: `${c.rule}+${n.rule}`,
        fields: { ...rest, base: { kind: n.kind, fields: n.fields } },
        intrinsic: n.intrinsic,
      };
      i++;
    }
    out.push(c);
  }
  return out;
}

function addSignals(text: string, cs: Candidate[]): Candidate[] {
  return cs.map((c) => {
    const pw = prevWord(text, c.start);
    if (!SIGNALS.has(pw)) return c;
    const fields = { ...c.fields, signal: pw };
    // "in two weeks" points forward from the publication date; "for two weeks" stays a length.
    if (c.kind === 'duration' && pw === 'in' && !/^\s+of\b/i.test(text.slice(c.end, c.end + 5))) {
      const { quantity, ...rest } = fields;
      return {
        ...c,
        kind: 'relative' as TimeKind,
        rule: `${c.rule}+in`,
        fields: { ...rest, shift: quantity, reference: 'published' as const },
        intrinsic: 'future' as Tense,
      };
    }
    // "over the next week" is a stretch from now, not the week after an earlier date.
    if (c.rule === 'previous-relative' && /^(over|within|during|for|in)$/.test(pw) && c.fields.offset!.n === 1 && !c.fields.timeOfDay) {
      const { offset, reference: _r, ...rest } = fields;
      if (/^the\s+next\b/i.test(text.slice(c.start, c.end))) {
        return {
          ...c,
          rule: `${c.rule}+period`,
          fields: { ...rest, period: 'coming' as const, quantity: { unit: offset!.unit, n: 1 } },
          intrinsic: 'future' as Tense,
        };
      }
    }
    return { ...c, fields };
  });
}

export function parseTimeMentions(text: string): TimeMention[] {
  const chosen = addSignals(text, merge(text, select(collect(text))));
  const ranges = chosen.map((c): [number, number] => [c.start, c.end]);
  return chosen.map((c, i) => {
    // Only neighbours can share the sentence window, so only they are masked.
    const near = ranges.slice(Math.max(0, i - 4), i + 5);
    const ctx = c.intrinsic ? { tense: c.intrinsic, cue: undefined } : detectTense(text, c.start, c.end, near);
    const m: TimeMention = {
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      kind: c.kind,
      fields: c.fields,
      tense: ctx.tense,
      rule: c.rule,
    };
    if (ctx.cue) m.tenseCue = ctx.cue;
    return m;
  });
}

