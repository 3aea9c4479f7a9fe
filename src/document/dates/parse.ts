import { MONTH_ALT, WEEKDAY_ALT, monthNumber } from './months.js';

/**
 * Date expressions as pages write them, turned into calendar fields. Two entry points:
 * `parseDateValue` for a value that should be a date as a whole (a meta content, a
 * datetime attribute, a JSON-LD string) and `findDates` for dates inside running text
 * (bylines, dumps, article text). Neither validates against the ingest time; that is a
 * ranking decision and is recorded as a rejection reason there.
 */

export interface FoundDate {
  y: number;
  m: number;
  /** Null when the expression names only a month (or a year). */
  d: number | null;
  hh?: number;
  mi?: number;
  ss?: number;
  /** '+02:00', '-05:00' or 'Z' when the expression gave a zone. */
  tz?: string;
  /** Offsets of the whole expression in the scanned string. */
  start: number;
  end: number;
  text: string;
  /** Set when the fields cannot be a calendar date (31 June, month 13). */
  impossible?: boolean;
  /** True when day/month order was a guess between two valid readings. */
  ambiguous?: boolean;
}

const ZONES: Record<string, string> = {
  z: 'Z', utc: 'Z', gmt: 'Z', ut: 'Z', wet: '+00:00', west: '+01:00', bst: '+01:00',
  cet: '+01:00', mez: '+01:00', cest: '+02:00', mesz: '+02:00', eet: '+02:00', eest: '+03:00',
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00',
  pst: '-08:00', pdt: '-07:00', akst: '-09:00', akdt: '-08:00', hst: '-10:00',
  jst: '+09:00', kst: '+09:00', aest: '+10:00', aedt: '+11:00', nzst: '+12:00', nzdt: '+13:00', msk: '+03:00',
};

