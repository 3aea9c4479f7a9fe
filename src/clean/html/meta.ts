/**
 * Page-level signals read outside the article body: <title>, Open Graph/Twitter titles and
 * schema.org JSON-LD (headline, articleBody). Only what the extractor needs.
 */
import type { Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { decodeHTML } from 'entities';

export interface PageMeta {
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

const ARTICLE_TYPES = /article|posting|report|blog|news|webpage|creativework/i;

function textOf(el: Element): string {
  let s = '';
  for (const c of el.children) if (isText(c)) s += c.data;
  return s;
}

/** Depth-first search of parsed JSON-LD for the first article-like object with the given key. */
function findLd(node: unknown, key: string, depth = 0): string | null {
  if (depth > 6 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = findLd(x, key, depth + 1);
      if (r) return r;
    }
    return null;
  }
  const o = node as Record<string, unknown>;
  const type = o['@type'];
  const typeStr = Array.isArray(type) ? type.join(' ') : typeof type === 'string' ? type : '';
  const v = o[key];
  if (typeof v === 'string' && v.trim() && (!typeStr || ARTICLE_TYPES.test(typeStr))) return v;
  for (const k of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) {
    if (o[k]) {
      const r = findLd(o[k], key, depth + 1);
      if (r) return r;
    }
  }
  return null;
}

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function readMeta(doc: Document): PageMeta {
  const meta: PageMeta = { title: null, ogTitle: null, ldHeadline: null, ldBody: null, ldTruncated: false, ldRange: null };
  const stack: Element[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) {
    const c = doc.children[i];
    if (isTag(c)) stack.push(c);
  }
  while (stack.length) {
    const el = stack.pop()!;
    const name = el.name;
    if (name === 'title' && meta.title === null) meta.title = collapse(textOf(el)) || null;
    else if (name === 'meta') {
      const prop = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase();
      if ((prop === 'og:title' || prop === 'twitter:title') && !meta.ogTitle && el.attribs.content) {
        meta.ogTitle = collapse(el.attribs.content) || null;
      }
    } else if (name === 'script') {
      if ((el.attribs.type ?? '').toLowerCase().includes('ld+json')) {
        const raw = textOf(el).trim();
        try {
          const json = JSON.parse(raw) as unknown;
          if (!meta.ldHeadline) meta.ldHeadline = findLd(json, 'headline');
          if (!meta.ldBody) {
            const body = findLd(json, 'articleBody') ?? findLd(json, 'text');
            if (body && body.length >= 200) {
              // Some CMSs HTML-escape inside JSON; the page text is decoded, so decode to match.
              meta.ldBody = collapse(body.includes('&') ? decodeHTML(body) : body);
              meta.ldTruncated = /(\.\.\.|…|\[\.\.\.\])$/.test(meta.ldBody) || !/[.!?"'”’»)\]]$/.test(meta.ldBody);
              meta.ldRange = { start: el.startIndex ?? 0, end: (el.endIndex ?? 0) + 1 };
            }
          }
        } catch {
          // Broken JSON-LD is common (trailing commas, raw newlines); it is only a hint.
        }
      }
      continue;
    } else if (name === 'style') continue;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (isTag(c)) stack.push(c);
    }
  }
  return meta;
}

/** Strip a " | Site name" style suffix or prefix: keep the longest segment. */
export function stripSiteName(title: string): string {
  const parts = title.split(/\s+[|–—·»:]\s+|\s+-\s+|\s+::\s+/).map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}
