/**
 * Figures: percentages, money, counts of things, ranges and simple measures, with the
 * value as a number and, where the text says, what the figure measures (`about`).
 *
 * Decisions:
 * - The span covers the figure expression ("$2.5 billion", "between 30 and 40 per cent",
 *   "4,200"); the counted noun phrase goes to `about`, not into the span.
 * - Not figures: dates and years, times of day, ages ("Kessler, 31,", "aged 24",
 *   "52-year-old"), durations ("two weeks", "43 years"), ordinals ("third", "19th"),
 *   sports scores ("2-1", "6-4"), and numbers that are labels ("Phase 2", "No. 1", "M6").
 * - A number with neither a unit nor a counted noun after it is dropped: "Pike, 88" or
 *   "in the 1990s" say nothing measurable on their own.
 */
import type { FigureSpan } from '../core/doc.js';
import { escapeRegExp } from '../core/text.js';

const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, b: 1e9,
  trillion: 1e12, tn: 1e12, crore: 1e7, lakh: 1e5,
};

/** Currency symbols and codes that stand before the amount. */
const PREFIX_CURRENCY: [string, string][] = [
  ['US$', 'USD'], ['A$', 'AUD'], ['C$', 'CAD'], ['HK$', 'HKD'], ['NZ$', 'NZD'], ['S$', 'SGD'], ['R$', 'BRL'],
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₩', 'KRW'], ['₹', 'INR'], ['₽', 'RUB'], ['₺', 'TRY'],
  ['USD', 'USD'], ['EUR', 'EUR'], ['GBP', 'GBP'], ['NOK', 'NOK'], ['SEK', 'SEK'], ['DKK', 'DKK'], ['CHF', 'CHF'],
  ['JPY', 'JPY'], ['KRW', 'KRW'], ['CNY', 'CNY'], ['RMB', 'CNY'], ['INR', 'INR'], ['AUD', 'AUD'], ['CAD', 'CAD'],
  ['RUB', 'RUB'], ['BRL', 'BRL'], ['ZAR', 'ZAR'], ['Rs', 'INR'], ['Rs.', 'INR'],
];

/** Currency words that follow the amount ("5 million won"). */
const SUFFIX_CURRENCY: Record<string, string> = {
  won: 'KRW', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY', euro: 'EUR', euros: 'EUR', dollar: 'USD', dollars: 'USD',
  pound: 'GBP', pounds: 'GBP', sterling: 'GBP', rupee: 'INR', rupees: 'INR', kroner: 'NOK', krone: 'NOK',
  kronor: 'SEK', krona: 'SEK', franc: 'CHF', francs: 'CHF', rouble: 'RUB', roubles: 'RUB', ruble: 'RUB',
  rubles: 'RUB', shilling: 'KES', shillings: 'KES', naira: 'NGN', rand: 'ZAR', pesos: 'MXN', peso: 'MXN',
  dinars: 'DZD', riyals: 'SAR', dirhams: 'AED', lira: 'TRY', reais: 'BRL', baht: 'THB', ringgit: 'MYR',
  rupiah: 'IDR', dong: 'VND', hryvnias: 'UAH', zloty: 'PLN',
};

/** Measure units, glued or spaced ("94mph", "12 km"); unit kept as written, lower-cased. */
const MEASURES = new Set([
  'mph', 'km/h', 'kph', 'km', 'kilometres', 'kilometers', 'miles', 'mile', 'metres', 'meters', 'm2', 'sq', 'ft',
  'feet', 'kg', 'kilograms', 'kilos', 'tonnes', 'tons', 'lb', 'lbs', 'pounds-weight', 'litres', 'liters',
  'barrels', 'bpd', 'mw', 'gw', 'kwh', 'twh', 'hectares', 'acres', 'degrees', '°c', '°f', 'cm', 'mm', 'gb', 'tb',
]);

