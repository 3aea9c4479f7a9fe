import type { TimeUnit } from './types.js';

const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** 1–12, or 0 when the token is not a month name or abbreviation. */
export function monthNumber(token: string): number {
  return MONTH_KEYS.indexOf(token.replace(/\.$/, '').slice(0, 3).toLowerCase()) + 1;
}

/** 0 = Sunday … 6 = Saturday, or -1. */
export function weekdayNumber(token: string): number {
  return WEEKDAYS.indexOf(token.toLowerCase());
}

/** Month and weekday names only count capitalised: "may", "march" and "sun" are ordinary words. */
export function isCapitalised(token: string): boolean {
  return token.length > 0 && token[0] >= 'A' && token[0] <= 'Z';
}

// Full names first so the alternation never stops at a prefix; the abbreviation may carry a
// period, which a full name never does (a period after "May" ends the sentence).
export const MONTH = (g: string) =>
  `(?<${g}>(?:January|February|March|April|May|June|July|August|September|October|November|December)\\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b\\.?)`;

/** A month standing without a day: abbreviations need their period to be told from names and words. */
export const MONTH_ALONE = (g: string) =>
  `(?<${g}>(?:January|February|March|April|May|June|July|August|September|October|November|December)\\b|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\\.)`;

export const DAY = (g: string) => `(?<${g}>3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?!\\d|:\\d|,\\d{3}|\\.\\d|[a-z])`;

export const YEAR = (g: string) => `(?<${g}>1\\d{3}|20\\d{2})(?![\\d%]|,\\d{3}|\\.\\d)`;

export const WEEKDAY = (g: string) => `(?<${g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\\b)\\b`;

export const NUMBER =
  '(?:\\d{1,3}(?:\\.\\d+)?|a\\s+few|a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+dozen|dozens\\s+of|several|few|' +
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'a\\s+hundred|hundred|an?)';

export const UNITS = '(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))';

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12,
};

/**
 * The number a quantity phrase stands for. Vague words get a stated guess (3) rather than
 * no value, because "the past few months" is still useful on a timeline; the word is kept
 * so the guess is never mistaken for something the text said.
 */
export function numberValue(raw: string): { n: number; vague?: string } | null {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(s)) return { n: Number(s) };
  if (s === 'a few' || s === 'few') return { n: 3, vague: 'few' };
  if (s === 'several') return { n: 3, vague: 'several' };
  if (s === 'dozens of') return { n: 24, vague: 'dozens' };
  if (s.startsWith('a couple') || s === 'couple of') return { n: 2 };
  if (s === 'a dozen') return { n: 12 };
  if (s === 'a hundred') return { n: 100 };
  const [tens, ones] = s.split('-');
  if (SMALL[tens] === undefined) return null;
  return { n: SMALL[tens] + (ones ? SMALL[ones] ?? 0 : 0) };
}

/** Normalises a unit word; fortnights and centuries become weeks and years so arithmetic stays simple. */
export function unitValue(raw: string): { unit: TimeUnit; factor: number } {
  const s = raw.toLowerCase();
  if (s.startsWith('second')) return { unit: 'second', factor: 1 };
  if (s.startsWith('minute')) return { unit: 'minute', factor: 1 };
  if (s.startsWith('hour')) return { unit: 'hour', factor: 1 };
  if (s.startsWith('day')) return { unit: 'day', factor: 1 };
  if (s.startsWith('fortnight')) return { unit: 'week', factor: 2 };
  if (s.startsWith('week')) return { unit: s.startsWith('weekend') ? 'weekend' : 'week', factor: 1 };
  if (s.startsWith('month')) return { unit: 'month', factor: 1 };
  if (s.startsWith('decade')) return { unit: 'decade', factor: 1 };
  if (s.startsWith('centur')) return { unit: 'year', factor: 100 };
  return { unit: 'year', factor: 1 };
}

/**
 * Words that, right after a bare number, show it counts things rather than names a year:
 * "2000 troops", "1500 metres". Deliberately a list of nouns, not a rule about plurals,
 * because "the 2020 Olympics" and "2019 elections" are years.
 */
export const COUNT_NOUNS = new Set(
  (
    'people persons residents citizens voters troops soldiers police officers workers employees staff jobs ' +
    'students children adults men women families households homes houses buildings vehicles cars ' +
    'cases deaths infections patients beds doses tests votes ballots signatures members fans ' +
    'refugees migrants prisoners protesters demonstrators civilians casualties victims ' +
    'dollars euros pounds yen yuan rupees shares barrels tonnes tons kilograms kg km kilometres kilometers ' +
    'miles metres meters feet ft acres hectares calories points runs goals seats units copies ' +
    'gmt utc et est edt pst pdt bst cet cest local hrs hours'
  ).split(' '),
);

/** Words before a bare number that make it a quantity: "more than 2000", "another 1500". */
export const QUANTITY_MODIFIERS = new Set(
  'than nearly almost some roughly approximately another additional extra least only over under exactly'.split(' '),
);

/** Words before a bare number that make it a label: "No. 2020", "flight 1549". */
export const LABEL_WORDS = new Set('no no. number flight route room page highway model version code box bus'.split(' '));

/** Prepositions that stay outside the span but change its meaning; kept as `signal`. */
export const SIGNALS = new Set(
  'in on at since until till by before after from through throughout during within for over around between of'.split(' '),
);
