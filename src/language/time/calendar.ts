/**
 * Proleptic Gregorian day arithmetic on plain year/month/day triples. Going through a
 * day number (UTC) keeps every computation free of the host's time zone, which matters
 * because an anchor is a calendar day, not an instant.
 */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function dayNumber(x: YMD): number {
  return Math.round(Date.UTC(x.y, x.m - 1, x.d) / DAY_MS);
}

export function fromDayNumber(n: number): YMD {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as in Date#getDay. */
export function weekdayOf(x: YMD): number {
  return new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
}

export function addDays(x: YMD, n: number): YMD {
  return fromDayNumber(dayNumber(x) + n);
}

/** Clamps the day so that Jan 31 + 1 month is Feb 28/29, not March 3. */
export function addMonths(x: YMD, n: number): YMD {
  const idx = x.y * 12 + (x.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(x.d, daysInMonth(y, m)) };
}

export function compareYMD(a: YMD, b: YMD): number {
  return dayNumber(a) - dayNumber(b);
}

/** Monday of the ISO-style week containing x; news weeks run Monday to Sunday. */
export function mondayOf(x: YMD): YMD {
  const wd = weekdayOf(x);
  return addDays(x, -((wd + 6) % 7));
}

export function lastDayOfMonth(y: number, m: number): YMD {
  return { y, m, d: daysInMonth(y, m) };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function fmtDay(x: YMD): string {
  return `${pad(x.y, 4)}-${pad(x.m, 2)}-${pad(x.d, 2)}`;
}

export function fmtMonth(x: YMD): string {
  return `${pad(x.y, 4)}-${pad(x.m, 2)}`;
}

export function fmtYear(x: YMD): string {
  return pad(x.y, 4);
}

/** Reads YYYY, YYYY-MM or YYYY-MM-DD; returns the first day it covers and its unit. */
export function parseCalendarValue(s: string): { at: YMD; unit: 'day' | 'month' | 'year' } | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3] !== undefined) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return isValidDay(y, mo, d) ? { at: { y, m: mo, d }, unit: 'day' } : null;
  }
  if (m[2] !== undefined) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { at: { y, m: mo, d: 1 }, unit: 'month' } : null;
  }
  return { at: { y, m: 1, d: 1 }, unit: 'year' };
}