const TIME_NOUNS = /^(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|nights?|weekends?|seasons?|terms?|quarters?|times|innings|mins?|hrs?|yrs?|fortnights?|millennia|semesters?)$/i;
const MONTHS = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;
const LABEL_WORDS = /^(phase|week|no|nos|number|page|pages|chapter|round|article|section|room|flight|route|line|level|grade|category|stage|day|game|season|episode|version|channel|platform|gate|row|seat|tier|figure|table|act|verse|item|model|series|class|division|group|district|ward|zone|block|unit|apartment|suite|highway|interstate|pier|terminal|hole|lap|mile|km|kilometre|junction|exit|box|vol|part|grade|form|year|years|decade|term|step|step|index|rule|clause|amendment|resolution|title|bill|proposition|prop|code|id|mach)$/i;
const NP_STOP = new Set([
  'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'after', 'before', 'during', 'about', 'over', 'under',
  'and', 'or', 'but', 'nor', 'than', 'as', 'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'while',
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'should',
  'can', 'may', 'might', 'must', 'do', 'does', 'did', 'not', 'more', 'less', 'fewer', 'most', 'least',
  'each', 'per', 'apiece', 'ago', 'earlier', 'later', 'since', 'until', 'into', 'onto', 'across', 'against',
  'between', 'among', 'through', 'up', 'down', 'out', 'off', 'back', 'so', 'too', 'very', 'also', 'only',
  'just', 'still', 'already', 'now', 'then', 'there', 'here', 'it', 'they', 'we', 'he', 'she', 'i', 'you',
  'said', 'says', 'say', 'told', 'added', 'according', 'including', 'like', 'or', 'if', 'because',
]);

const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const WORD_UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

interface Num {
  start: number;
  end: number;
  value: number;
  currency?: string;
  multiplied: boolean;
  word: boolean;
  raw: string;
}


const PREFIX_RE = PREFIX_CURRENCY.map(([s]) => s)
  .sort((a, b) => b.length - a.length)
  .map((s) => (/^[A-Za-z]/.test(s) ? `${escapeRegExp(s)}\\s?` : escapeRegExp(s)))
  .join('|');
