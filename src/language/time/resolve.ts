import {
  type YMD,
  addDays,
  addMonths,
  compareYMD,
  dayNumber,
  fmtDay,
  fmtMonth,
  fmtYear,
  isValidDay,
  lastDayOfMonth,
  mondayOf,
  parseCalendarValue,
  weekdayOf,
} from './calendar.js';
import type { Resolved, ResolvedGranularity, Tense, TimeFields, TimeKind, TimeMention, TimeUnit } from './types.js';

/**
 * Anchoring. Every expression resolves to a Period (first day, last day, and the unit it
 * is precise to) before it is written out, so parts ("late March"), boundaries ("by the
 * end of …") and shifts all work on one shape, whatever the expression was.
 */

type Unit = 'day' | 'month' | 'year';

interface Period {
  start: YMD;
  end: YMD;
  unit: Unit;
}

type AnchorUsed = 'published' | 'previous' | 'none';

interface Outcome {
  period?: Period;
  duration?: string;
  reason?: string;
  /** Assumptions made on the way, reported alongside a value. */
  notes: string[];
  anchor: AnchorUsed;
}

interface Ctx {
  anchor: YMD | null;
  previous: Period | null;
  tense: Tense;
}

export const NO_ANCHOR = 'no trusted document date';
const NO_PREVIOUS = 'no earlier date in the text to count from';
const FROM_EVENT = 'counted from an event, not a date';

const RANK: Record<Unit, number> = { day: 0, month: 1, year: 2 };

function unitRank(u: TimeUnit): number {
  if (u === 'month') return 1;
  if (u === 'year' || u === 'decade') return 2;
  return 0;
}

const dayPeriod = (d: YMD): Period => ({ start: d, end: d, unit: 'day' });
const monthPeriod = (y: number, m: number): Period => ({ start: { y, m, d: 1 }, end: lastDayOfMonth(y, m), unit: 'month' });
const yearPeriod = (y: number, y2 = y): Period => ({ start: { y, m: 1, d: 1 }, end: { y: y2, m: 12, d: 31 }, unit: 'year' });

function coarsen(d: YMD, unit: Unit): Period {
  if (unit === 'day') return dayPeriod(d);
  if (unit === 'month') return monthPeriod(d.y, d.m);
  return yearPeriod(d.y);
}

function unresolved(reason: string, anchor: AnchorUsed): Outcome {
  return { reason, notes: [], anchor };
}

function ok(period: Period, anchor: AnchorUsed, notes: string[] = []): Outcome {
  return { period, anchor, notes };
}

function approxNote(f: TimeFields, n: number): string[] {
  return f.vague ? [`approximate: "${f.vague}" read as ${n}`] : [];
}

/** Moves a day by an exact amount; hours and shorter round to whole days. */
function moveDay(d: YMD, unit: TimeUnit, n: number): { at: YMD; approximate: boolean } {
  switch (unit) {
    case 'second':
      return { at: addDays(d, Math.trunc(n / 86_400)), approximate: n % 86_400 !== 0 };
    case 'minute':
      return { at: addDays(d, Math.trunc(n / 1440)), approximate: n % 1440 !== 0 };
    case 'hour':
      return { at: addDays(d, Math.trunc(n / 24)), approximate: n % 24 !== 0 };
    case 'day':
      return { at: addDays(d, n), approximate: false };
    case 'week':
    case 'weekend':
      return { at: addDays(d, 7 * n), approximate: false };
    case 'month':
      return { at: addMonths(d, n), approximate: false };
    case 'year':
      return { at: addMonths(d, 12 * n), approximate: false };
    case 'decade':
      return { at: addMonths(d, 120 * n), approximate: false };
  }
}

function referencePoint(f: TimeFields, ctx: Ctx): { period: Period; anchor: AnchorUsed } | Outcome {
  if (f.reference === 'event') return unresolved(FROM_EVENT, 'none');
  if (f.reference === 'previous') {
    return ctx.previous ? { period: ctx.previous, anchor: 'previous' } : unresolved(NO_PREVIOUS, 'previous');
  }
  return ctx.anchor ? { period: dayPeriod(ctx.anchor), anchor: 'published' } : unresolved(NO_ANCHOR, 'published');
}

