/** Units a time expression can count in. `weekend` is Saturday–Sunday of a Monday-start week. */
export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'weekend' | 'month' | 'year' | 'decade';

export type TimePart = 'early' | 'mid' | 'late' | 'end' | 'beginning' | 'earlier' | 'later';

export type Tense = 'past' | 'future' | 'unknown';

/**
 * Everything the text said about a time, before any anchor is applied. Only what was
 * written is set, so a resolver can tell "March 3" (no year) from "March 3, 2021".
 */
export interface TimeFields {
  year?: number;
  month?: number;
  day?: number;
  endYear?: number;
  endMonth?: number;
  endDay?: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** First year of a decade ("the 1990s" → 1990). */
  decade?: number;
  /** "last June", "next Thursday", "this March". */
  which?: 'last' | 'next' | 'this';
  /** Calendar step from the reference: yesterday {day,-1}, this month {month,0}, next week {week,1}. */
  offset?: { unit: TimeUnit; n: number };
  /** "March 3 last year": the year, relative to the reference's year. */
  yearOffset?: number;
  /** Exact amount counted from the reference: "a year ago" {year,-1}, "three days later" {day,3}. */
  shift?: { unit: TimeUnit; n: number };
  /** An amount of time: durations, and the length of "the past few months". */
  quantity?: { unit: TimeUnit; n: number };
  /** The amount was vague ("few", "several", "recent"); holds the word, so the guess is visible. */
  vague?: string;
  /** A stretch that ends ("the past few months") or starts ("the coming weeks") at the reference. */
  period?: 'past' | 'coming';
  part?: TimePart;
  timeOfDay?: 'morning' | 'afternoon' | 'evening' | 'night';
  /** The preposition just before the expression ("before", "by", "since", "in" …), outside the span. */
  signal?: string;
  /** What offsets and shifts count from; absent means the publication date. */
  reference?: 'published' | 'previous' | 'event';
  /** Compound "two days after March 3": the shift counts from this expression instead. */
  base?: { kind: TimeKind; fields: TimeFields };
  /** Numeric dates like 03/04/2021 whose day/month order cannot be told. */
  ambiguousOrder?: boolean;
}

export type TimeKind = 'absolute' | 'partial' | 'relative' | 'weekday' | 'duration' | 'range';

export interface TimeMention {
  start: number;
  end: number;
  text: string;
  kind: TimeKind;
  fields: TimeFields;
  tense: Tense;
  /** The grammar rule that matched, for evidence. */
  rule?: string;
  /** The word that decided the tense, for evidence. */
  tenseCue?: string;
}

export type ResolvedGranularity = 'day' | 'month' | 'year' | 'range' | 'duration';

export interface Resolved {
  /** YYYY-MM-DD, YYYY-MM, YYYY, or an ISO 8601 duration (P2W) for durations; null when unresolved. */
  value: string | null;
  granularity: ResolvedGranularity;
  /** Last value of a range, at the same precision as `value`. */
  endValue?: string;
  /** Why it is unresolved, or what was assumed to resolve it. */
  reason?: string;
  /** Which anchor the value depends on: none for self-contained dates. */
  anchor?: 'published' | 'previous' | 'none';
}
