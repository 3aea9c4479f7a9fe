import type { Document } from 'domhandler';
import type { SpanTarget, SuppliedFacts } from '../core/doc.js';
import type { PageMeta } from '../clean/html/page-meta.js';

/** A piece of raw or cleaned text that a fact extractor may read, located for provenance. */
export interface LocatedLine {
  value: string;
  start: number;
  end: number;
  in: SpanTarget;
}

/** Everything the title, author and outlet extractors read; assembled once by the pipeline. */
export interface FactSources {
  format: 'html' | 'text';
  rawText: string;
  text: string;
  url: string | null;
  supplied?: SuppliedFacts;
  dom?: Document;
  meta?: PageMeta;
  /** Headline as the HTML extractor saw it. */
  extractedTitle?: string | null;
  /** Lines of a plain-text dump with the cleaner's labels; offsets into rawText. */
  dumpLines?: (LocatedLine & { label: 'content' | 'boilerplate' | 'heading' })[];
}

export function metaValues(meta: PageMeta | undefined, keys: string[]): LocatedLine[] {
  if (!meta) return [];
  const wanted = new Set(keys);
  return meta.meta
    .filter((m) => wanted.has(m.key) && m.value.trim() !== '')
    .map((m) => ({ value: m.value.trim(), start: m.start, end: m.end, in: 'raw' as const }));
}

/** JSON-LD objects flattened out of arrays and @graph containers. */
export function jsonLdObjects(meta: PageMeta | undefined): { obj: Record<string, unknown>; start: number; end: number }[] {
  if (!meta) return [];
  const out: { obj: Record<string, unknown>; start: number; end: number }[] = [];
  const visit = (v: unknown, start: number, end: number, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, start, end, depth + 1);
      return;
    }
    const obj = v as Record<string, unknown>;
    out.push({ obj, start, end });
    if (obj['@graph']) visit(obj['@graph'], start, end, depth + 1);
  };
  for (const block of meta.jsonld) visit(block.value, block.start, block.end, 0);
  return out;
}

export function jsonLdType(obj: Record<string, unknown>): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage|LiveBlogPosting|Posting/;

/** Locate a value inside a string, returning absolute offsets (for provenance of a substring). */
export function locateWithin(line: LocatedLine, needle: string): LocatedLine {
  const at = line.value.indexOf(needle);
  if (at < 0) return line;
  return { value: needle, start: line.start + at, end: line.start + at + needle.length, in: line.in };
}

/** Find a string in the cleaned text first, then in the raw input. */
export function locateAnywhere(src: Pick<FactSources, 'text' | 'rawText'>, needle: string): LocatedLine | null {
  if (!needle) return null;
  const inText = src.text.indexOf(needle);
  if (inText >= 0) return { value: needle, start: inText, end: inText + needle.length, in: 'text' };
  const inRaw = src.rawText.indexOf(needle);
  if (inRaw >= 0) return { value: needle, start: inRaw, end: inRaw + needle.length, in: 'raw' };
  return null;
}

/** Compare names and lines by their letters and digits only: "The Korea Times" ~ "the korea-times". */
export function normaliseKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