/** Unresolved outcomes are the only ones that carry a reason at this stage. */
const isOutcome = (x: object): x is Outcome => 'reason' in x && (x as Outcome).reason !== undefined;

function resolveShift(f: TimeFields, ctx: Ctx): Outcome {
  const shift = f.shift!;
  let ref: { period: Period; anchor: AnchorUsed };
  if (f.base) {
    const inner = resolveOutcome(f.base.kind, f.base.fields, ctx);
    if (!inner.period) return inner;
    ref = { period: inner.period, anchor: inner.anchor };
  } else {
    const r = referencePoint(f, ctx);
    if (isOutcome(r)) return r;
    ref = r;
  }
  const want = unitRank(shift.unit);
  if (RANK[ref.period.unit] > want) {
    return unresolved(`the date it counts from is only known to the ${ref.period.unit}`, ref.anchor);
  }
  // Counting forward starts from the end of a stretch, counting back from its start.
  const from = shift.n >= 0 ? ref.period.end : ref.period.start;
  const moved = moveDay(from, shift.unit, shift.n);
  const unit: Unit = want === 2 ? 'year' : want === 1 ? 'month' : 'day';
  const notes = approxNote(f, Math.abs(shift.n));
  if (moved.approximate) notes.push('approximate: rounded to whole days');
  return ok(coarsen(moved.at, unit), ref.anchor, notes);
}

function resolvePeriod(f: TimeFields, ctx: Ctx): Outcome {
  const r = referencePoint(f, ctx);
  if (isOutcome(r)) return r;
  const q = f.quantity!;
  // "the past two years" ends today, not on December 31, so years count in months; only
  // decades are coarse enough to give whole years.
  const unit: Unit = q.unit === 'decade' ? 'year' : unitRank(q.unit) >= 1 ? 'month' : 'day';
  const notes = approxNote(f, q.n);
  if (f.period === 'past') {
    const end = r.period.start;
    const start = moveDay(end, q.unit, -q.n).at;
    return ok({ start: coarsen(start, unit).start, end: coarsen(end, unit).end, unit }, r.anchor, notes);
  }
  const start = r.period.end;
  const end = moveDay(start, q.unit, q.n).at;
  return ok({ start: coarsen(start, unit).start, end: coarsen(end, unit).end, unit }, r.anchor, notes);
}

function resolveOffset(f: TimeFields, ctx: Ctx): Outcome {
  const r = referencePoint(f, ctx);
  if (isOutcome(r)) return r;
  const { unit, n } = f.offset!;
  const want = unitRank(unit);
  if (RANK[r.period.unit] > want) return unresolved(`the date it counts from is only known to the ${r.period.unit}`, r.anchor);
  const at = n >= 0 ? r.period.end : r.period.start;
  switch (unit) {
    case 'week': {
      const mon = addDays(mondayOf(at), 7 * n);
      return ok({ start: mon, end: addDays(mon, 6), unit: 'day' }, r.anchor);
    }
    case 'weekend': {
      const sat = addDays(mondayOf(at), 7 * n + 5);
      return ok({ start: sat, end: addDays(sat, 1), unit: 'day' }, r.anchor);
    }
    case 'month': {
      const x = addMonths({ ...at, d: 1 }, n);
      return ok(monthPeriod(x.y, x.m), r.anchor);
    }
    case 'year':
      return ok(yearPeriod(at.y + n), r.anchor);
    case 'decade': {
      const d0 = Math.floor(at.y / 10) * 10 + 10 * n;
      return ok(yearPeriod(d0, d0 + 9), r.anchor);
    }
    default:
      return ok(dayPeriod(moveDay(at, unit, n).at), r.anchor);
  }
}

