/**
 * What the article extractor takes from page metadata: names for the headline (<title>,
 * Open Graph/Twitter title, JSON-LD headline) and the schema.org articleBody it weights
 * page prose against. Filled in document order by the page-meta walk.
 */
import type { Element } from 'domhandler';
import { isText } from 'domhandler';
import { decodeHTML } from 'entities';
import { collapse } from '../../core/text.js';
import { findArticleValue, type ParsedJsonLd } from './json-ld.js';

export interface ArticleHints {
  /** First non-empty <title>, wherever it sits. */
  title: string | null;
  ogTitle: string | null;
  ldHeadline: string | null;
  /** schema.org articleBody, whitespace-collapsed; null when absent or too short to trust. */
  ldBody: string | null;
  /** articleBody stops mid-story (ellipsis, no closing punctuation): a teaser, not the story. */
  ldTruncated: boolean;
  /** Raw offsets of the JSON-LD script that carried articleBody. */
  ldRange: { start: number; end: number } | null;
}

// Shorter bodies are summaries or teasers: too little to confirm page prose with.
const MIN_LD_BODY = 200;

export function emptyArticleHints(): ArticleHints {
  return { title: null, ogTitle: null, ldHeadline: null, ldBody: null, ldTruncated: false, ldRange: null };
}

/** The element's own text children, so a title's stray markup does not leak into it. */
function ownText(el: Element): string {
  let s = '';
  for (const c of el.children) if (isText(c)) s += c.data;
  return s;
}

export function noteTitle(hints: ArticleHints, el: Element): void {
  if (hints.title === null) hints.title = collapse(ownText(el)) || null;
}

export function noteMetaTag(hints: ArticleHints, el: Element): void {
  const prop = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase();
  if ((prop === 'og:title' || prop === 'twitter:title') && !hints.ogTitle && el.attribs.content) {
    hints.ogTitle = collapse(el.attribs.content) || null;
  }
}

/**
 * Only blocks that parse as written count here, as in the extractor's own reader before
 * the two readers were merged: letting repaired blocks name the headline or weight prose
 * is a behaviour change of its own, not part of sharing one walk.
 */
export function noteJsonLd(hints: ArticleHints, { value, asWritten }: ParsedJsonLd, el: Element): void {
  if (!asWritten) return;
  if (!hints.ldHeadline) hints.ldHeadline = findArticleValue(value, 'headline');
  if (hints.ldBody) return;
  const body = findArticleValue(value, 'articleBody') ?? findArticleValue(value, 'text');
  if (!body || body.length < MIN_LD_BODY) return;
  // Some CMSs HTML-escape inside JSON; the page text is decoded, so decode to match.
  hints.ldBody = collapse(body.includes('&') ? decodeHTML(body) : body);
  hints.ldTruncated = /(\.\.\.|…|\[\.\.\.\])$/.test(hints.ldBody) || !/[.!?"'”’»)\]]$/.test(hints.ldBody);
  hints.ldRange = { start: el.startIndex ?? 0, end: (el.endIndex ?? 0) + 1 };
}
