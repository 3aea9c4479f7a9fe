import type { AnyNode, Document, Element } from 'domhandler';
import { emptyArticleHints, noteJsonLd, noteMetaTag, noteTitle, type ArticleHints } from './article-hints.js';
import { parseJsonLd } from './json-ld.js';

/**
 * One reader of the metadata a page declares about itself (meta tags, JSON-LD, title,
 * time elements, canonical link, language, headings). The article extractor and
 * title/author/outlet and date inference all read from this, so the page is walked once,
 * each JSON-LD block is parsed once, and every value keeps the offsets of the tag it came
 * from in the decoded raw HTML (provenance for `in: 'raw'`).
 */

export interface MetaEntry {
  /** Lowercased name | property | itemprop | http-equiv. */
  key: string;
  value: string;
  /** Offsets of the tag in the raw HTML. */
  start: number;
  end: number;
}

export interface PageTime {
  datetime: string | null;
  text: string;
  start: number;
  end: number;
  /** Class/itemprop/id hints of the element and its ancestors, plus tag names, space-separated. */
  context: string;
}

export interface PageMeta {
  meta: MetaEntry[];
  jsonld: { value: unknown; start: number; end: number }[];
  title: { value: string; start: number; end: number } | null;
  times: PageTime[];
  canonical: string | null;
  lang: string | null;
  h1: { value: string; start: number; end: number }[];
  /** What the article extractor reads: headline names and the schema.org articleBody. */
  article: ArticleHints;
}

// Not rendered: their text is never a byline, a heading or a visible date.
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object']);

// Class/id/itemprop words that mark an element as holding the page's own date. Kept
// deliberately to words publishers use for bylines; "time" alone is too generic to add
// (timeline, timer), so it only counts on a <time> tag.
const DATEISH = /(?:^|[\s_-])(?:date|dates|datum|dated|datetime|pubdate|published|publish|publication|posted|post-date|postdate|postedon|posted-on|entry-date|entrydate|timestamp|byline|meta-date|updated|date-?published|date-?modified|fecha|data|article-?date|story-?date|news-?date|time-?stamp|zeit|erschienen|veroeffentlicht)(?:$|[\s_-])/i;

// The compact CamelCase and run-together variants publishers also use.
const DATEISH_COMPACT = /datepublished|datemodified|datecreated|pubdate|publishdate|publisheddate|postdate|posteddate|entrydate|articledate|storydate|newsdate|timestamp|dateline|byline/i;

function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : v;
}

function endOf(el: AnyNode): number {
  return (el.endIndex ?? el.startIndex ?? 0) + 1;
}