function resolveWeekday(f: TimeFields, ctx: Ctx): Outcome {
  if (!ctx.anchor) return unresolved(NO_ANCHOR, 'published');
  const a = ctx.anchor;
  const awd = weekdayOf(a);
  const wd = f.weekday!;
  // Same-day counts both ways: wire copy names the day of publication by its weekday
  // ("said Thursday" in a Thursday story) rather than "today", since it is read later.
  const back = (awd - wd + 7) % 7;
  const fwd = (wd - awd + 7) % 7;
  let delta: number;
  if (f.which === 'last') delta = -(back || 7);
  else if (f.which === 'next') delta = fwd || 7;
  else if (f.which === 'this' && ctx.tense === 'unknown') delta = dayNumber(addDays(mondayOf(a), (wd + 6) % 7)) - dayNumber(a);
  else if (ctx.tense === 'past') delta = -back;
  else if (ctx.tense === 'future') delta = fwd;
  else delta = back <= 3 ? -back : fwd;
  return ok(dayPeriod(addDays(a, delta)), 'published');
}

/** Picks the year for a month/day written without one. */
function chooseYear(
  month: number,
  day: number | undefined,
  f: TimeFields,
  ctx: Ctx,
): { y: number; anchor: AnchorUsed; notes: string[] } | Outcome {
  if (!ctx.anchor) return unresolved(NO_ANCHOR, 'published');
  const a = ctx.anchor;
  if (f.yearOffset !== undefined) return { y: a.y + f.yearOffset, anchor: 'published', notes: [] };
  const aKey = day === undefined ? a.y * 12 + a.m : dayNumber(a);
  const keyOf = (y: number) => (day === undefined ? y * 12 + month : dayNumber({ y, m: month, d: day }));
  const years: number[] = [];
  for (let y = a.y - 4; y <= a.y + 4; y++) if (day === undefined || isValidDay(y, month, day)) years.push(y);
  if (f.which === 'this') return { y: a.y, anchor: 'published', notes: [] };
  if (f.which === 'last') return { y: Math.max(...years.filter((y) => keyOf(y) < aKey)), anchor: 'published', notes: [] };
  if (f.which === 'next') return { y: Math.min(...years.filter((y) => keyOf(y) > aKey)), anchor: 'published', notes: [] };
  // A weekday written with the date ("Thursday, March 3") settles the year when only one nearby year fits.
  if (day !== undefined && f.weekday !== undefined) {
    const fit = years.filter((y) => Math.abs(y - a.y) <= 1 && weekdayOf({ y, m: month, d: day }) === f.weekday);
    if (fit.length === 1) return { y: fit[0], anchor: 'published', notes: ['year chosen by the weekday written with it'] };
  }
  if (ctx.tense === 'past') return { y: Math.max(...years.filter((y) => keyOf(y) <= aKey)), anchor: 'published', notes: [] };
  if (ctx.tense === 'future') return { y: Math.min(...years.filter((y) => keyOf(y) >= aKey)), anchor: 'published', notes: [] };
  let best = years[0];
  for (const y of years) if (Math.abs(keyOf(y) - aKey) < Math.abs(keyOf(best) - aKey)) best = y;
  return { y: best, anchor: 'published', notes: [] };
}

function resolveCalendar(f: TimeFields, ctx: Ctx): Outcome {
  if (f.ambiguousOrder) return unresolved('day and month order is ambiguous', 'none');
  if (f.decade !== undefined) return ok(yearPeriod(f.decade, f.decade + 9), 'none');
  if (f.month === undefined) {
    if (f.year === undefined) return unresolved('nothing to resolve', 'none');
    return ok(yearPeriod(f.year, f.endYear ?? f.year), 'none');
  }
  let anchor: AnchorUsed = 'none';
  let notes: string[] = [];
  let y = f.year;
  if (y === undefined) {
    const c = chooseYear(f.month, f.day, f, ctx);
    if (isOutcome(c)) return c;
    ({ y, anchor, notes } = c);
  }
  if (f.day === undefined) {
    if (f.endMonth !== undefined) {
      const ey = f.endYear ?? y;
      return ok({ start: { y, m: f.month, d: 1 }, end: lastDayOfMonth(ey, f.endMonth), unit: 'month' }, anchor, notes);
    }
    return ok(monthPeriod(y, f.month), anchor, notes);
  }
  const start = { y, m: f.month, d: f.day };
  if (!isValidDay(y, f.month, f.day)) return unresolved(`${fmtDay(start)} is not a calendar day`, anchor);
  if (f.endMonth !== undefined && f.endDay !== undefined) {
    let ey = f.endYear ?? y;
    if (f.endYear === undefined || f.year === undefined) {
      ey = f.endMonth < f.month || (f.endMonth === f.month && f.endDay < f.day) ? y + 1 : y;
    }
    const end = { y: ey, m: f.endMonth, d: f.endDay };
    if (!isValidDay(ey, f.endMonth, f.endDay) || compareYMD(end, start) < 0) return unresolved('range ends before it starts', anchor);
    return ok({ start, end, unit: 'day' }, anchor, notes);
  }
  if (f.weekday !== undefined && weekdayOf(start) !== f.weekday) notes.push('weekday written with the date does not match it');
  return ok(dayPeriod(start), anchor, notes);
}