const NUMERIC_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.,/:])(?<!\\p{L}-)(?:(${PREFIX_RE})\\s?)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s?(thousand|million|mln|billion|trillion|crore|lakh|mn|bn|tn|m|b|k)(?![\\p{L}\\p{N}]))?`,
  'gu',
);
const WORD_NUM_RE = new RegExp(
  `(?<![\\p{L}-])(${Object.keys(WORD_NUMBERS).join('|')})(?:-(${Object.keys(WORD_UNITS).join('|')}))?(?:\\s+(hundred|thousand|million|billion))?(?![\\p{L}-])`,
  'giu',
);

function findNumbers(text: string): Num[] {
  const out: Num[] = [];
  NUMERIC_RE.lastIndex = 0;
  for (let m = NUMERIC_RE.exec(text); m; m = NUMERIC_RE.exec(text)) {
    const prefix = m[1]?.trim();
    const currency = prefix ? PREFIX_CURRENCY.find(([s]) => s === prefix)?.[1] : undefined;
    let value = Number(m[2].replace(/,/g, ''));
    const mult = m[3]?.toLowerCase();
    // A lone "m"/"b"/"k" is a multiplier only after a currency ("€300m"), never "5 m of rope".
    const multOk = mult && (!/^(m|b|k)$/.test(mult) || (currency && !/\s/.test(text.slice(m.index, m.index + m[0].length).slice(-2, -1))));
    let end = m.index + m[0].length;
    if (mult && multOk) value *= MULTIPLIERS[mult];
    else if (mult) end = m.index + m[0].length - m[3].length - (/\s$/.test(m[0].slice(0, -m[3].length)) ? 1 : 0);
    out.push({ start: m.index, end, value, currency, multiplied: Boolean(mult && multOk), word: false, raw: text.slice(m.index, end) });
  }
  WORD_NUM_RE.lastIndex = 0;
  for (let m = WORD_NUM_RE.exec(text); m; m = WORD_NUM_RE.exec(text)) {
    let value = WORD_NUMBERS[m[1].toLowerCase()];
    if (m[2]) value += WORD_UNITS[m[2].toLowerCase()];
    if (m[1].toLowerCase() === 'hundred') continue;
    const mult = m[3]?.toLowerCase();
    if (mult === 'hundred') value *= 100;
    else if (mult) value *= MULTIPLIERS[mult];
    out.push({ start: m.index, end: m.index + m[0].length, value, multiplied: Boolean(mult), word: true, raw: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface UnitMatch {
  unit: string;
  end: number;
  currency?: string;
}

/** A unit right after a number: %, per cent, a currency word, a measure. */
function unitAfter(text: string, pos: number): UnitMatch | null {
  const rest = text.slice(pos, pos + 40);
  let m = /^\s?(%|per\s?cent\b|percent\b|pct\b)/i.exec(rest);
  if (m) return { unit: 'percent', end: pos + m[0].length };
  m = /^\s(percentage points?|points?|basis points|bps)\b/i.exec(rest);
  if (m) return { unit: /basis|bps/i.test(m[1]) ? 'basis-point' : /percentage/i.test(m[1]) ? 'percentage-point' : 'point', end: pos + m[0].length };
  m = /^\s([\p{L}]+)\b/u.exec(rest);
  if (m && SUFFIX_CURRENCY[m[1].toLowerCase()] && !(m[1] === 'won' && /^\s+(the|a|an|his|her|their|its|by|in|on|at|over|against)\b/i.test(rest.slice(m[0].length)))) {
    return { unit: `currency:${SUFFIX_CURRENCY[m[1].toLowerCase()]}`, end: pos + m[0].length, currency: SUFFIX_CURRENCY[m[1].toLowerCase()] };
  }
  m = /^\s?(km\/h|°[CF]|[\p{L}²]+\d?)(?![\p{L}])/u.exec(rest);
  if (m && MEASURES.has(m[1].toLowerCase())) return { unit: m[1].toLowerCase(), end: pos + m[0].length };
  return null;
}

/** The noun phrase after a count: "13 special economic zones" → "special economic zones". */
function nounPhraseAfter(text: string, pos: number, maxWords = 4): { text: string; end: number } | null {
  const re = /\s([\p{L}][\p{L}\p{M}'’-]*)/uy;
  let p = pos;
  const words: { w: string; end: number }[] = [];
  while (words.length < maxWords) {
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m) break;
    const w = m[1];
    const lower = w.toLowerCase();
    if (NP_STOP.has(lower)) break;
    if (words.length && /^\p{Ll}+(ed|ing|ly)$/u.test(w) && !/^(building|ceiling|offspring|spring|evening|morning|wedding|being)$/i.test(w)) break;
    words.push({ w, end: m.index + m[0].length });
    p = m.index + m[0].length;
    if (/[,.;:!?)]/.test(text[p] ?? '')) break;
  }
  if (!words.length) return null;
  const start = pos + (/^\s/.test(text.slice(pos)) ? 1 : 0);
  return { text: text.slice(start, words[words.length - 1].end), end: words[words.length - 1].end };
}

/** "30 per cent of Americans" → "Americans"; "a 5% stake" → "stake". */
function percentAbout(text: string, pos: number): string | null {
  const m = /^\s+of\s+(?:(?:the|all|its|their|his|her|our|those|these)\s+)?/i.exec(text.slice(pos, pos + 30));
  if (m) return nounPhraseAfter(text, pos + m[0].length - 1, 4)?.text ?? null;
  const np = nounPhraseAfter(text, pos, 2);
  if (np && /^(stake|share|rise|increase|fall|drop|decline|cut|gain|jump|majority|minority|discount|tariff|tax|interest|raise|pay|stake|holding|return|growth|contraction|turnout)$/i.test(np.text.split(' ').pop()!)) return np.text;
  return null;
}

function moneyAbout(text: string, pos: number): string | null {
  const m = /^\s+(?:in|of|worth of|for)\s+(?:(?:the|its|their|his|her|new)\s+)?/i.exec(text.slice(pos, pos + 30));
  if (m) {
    const np = nounPhraseAfter(text, pos + m[0].length - 1, 3);
    if (np && !TIME_NOUNS.test(np.text.split(' ')[0])) return np.text;
  }
  return null;
}

function prevWord(text: string, pos: number): string {
  const m = /([\p{L}\p{N}.]+)[\s,]*$/u.exec(text.slice(Math.max(0, pos - 25), pos));
  return m ? m[1] : '';
}

function isLabelOrDate(text: string, n: Num): boolean {
  const before = text.slice(Math.max(0, n.start - 2), n.start);
  const after = text.slice(n.end, n.end + 12);
  if (!n.word) {
    if (/^\d/.test(after) || /^[.,]\d/.test(after)) return true;
    if (/^(st|nd|rd|th)\b/i.test(after)) return true; // ordinals
    if (/^:\d/.test(after)) return true; // times
    if (/^\s?(a\.m\.|p\.m\.|am\b|pm\b|gmt|bst|utc|hrs\b|h\b)/i.test(after)) return true;
    if (/^-(year|month|week|day|hour|minute)/i.test(after)) return true; // "52-year-old", "48-hour strike"
    if (/\p{L}-?$/u.test(before) && !/[\s$€£¥₩₹]/u.test(before.slice(-1))) return true; // "M6", "HX-204"
  }
  const pw = prevWord(text, n.start);
  if (!n.currency && (MONTHS.test(pw) || LABEL_WORDS.test(pw.replace(/\.$/, '')))) return true;
  if (!n.currency && /^\s+(jan(uary)?|feb(ruary)?|march|april|may|june|july|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i.test(after) && n.value <= 31) return true;
  return false;
}

/** A bare year: four digits, no separators, plausible calendar range. */
function isYear(text: string, n: Num): boolean {
  return !n.word && !n.currency && !n.multiplied && /^\d{4}$/.test(n.raw) && n.value >= 1000 && n.value <= 2100;
}

/** Ages: "Kessler, 31, said", "Margaret Obi, 81.", "aged 24". */
function isAge(text: string, n: Num): boolean {
  if (n.word || n.currency || n.value > 125 || !/^\d{1,3}$/.test(n.raw)) return false;
  const before = text.slice(Math.max(0, n.start - 40), n.start);
  if (/\baged\s*$/i.test(before)) return true;
  return /\p{Lu}[\p{L}'’-]+,\s*$/u.test(before) && /^[,.;)]|^\s*$/u.test(text.slice(n.end, n.end + 1));
}

function figure(start: number, end: number, value: number, unit: string, about: string | null, evidence: string, endValue?: number): FigureSpan {
  const f: FigureSpan = { kind: 'figure', start, end, value, unit, about, evidence: [evidence] };
  if (endValue !== undefined) f.endValue = endValue;
  return f;
}

export function findFigures(text: string): FigureSpan[] {
  const nums = findNumbers(text);
  const out: FigureSpan[] = [];
  const used = new Set<Num>();
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i];
    if (used.has(n)) continue;
    if (isLabelOrDate(text, n)) continue;

    // Ranges: "between 30 and 40 per cent", "10-15%", "$5-10 billion", "two or three countries".
    let second: Num | null = null;
    let rangeStart = n.start;
    const next = nums[i + 1];
    if (next && !used.has(next)) {
      const gap = text.slice(n.end, next.start);
      const lead = text.slice(Math.max(0, n.start - 9), n.start);
      if (/^\s?[-–]\s?$/.test(gap) || /^\s+to\s+$/i.test(gap) || (/^\s+or\s+$/i.test(gap) && n.word && next.word)) second = next;
      else if (/^\s+and\s+$/i.test(gap) && /between\s+$/i.test(lead)) {
        second = next;
        rangeStart = n.start - (/between\s+$/i.exec(lead)![0].length);
      }
      if (second && /^\s+to\s+$/i.test(gap) && /from\s+$/i.test(lead)) rangeStart = n.start - /from\s+$/i.exec(lead)![0].length;
    }
    const last = second ?? n;
    const unit = unitAfter(text, last.end);
    const currency = n.currency ?? second?.currency ?? unit?.currency;

    // Scores ("2-1 defeat", "6-4, 3-6") are pairs of small integers with no unit.
    if (second && !unit && !currency && !n.word && /^\s?[-–]\s?$/.test(text.slice(n.end, second.start))) {
      const np = nounPhraseAfter(text, second.end);
      if (n.value >= second.value || !np || TIME_NOUNS.test(np.text.split(' ')[0])) {
        used.add(second);
        continue;
      }
    }

    if (second) {
      let a = n.value;
      let b = second.value;
      // "$5-10 billion": the multiplier written once applies to both ends.
      if (!n.multiplied && second.multiplied) a *= b / Number(second.raw.replace(/[^\d.]/g, '')) || 1;
      if (b < a) {
        second = null;
      } else {
        const end = unit ? unit.end : second.end;
        used.add(second);
        if (unit?.unit === 'percent') {
          out.push(figure(rangeStart, end, a, 'percent', percentAbout(text, end), `percentage range "${text.slice(rangeStart, end)}"`, b));
        } else if (currency) {
          out.push(figure(rangeStart, end, a, `currency:${currency}`, moneyAbout(text, end), `money range "${text.slice(rangeStart, end)}"`, b));
        } else if (unit) {
          out.push(figure(rangeStart, end, a, unit.unit, null, `measure range "${text.slice(rangeStart, end)}"`, b));
        } else {
          const np = nounPhraseAfter(text, second.end);
          if (np && !TIME_NOUNS.test(np.text.split(' ')[0]) && !MONTHS.test(np.text.split(' ')[0])) {
            out.push(figure(rangeStart, second.end, a, 'count', np.text, `count range "${text.slice(rangeStart, second.end)}" of "${np.text}"`, b));
          }
        }
        continue;
      }
    }

    if (isAge(text, n)) continue;
    if (unit?.unit === 'percent') {
      out.push(figure(n.start, unit.end, n.value, 'percent', percentAbout(text, unit.end), `percentage "${text.slice(n.start, unit.end)}"`));
      continue;
    }
    if (currency) {
      const end = unit?.currency ? unit.end : n.end;
      out.push(figure(n.start, end, n.value, `currency:${currency}`, moneyAbout(text, end), `money "${text.slice(n.start, end)}"`));
      continue;
    }
    if (unit) {
      out.push(figure(n.start, unit.end, n.value, unit.unit, null, `measure "${text.slice(n.start, unit.end)}"`));
      continue;
    }
    if (isYear(text, n)) continue;
    const np = nounPhraseAfter(text, n.end);
    if (!np) continue;
    const head = np.text.split(' ')[0];
    if (TIME_NOUNS.test(head) || MONTHS.test(head) || /^(of|percent)$/i.test(head)) continue;
    // Number words need a plural noun to count ("three meetings"); "ten" alone says nothing.
    if (n.word && !/s$|men$|people$|children$|police$|staff$|cattle$|sheep$|fish$|aircraft$/i.test(np.text)) continue;
    out.push(figure(n.start, n.end, n.value, 'count', np.text, `count "${n.raw}" of "${np.text}"`));
  }
  return out.sort((a, b) => a.start - b.start);
}