/** Visible text of a subtree, whitespace-collapsed; scripts and styles skipped. */
export function nodeText(node: AnyNode, limit = 100_000): string {
  const parts: string[] = [];
  let size = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0 && size < limit) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      parts.push((n as unknown as { data: string }).data);
      size += (n as unknown as { data: string }).data.length;
    } else if ('children' in n && n.children) {
      if ((n.type === 'tag' || n.type === 'script' || n.type === 'style') && INVISIBLE.has((n as Element).name)) continue;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      if (n.type === 'tag' && BREAKS.has((n as Element).name)) parts.push(' ');
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export const ZONE_HINT =
  /^(?:article|main|header|footer|nav|aside|section|form|ul|ol|li|h1)\b|comment|related|teaser|sidebar|widget|footer|header|recommend|popular|trending|more|newsletter|menu|nav|breadcrumb|article|post|entry|story|content|byline|meta|date|time|datum|author|copyright|list|card|module|promo|social|share/i;

const BREAKS = new Set(['br', 'p', 'div', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'time', 'a']);

function rawText(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if ('children' in n && n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return parts.join('');
}

function hintsOf(el: Element): string {
  const h: string[] = [el.name];
  for (const a of ['class', 'id', 'itemprop', 'property', 'name', 'data-testid', 'data-role']) {
    const v = el.attribs[a];
    if (v) h.push(v);
  }
  if ('pubdate' in el.attribs) h.push('pubdate');
  return h.join(' ');
}

/** Whether an element's own attributes mark it as a date holder. */
export function isDateish(el: Element): boolean {
  const own = [el.attribs.class, el.attribs.id, el.attribs.itemprop, el.attribs.property, el.attribs.name]
    .filter(Boolean)
    .join(' ');
  if (own === '') return false;
  return DATEISH.test(own) || DATEISH_COMPACT.test(own);
}

export function readPageMeta(dom: Document, html: string): PageMeta {
  // Offsets come from the parser's indices, which point into this same string; it is
  // taken so callers cannot pair a DOM with a different decoding of the page.
  void html;
  const out: PageMeta = { meta: [], jsonld: [], title: null, times: [], canonical: null, lang: null, h1: [], article: emptyArticleHints() };
  // Context strings are built from ancestors; a stack of hint strings keeps the walk linear.
  // `hidden` marks unrendered subtrees (noscript, svg...): facts and dates take nothing a
  // reader cannot see, but the extractor's hints are read there too, as its own reader
  // did before the two were merged.
  type Frame = { node: AnyNode; ctx: string[]; dateish: boolean; hidden: boolean };
  const stack: Frame[] = [{ node: dom, ctx: [], dateish: false, hidden: false }];
  while (stack.length > 0) {
    const { node, ctx, dateish, hidden } = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style' && node.type !== 'root') continue;
    if (node.type === 'root') {
      const kids = (node as Document).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], ctx, dateish, hidden });
      continue;
    }
    const el = node as Element;
    const name = el.name;
    const start = el.startIndex ?? 0;
    if (name === 'script') {
      const type = (attr(el, 'type') ?? '').toLowerCase();
      if (type.includes('ld+json')) {
        const parsed = parseJsonLd(rawText(el));
        if (parsed) {
          if (!hidden) out.jsonld.push({ value: parsed.value, start, end: endOf(el) });
          noteJsonLd(out.article, parsed, el);
        }
      }
      continue;
    }
    if (name === 'style') continue;
    if (name === 'title') noteTitle(out.article, el);
    else if (name === 'meta') noteMetaTag(out.article, el);
    if (hidden || INVISIBLE.has(name)) {
      const kids = el.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], ctx, dateish, hidden: true });
      continue;
    }
    if (name === 'html' && !out.lang) out.lang = attr(el, 'lang')?.trim() || attr(el, 'xml:lang')?.trim() || null;
    if (name === 'meta') {
      const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? attr(el, 'http-equiv'))?.trim().toLowerCase();
      const value = attr(el, 'content') ?? attr(el, 'value') ?? attr(el, 'datetime');
      if (key && value !== undefined) {
        out.meta.push({ key, value: value.trim(), start, end: endOf(el) });
        if (!out.lang && (key === 'content-language' || key === 'language' || key === 'og:locale')) out.lang = value.trim() || null;
      }
      continue;
    }
    if (name === 'link') {
      const rel = (attr(el, 'rel') ?? '').toLowerCase();
      if (!out.canonical && rel.split(/\s+/).includes('canonical')) out.canonical = attr(el, 'href')?.trim() || null;
      continue;
    }
    if (name === 'title' && !out.title && !ctx.includes('svg')) {
      out.title = { value: nodeText(el), start, end: endOf(el) };
      continue;
    }
    if (name === 'h1') out.h1.push({ value: nodeText(el), start, end: endOf(el) });

    const hints = hintsOf(el);
    const ownDateish = isDateish(el);
    // Microformats put the machine date in a title attribute (<abbr class="published" title="…">).
    const titleDate = ownDateish && /\d{4}-\d{2}-\d{2}/.test(attr(el, 'title') ?? '') ? attr(el, 'title') : undefined;
    const dt = attr(el, 'datetime') ?? (attr(el, 'itemprop') ? attr(el, 'content') : undefined) ?? titleDate;
    if (name === 'time' || name === 'abbr' && attr(el, 'title') && ownDateish || ownDateish && !dateish || dt !== undefined && ownDateish) {
      const text = nodeText(el, 2000);
      // Date holders nested inside another date holder would list the same date twice.
      if (text.length <= 400 || dt !== undefined) {
        out.times.push({
          datetime: (dt ?? (name === 'abbr' ? attr(el, 'title') : undefined) ?? null)?.trim() || null,
          text: text.slice(0, 400),
          start,
          end: endOf(el),
          context: [hints, ...ctx.slice().reverse()].join(' | '),
        });
      }
    }
    // Only ancestors that say something about the zone (article, header, footer, comments,
    // related lists, dates) are kept, so a date deep inside a footer still reads as footer.
    const childCtx = el.attribs.class || el.attribs.id || el.attribs.itemprop || ZONE_HINT.test(hints) ? ctx.concat(hints) : ctx;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], ctx: childCtx, dateish: dateish || ownDateish, hidden: false });
  }
  return out;
}