/** The smaller units a period is made of, as periods. */
function pieces(p: Period): Period[] {
  const out: Period[] = [];
  if (p.unit === 'year' && p.start.y === p.end.y) {
    for (let m = 1; m <= 12; m++) out.push(monthPeriod(p.start.y, m));
  } else if (p.unit === 'year') {
    for (let y = p.start.y; y <= p.end.y; y++) out.push(yearPeriod(y));
  } else if (p.unit === 'month' && p.start.y === p.end.y && p.start.m === p.end.m) {
    for (let d = 1; d <= p.end.d; d++) out.push(dayPeriod({ y: p.start.y, m: p.start.m, d }));
  } else if (p.unit === 'month') {
    for (let x = p.start; compareYMD(x, p.end) <= 0; x = addMonths(x, 1)) out.push(monthPeriod(x.y, x.m));
  } else {
    for (let x = p.start; compareYMD(x, p.end) <= 0; x = addDays(x, 1)) out.push(dayPeriod(x));
  }
  return out;
}

const span = (a: Period, b: Period): Period => ({ start: a.start, end: b.end, unit: a.unit });

/**
 * "early/mid/late X" as thirds of X: early 1990s → 1990–92, late March → 21–31 March,
 * early next week → Monday–Tuesday. "earlier/later this X" cut X at the anchor.
 */
function applyPart(p: Period, f: TimeFields, ctx: Ctx): Period {
  const part = f.part;
  if (!part) return p;
  const ps = pieces(p);
  if (ps.length <= 1) return p;
  if (part === 'earlier' || part === 'later') {
    const a = ctx.anchor;
    if (!a || compareYMD(a, p.start) < 0 || compareYMD(a, p.end) > 0) return p;
    const i = ps.findIndex((x) => compareYMD(a, x.start) >= 0 && compareYMD(a, x.end) <= 0);
    return part === 'earlier' ? span(ps[0], ps[i]) : span(ps[i], ps[ps.length - 1]);
  }
  const third = Math.floor(ps.length / 3);
  if (part === 'early' || part === 'beginning') return span(ps[0], ps[third - 1]);
  if (part === 'mid') return span(ps[third], ps[2 * third - 1]);
  return span(ps[2 * third], ps[ps.length - 1]);
}

function resolveOutcome(kind: TimeKind, f: TimeFields, ctx: Ctx): Outcome {
  let out: Outcome;
  if (kind === 'duration') {
    const q = f.quantity!;
    return { duration: isoDuration(q.unit, q.n), notes: approxNote(f, q.n), anchor: 'none' };
  }
  if (f.shift) out = resolveShift(f, ctx);
  else if (f.period) out = resolvePeriod(f, ctx);
  else if (f.offset) out = resolveOffset(f, ctx);
  else if (kind === 'weekday' || (f.weekday !== undefined && f.month === undefined)) out = resolveWeekday(f, ctx);
  else out = resolveCalendar(f, ctx);
  if (!out.period) return out;
  let p = applyPart(out.period, f, ctx);
  // A deadline ("by the end of the year") is its last day, not the last stretch of the year.
  if (f.part === 'end' && f.signal && /^(by|before|until|till)$/.test(f.signal)) {
    p = dayPeriod(p.end);
    out.notes.push(`"${f.signal} the end of" read as its last day`);
  }
  return { ...out, period: p };
}