export function daysIn(y: number, m: number): number {
  return [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function normZone(z: string | undefined): string | undefined {
  if (!z) return undefined;
  const t = z.trim();
  const named = ZONES[t.toLowerCase()];
  if (named) return named;
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 14 || mi > 59) return undefined;
  if (h === 0 && mi === 0) return m[1] === '-' ? '+00:00' : '+00:00';
  return `${m[1]}${pad(h)}:${pad(mi)}`;
}

function mk(
  y: number, m: number, d: number | null, start: number, text: string,
  time?: { hh?: number; mi?: number; ss?: number; tz?: string },
): FoundDate {
  const f: FoundDate = { y, m, d, start, end: start + text.length, text };
  if (m < 1 || m > 12 || (d !== null && (d < 1 || d > daysIn(y, m)))) f.impossible = true;
  if (time && time.hh !== undefined && time.hh <= 24 && (time.mi ?? 0) <= 59) {
    f.hh = time.hh === 24 ? 0 : time.hh;
    f.mi = time.mi ?? 0;
    if (time.ss !== undefined && time.ss <= 60) f.ss = time.ss;
    if (time.tz) f.tz = time.tz;
  }
  return f;
}

export function dayString(f: Pick<FoundDate, 'y' | 'm' | 'd'>): string {
  return `${pad(f.y, 4)}-${pad(f.m)}-${pad(f.d ?? 1)}`;
}

/** ISO 8601 with offset when the zone is known, local time otherwise; undefined without a time. */
export function datetimeString(f: FoundDate): string | undefined {
  if (f.hh === undefined || f.d === null) return undefined;
  const base = `${dayString(f)}T${pad(f.hh)}:${pad(f.mi ?? 0)}${f.ss !== undefined ? ':' + pad(Math.floor(f.ss)) : ''}`;
  return f.tz ? base + (f.tz === 'Z' ? 'Z' : f.tz) : base;
}

function year2(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years in bylines are recent ones: "03.05.21".
  return n < 70 ? 2000 + n : 1900 + n;
}

// A time of day that may follow a date: "10:00", "10:00:12", "4:40 pm", "16.40 Uhr", "16h40", with a zone.
const TIME_SRC =
  String.raw`(?:[,|·•–—-]|\s|T|\bat\b|\bum\b|(?<!\p{L})à(?=\s)|\ba las\b|\balle\b|\bkl\.?|\bklo\b|\bo\b)*` +
  String.raw`(\d{1,2})(?:[:h]|\.(?=\d{2}\s*(?:Uhr|h\b)))(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:(a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])|Uhr\b|h\b)?` +
  String.raw`\s*(?:\(?\s*(Z|(?:UTC|GMT)?\s?[+-]\d{1,2}(?::?\d{2})?|UTC|GMT|[CE]E?S?T|ME(?:S)?Z|[ECMP][SD]T|BST|WES?T|JST|KST|AEST|AEDT|MSK)(?![A-Za-z])\s*\)?)?`;

function readTime(m: RegExpExecArray, base: number): { hh?: number; mi?: number; ss?: number; tz?: string } | undefined {
  if (m[base] === undefined) return undefined;
  let hh = Number(m[base]);
  const mi = Number(m[base + 1]);
  const ss = m[base + 2] !== undefined ? Number(m[base + 2]) : undefined;
  const ap = m[base + 3]?.toLowerCase().replace(/[.\s]/g, '');
  if (ap === 'pm' && hh < 12) hh += 12;
  if (ap === 'am' && hh === 12) hh = 0;
  if (hh > 24 || mi > 59) return undefined;
  return { hh, mi, ss, tz: normZone(m[base + 4]) };
}

/**
 * Parse a value that should be a date as a whole: ISO 8601 (with or without time and
 * zone), RFC 2822, compact YYYYMMDD, epoch seconds/ms, and anything `findDates` reads.
 */
export function parseDateValue(value: string, opts: { dayFirst?: boolean } = {}): FoundDate | null {
  const v = value.trim();
  if (v === '') return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d)|UTC|GMT)?)?/i.exec(v);
  if (iso) {
    const time = iso[4] !== undefined ? { hh: Number(iso[4]), mi: Number(iso[5]), ss: iso[6] !== undefined ? Number(iso[6]) : undefined, tz: normZone(iso[7]) } : undefined;
    return mk(Number(iso[1]), Number(iso[2]), Number(iso[3]), 0, iso[0], time);
  }
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2})(?::?(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (compact) {
    const time = compact[4] !== undefined ? { hh: Number(compact[4]), mi: Number(compact[5]), ss: compact[6] !== undefined ? Number(compact[6]) : undefined, tz: normZone(compact[7]) } : undefined;
    return mk(Number(compact[1]), Number(compact[2]), Number(compact[3]), 0, compact[0], time);
  }
  if (/^\d{10}(\d{3})?$/.test(v)) {
    const ms = v.length === 13 ? Number(v) : Number(v) * 1000;
    const d = new Date(ms);
    if (d.getUTCFullYear() < 1995) return null;
    return mk(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, v, { hh: d.getUTCHours(), mi: d.getUTCMinutes(), ss: d.getUTCSeconds(), tz: 'Z' });
  }
  const found = findDates(v, { dayFirst: opts.dayFirst, monthOnly: false });
  const first = found[0];
  return first ?? null;
}

const ORD = String.raw`(?:st|nd|rd|th|er|e|º|°|o|a)?`;
const MON = String.raw`(${MONTH_ALT})\.?`;
const WD = String.raw`(?:(?:${WEEKDAY_ALT})\.?,?\s+)?`;

// "11 June 2019", "11. Juni 2019", "3 de marzo de 2021", "le 3 mars 2021", "11-Jun-2019"
const DMY = new RegExp(
  String.raw`(?<![\p{L}\d])${WD}(\d{1,2})${ORD}\.?(?:\s*|\s*[-/]\s*)(?:de\s+|of\s+)?${MON}(?:\s*|\s*[-/]\s*)(?:de\s+|del\s+)?,?\s*((?:19|20)\d{2})(?!\d)(?:${TIME_SRC})?`,
  'giu',
);
// "June 11, 2019", "Jun. 11 2019", "Juni 11, 2019"
const MDY = new RegExp(
  String.raw`(?<![\p{L}\d])${WD}${MON}\s+(\d{1,2})${ORD},?\s+((?:19|20)\d{2})(?!\d)(?:${TIME_SRC})?`,
  'giu',
);
// "2019-06-11", "2019/06/11", "2019.06.11", with optional time
const YMD = new RegExp(
  String.raw`(?<![\d.:/-])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])(?:${TIME_SRC})?`,
  'giu',
);
// "11.06.2019", "11/06/2019", "06-11-2019", "03.05.21"
const NUM = new RegExp(
  String.raw`(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2}|\d{2})(?![\d]|\.\d)(?:${TIME_SRC})?`,
  'giu',
);
// "2019年6月11日"
const CJK = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu;
// "June 2019", "März 2019": month granularity, only used for text events.
const MY = new RegExp(String.raw`(?<![\p{L}\d])${MON}\s+(?:of\s+|de\s+|del\s+)?((?:19|20)\d{2})(?!\d)`, 'giu');

export interface FindOpts {
  /** For 05/06/2019-style dates: true reads day first (most of the world), false month first (US). */
  dayFirst?: boolean;
  /** Also return month-granularity mentions ("March 2019"); off by default. */
  monthOnly?: boolean;
}

/** Every date expression in a string, in order, overlaps resolved in favour of the earliest, longest match. */
export function findDates(text: string, opts: FindOpts = {}): FoundDate[] {
  const out: FoundDate[] = [];
  const dayFirst = opts.dayFirst ?? true;
  for (const m of text.matchAll(DMY)) {
    const mon = monthNumber(m[2]);
    if (mon === null) continue;
    out.push(mk(Number(m[3]), mon, Number(m[1]), m.index!, m[0], readTime(m, 4)));
  }
  for (const m of text.matchAll(MDY)) {
    const mon = monthNumber(m[1]);
    if (mon === null) continue;
    out.push(mk(Number(m[3]), mon, Number(m[2]), m.index!, m[0], readTime(m, 4)));
  }
  for (const m of text.matchAll(YMD)) {
    out.push(mk(Number(m[1]), Number(m[3]), Number(m[4]), m.index!, m[0], readTime(m, 5)));
  }
  for (const m of text.matchAll(NUM)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = year2(m[4]);
    // Dots are day-first everywhere; slashes and dashes depend on the locale unless one reading is impossible.
    let d = a;
    let mo = b;
    let ambiguous = false;
    if (m[2] !== '.') {
      if (a > 12 && b <= 12) { d = a; mo = b; } else if (b > 12 && a <= 12) { d = b; mo = a; } else if (a <= 12 && b <= 12 && a !== b) {
        ambiguous = true;
        if (!dayFirst) { d = b; mo = a; }
      }
    }
    if (m[4].length === 2 && m[2] === '-') continue;
    const f = mk(y, mo, d, m.index!, m[0], readTime(m, 5));
    if (ambiguous) f.ambiguous = true;
    out.push(f);
  }
  for (const m of text.matchAll(CJK)) out.push(mk(Number(m[1]), Number(m[2]), Number(m[3]), m.index!, m[0]));
  if (opts.monthOnly) {
    for (const m of text.matchAll(MY)) {
      const mon = monthNumber(m[1]);
      if (mon === null) continue;
      // "may 2019" is too often the verb plus a year.
      if (m[1] === 'may') continue;
      out.push(mk(Number(m[2]), mon, null, m.index!, m[0]));
    }
  }
  out.sort((p, q) => p.start - q.start || q.end - q.start - (p.end - p.start));
  const kept: FoundDate[] = [];
  let until = -1;
  for (const f of out) {
    if (f.start < until) continue;
    // A trailing separator swallowed by the optional time group is not part of the date.
    const trimmed = f.text.replace(/[\s,|·•–—-]+$/u, '');
    f.text = trimmed;
    f.end = f.start + trimmed.length;
    kept.push(f);
    until = f.end;
  }
  return kept;
}

/** Bare years for the weakest text evidence ("in 2019"). */
export function findYears(text: string): { y: number; start: number; end: number }[] {
  const out: { y: number; start: number; end: number }[] = [];
  for (const m of text.matchAll(/(?<![\d.,/:-])((?:19|20)\d{2})(?![\d]|[.,]\d)/g)) {
    out.push({ y: Number(m[1]), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}
