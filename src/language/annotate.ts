import { type Doc, replaceSpans } from '../core/doc.js';
import { escapeRegExp } from '../core/text.js';
import { findFigures } from './figures.js';
import { type NerModel, loadNerModel, recognise } from './ner/index.js';
import { findQuotes } from './quotes/index.js';
import { nameParts, surnameForms } from './names.js';
import { splitSentences } from './sentences.js';
import { findTimes } from './time/index.js';

/**
 * The language layer over one Doc: sentences, time expressions anchored on the document's
 * own trusted date, named entities from the shipped model, quotes and figures. Re-running
 * it replaces its spans, so a document re-dated later (cross-document dating) can be
 * re-annotated in place.
 */

let sharedModel: NerModel | null = null;

/** Below this confidence a publication date is reported but not used as an anchor. */
export const TRUSTED_DATE_CONFIDENCE = 0.5;

function model(): NerModel {
  sharedModel ??= loadNerModel();
  return sharedModel;
}

export interface AnnotateOptions {
  /** Resolve relative times against this day instead of the document's published date. */
  anchor?: string | null;
  /** 'corpus' when the anchor is a date inferred from other documents. */
  anchorKind?: 'published' | 'corpus';
}

export function annotateLanguage(doc: Doc, opts: AnnotateOptions = {}): Doc {
  const sentences = splitSentences(doc.text);
  // Relative dates are resolved only against a date we trust: resolving "on Thursday"
  // against a template or placeholder date would put invented days on the timeline.
  const published = doc.facts.published;
  const trustedDate = published.date && published.confidence >= TRUSTED_DATE_CONFIDENCE ? published.date : null;
  const anchor = opts.anchor !== undefined ? opts.anchor : trustedDate;
  const times = findTimes(doc.text, { anchor });
  if (opts.anchor === undefined && !trustedDate && published.date) {
    for (const t of times) {
      if (t.value === null && t.anchor === 'published') t.reason = `publication date ${published.date} not trusted (confidence ${published.confidence.toFixed(2)})`;
    }
  }
  if (opts.anchorKind === 'corpus') {
    for (const t of times) {
      if (t.anchor !== 'published') continue;
      t.anchor = 'corpus';
      t.reason = `resolved against ${anchor}, the start of the publication range inferred from other documents`;
    }
  }
  const entities = recognise(doc.text, model())
    .map((m) => ({ ...m, ...wholeWords(doc.text, m.start, m.end) }))
    .flatMap((m) => (m.type === 'place' ? splitJoinedPlaces(doc.text, m.start, m.end).map((p) => ({ ...m, ...p })) : [m]))
    .map((m) => ({
      kind: 'entity' as const,
      start: m.start,
      end: m.end,
      type: m.type,
      score: m.score,
      evidence: [`NER model (score ${m.score.toFixed(2)})`],
    }));
  entities.push(...romanisedNames(doc.text, entities));
  entities.push(...familyNameMentions(doc.text, entities));
  entities.sort((a, b) => a.start - b.start);
  const people = entities.filter((e) => e.type === 'person').map((e) => ({ start: e.start, end: e.end, name: doc.text.slice(e.start, e.end) }));
  const quotes = findQuotes(doc.text, { sentences, people });
  const figures = findFigures(doc.text);
  replaceSpans(doc, ['sentence', 'time', 'entity', 'quote', 'figure'], [...sentences, ...times, ...entities, ...quotes, ...figures]);
  return doc;
}


/**
 * A name never ends or starts inside a hyphenated word: "Kang Kyung-wha" is one name even
 * when the recogniser, which sees "Kyung - wha" as three tokens, stops at "Kyung".
 */
export function wholeWords(text: string, start: number, end: number): { start: number; end: number } {
  // A one-word name joined to another capitalised word ("the Kim-Trump summit") is a
  // compound of two names, not one longer name: leave it as it is.
  const oneWord = !/\s/.test(text.slice(start, end));
  const joinable = (c: string | undefined) => (oneWord ? /\p{Ll}/u : /\p{L}/u).test(c ?? '');
  let e = end;
  // The recogniser may stop right after the hyphen ("Moon Jae-" of "Moon Jae-in's").
  if (text[e - 1] === '-' && e - 1 > start && joinable(text[e])) e--;
  while (text[e] === '-' && joinable(text[e + 1])) {
    e++;
    while (e < text.length && /[\p{L}\p{M}]/u.test(text[e])) e++;
  }
  let s = start;
  while (text[s - 1] === '-' && /\p{L}/u.test(text[s - 2] ?? '') && !(oneWord && /^\p{Lu}/u.test(text.slice(start, end)) && /\p{Lu}/u.test(wordBefore(text, s - 1)))) {
    s--;
    while (s > 0 && /[\p{L}\p{M}]/u.test(text[s - 1])) s--;
  }
  return { start: s, end: e };
}