function isoDuration(unit: TimeUnit, n: number): string {
  switch (unit) {
    case 'second':
      return `PT${n}S`;
    case 'minute':
      return `PT${n}M`;
    case 'hour':
      return `PT${n}H`;
    case 'day':
      return `P${n}D`;
    case 'week':
    case 'weekend':
      return `P${n}W`;
    case 'month':
      return `P${n}M`;
    case 'year':
      return `P${n}Y`;
    case 'decade':
      return `P${n * 10}Y`;
  }
}

/** The granularity a value would have had, so an unresolved "in February" still reads as a month. */
function expectedGranularity(kind: TimeKind, f: TimeFields): ResolvedGranularity {
  if (kind === 'duration') return 'duration';
  if (f.base) return expectedGranularity(f.base.kind, { ...f.base.fields, shift: f.shift });
  if ((f.day !== undefined || f.weekday !== undefined) && f.endDay === undefined) return 'day';
  const step = f.shift ?? (f.period ? undefined : f.offset);
  if (step && !f.part) {
    if (step.unit === 'week' || step.unit === 'weekend' || (step.unit === 'decade' && !f.shift)) return 'range';
    return unitRank(step.unit) === 2 ? 'year' : unitRank(step.unit) === 1 ? 'month' : 'day';
  }
  if (kind === 'range' || f.period || f.part || f.decade !== undefined) return 'range';
  if (f.month !== undefined) return 'month';
  return 'year';
}

function format(o: Outcome, fallback: ResolvedGranularity): Resolved {
  const reason = o.reason ?? (o.notes.length ? o.notes.join('; ') : undefined);
  const base = (r: Resolved): Resolved => {
    if (reason) r.reason = reason;
    r.anchor = o.anchor;
    return r;
  };
  if (o.duration) return base({ value: o.duration, granularity: 'duration' });
  if (!o.period) return base({ value: null, granularity: fallback });
  const p = o.period;
  const f = p.unit === 'day' ? fmtDay : p.unit === 'month' ? fmtMonth : fmtYear;
  const a = f(p.start);
  const b = f(p.end);
  return a === b ? base({ value: a, granularity: p.unit }) : base({ value: a, granularity: 'range', endValue: b });
}

function previousPeriod(r: Resolved | null | undefined): Period | null {
  if (!r || r.value === null || r.granularity === 'duration') return null;
  const a = parseCalendarValue(r.value);
  if (!a) return null;
  const b = r.endValue ? parseCalendarValue(r.endValue) : a;
  if (!b) return null;
  return { start: coarsen(a.at, a.unit).start, end: coarsen(b.at, b.unit).end, unit: a.unit };
}

/** What a mention needs in order to resolve: nothing, the publication date, or an earlier date in the text. */
export function referenceOf(m: Pick<TimeMention, 'kind' | 'fields'>): 'none' | 'published' | 'previous' | 'event' {
  const f = m.fields;
  if (f.base) return referenceOf(f.base);
  if (m.kind === 'duration') return 'none';
  if (f.shift || f.period || f.offset) return f.reference ?? 'published';
  if (m.kind === 'weekday' && f.month === undefined) return 'published';
  if (f.month !== undefined && f.year === undefined) return 'published';
  return 'none';
}

/** Like resolveMention, but the anchor may be missing; used where no publication date is trusted. */
export function resolveWith(m: TimeMention, anchor: string | null, previous: Resolved | null | undefined): Resolved {
  let a: YMD | null = null;
  if (anchor !== null) {
    const parsed = parseCalendarValue(anchor);
    if (!parsed || parsed.unit !== 'day') {
      return { value: null, granularity: expectedGranularity(m.kind, m.fields), reason: `anchor ${JSON.stringify(anchor)} is not a YYYY-MM-DD day`, anchor: 'none' };
    }
    a = parsed.at;
  }
  const outcome = resolveOutcome(m.kind, m.fields, { anchor: a, previous: previousPeriod(previous), tense: m.tense });
  return format(outcome, expectedGranularity(m.kind, m.fields));
}

export function resolveMention(m: TimeMention, anchor: string, opts?: { previous?: Resolved | null }): Resolved {
  return resolveWith(m, anchor, opts?.previous);
}
