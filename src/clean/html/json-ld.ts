/**
 * Reading schema.org JSON-LD blocks: a lenient parse, and a search for article fields in
 * the shapes publishers nest them in.
 */

export interface ParsedJsonLd {
  value: unknown;
  /** Parsed as written, without unwrapping or repairs. */
  asWritten: boolean;
}

/** Lenient JSON for ld+json blocks: publishers leave CDATA wrappers, comments, trailing commas and raw newlines. */
export function parseJsonLd(src: string): ParsedJsonLd | undefined {
  const written = src.trim();
  try {
    return { value: JSON.parse(written), asWritten: true };
  } catch {
    // fall through to unwrapping and repairs
  }
  let s = written.replace(/^<!\[CDATA\[/, '').replace(/\]\]>$/, '').replace(/^\/\*<!\[CDATA\[\*\//, '').trim();
  s = s.replace(/^<!--/, '').replace(/-->$/, '').trim();
  // Unwrapping changes nothing in a block that has no wrapper; skip the parse that would repeat.
  if (s !== written) {
    try {
      return { value: JSON.parse(s), asWritten: false };
    } catch {
      // fall through to repairs
    }
  }
  const repaired = s
    .replace(/,\s*([}\]])/g, '$1')
    .replace(/[\u0000-\u001f]+/g, ' ');
  try {
    return { value: JSON.parse(repaired), asWritten: false };
  } catch {
    return undefined;
  }
}

const ARTICLE_TYPES = /article|posting|report|blog|news|webpage|creativework/i;

/** Depth-first search of parsed JSON-LD for the first article-like object with a non-blank string at `key`. */
export function findArticleValue(node: unknown, key: string, depth = 0): string | null {
  if (depth > 6 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = findArticleValue(x, key, depth + 1);
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
      const r = findArticleValue(o[k], key, depth + 1);
      if (r) return r;
    }
  }
  return null;
}