function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}\p{M}]/u.test(text[i - 1])) i--;
  return text[i] ?? '';
}

/**
 * "US-North Korea talks", "United States-China trade": two places joined as a modifier are
 * two places. A single name with a hyphen ("Guinea-Bissau", "Baden-Württemberg",
 * "Stratford-upon-Avon") has no space and no all-capital part on either side, and stays
 * whole. A side with fewer than two letters ("Korea-U" cut from "Korea-U.S.") is dropped.
 */
export function splitJoinedPlaces(text: string, start: number, end: number): { start: number; end: number }[] {
  const surface = text.slice(start, end);
  const m = /^(.*\p{L}\.?)[-–](\p{Lu}.*)$/u.exec(surface);
  if (!m) return [{ start, end }];
  const [, left, right] = m as unknown as [string, string, string];
  const acronym = (s: string) => /^(?:\p{Lu}\.?){2,}$/u.test(s);
  if (!(left.includes(' ') || right.includes(' ') || acronym(left) || acronym(right))) return [{ start, end }];
  const sides = [
    { start, end: start + left.length },
    { start: end - right.length, end },
  ];
  return sides.filter((s) => (text.slice(s.start, s.end).match(/\p{L}/gu) ?? []).length >= 2);
}

// English words that follow a hyphen after a place or name ("New York-based", "Tokyo-style").
const HYPHEN_SUFFIXES = new Set('based style born led backed owned run made area wide level type like related era class free bound grown sized scale linked focused centred centered wise listed'.split(' '));

/**
 * Romanised East Asian names with a hyphenated given name ("Moon Jae-in", "Kang Kyung-wha"):
 * a family name of one syllable and a given name of two, joined by a hyphen with the second
 * in lower case. The trained recogniser splits them at the hyphen and often misses them,
 * most of all when the family name is also an English word ("Moon"). The shape is specific
 * enough to add as a person when no recognised entity covers it.
 */
export function romanisedNames(text: string, existing: { start: number; end: number }[]): { kind: 'entity'; start: number; end: number; type: 'person'; score: number; evidence: string[] }[] {
  const out: { kind: 'entity'; start: number; end: number; type: 'person'; score: number; evidence: string[] }[] = [];
  const re = /\b(\p{Lu}\p{Ll}{1,4}) (\p{Lu}\p{Ll}{1,5})-(\p{Ll}{1,5})\b/gu;
  for (const m of text.matchAll(re)) {
    if (HYPHEN_SUFFIXES.has(m[3])) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (existing.some((e) => e.start < end && start < e.end)) continue;
    out.push({ kind: 'entity', start, end, type: 'person', score: 0.5, evidence: ['romanised name shape: family name + hyphenated given name'] });
  }
  return out;
}

/**
 * Once a document names a person in full, its family name alone elsewhere in the document
 * is that person ("Moon Jae-in ... Moon said"), even where the recogniser missed it. Only
 * capitalised whole words outside every recognised entity are added.
 */
export function familyNameMentions(text: string, existing: { start: number; end: number; type: string }[]): { kind: 'entity'; start: number; end: number; type: 'person'; score: number; evidence: string[] }[] {
  const out: { kind: 'entity'; start: number; end: number; type: 'person'; score: number; evidence: string[] }[] = [];
  const taken = [...existing];
  for (const e of existing) {
    if (e.type !== 'person') continue;
    const full = text.slice(e.start, e.end);
    const parts = nameParts(full);
    if (parts.tokens.length < 2) continue;
    const words = parts.display.split(/\s+/);
    for (const form of surnameForms(parts)) {
      const surface = words.find((w) => w.toLowerCase().replace(/-/g, '') === form);
      if (!surface || surface.length < 3) continue;
      const re = new RegExp(`(?<![\\p{L}-])${escapeRegExp(surface)}(?![\\p{L}-])`, 'gu');
      for (const m of text.matchAll(re)) {
        const start = m.index!;
        const end = start + surface.length;
        if (taken.some((t) => t.start < end && start < t.end)) continue;
        const mention = { kind: 'entity' as const, start, end, type: 'person' as const, score: 0.5, evidence: [`family name of "${parts.display}", named in full in this document`] };
        out.push(mention);
        taken.push(mention);
      }
    }
  }
  return out;
}
