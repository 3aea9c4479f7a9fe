import type { Doc, Span } from './core/doc.js';
import { emptyFacts } from './core/doc.js';
import { documentId } from './core/hash.js';
import { extractArticle } from './clean/html/extract.js';
import { parseHtml } from './clean/html/parse.js';
import { cleanTextDump, findRepeatedLines } from './clean/text/index.js';
import { inferAuthors } from './document/authors.js';
import { inferPublicationDate } from './document/dates/index.js';
import { inferOutlet } from './document/outlet.js';
import { readPageMeta } from './clean/html/page-meta.js';
import type { FactSources } from './document/signals.js';
import { normaliseKey } from './document/signals.js';
import { inferTitle } from './document/title.js';
import { decodeInput } from './ingest/decode.js';
import type { RawInput } from './ingest/types.js';
import { annotateLanguage } from './language/annotate.js';

/**
 * ingest → clean → document facts → language. Each stage is a plain function over the
 * Doc; this file only wires them in order and keeps what each one learnt as spans.
 */

export interface PipelineContext {
  /** Lines that recur across pages of the same outlet in this batch (boilerplate). */
  repeatedLines?: Set<string>;
}

export type BuildOutcome = { ok: true; doc: Doc } | { ok: false; source: string; reason: string };

export function buildDocument(input: RawInput, ctx: PipelineContext = {}): BuildOutcome {
  const decoded = decodeInput(input);
  if ('error' in decoded) return { ok: false, source: input.source, reason: decoded.error };
  const rawText = decoded.text;
  if (rawText.trim() === '') return { ok: false, source: input.source, reason: 'no text after decoding (empty page)' };

  const doc: Doc = {
    id: documentId(input.bytes),
    raw: {
      source: input.source,
      url: input.url,
      format: input.format,
      encoding: decoded.encoding,
      encodingEvidence: decoded.evidence,
      fetchedAt: input.fetchedAt,
      ...(Object.keys(input.headers).length ? { headers: input.headers } : {}),
      ...(input.supplied ? { supplied: input.supplied } : {}),
    },
    rawText,
    text: '',
    spans: [],
    facts: emptyFacts(),
  };

  const sources: FactSources = { format: input.format, rawText, text: '', url: input.url, supplied: input.supplied };
  if (input.format === 'html') {
    const dom = parseHtml(rawText);
    const meta = readPageMeta(dom, rawText);
    const article = extractArticle(rawText, { url: input.url ?? undefined, dom, meta });
    doc.text = article.text;
    doc.spans.push(...article.blocks);
    Object.assign(sources, { dom, meta, extractedTitle: article.title, text: article.text });
  } else {
    const cleaned = cleanTextDump(rawText, { repeatedLines: ctx.repeatedLines });
    doc.text = cleaned.text;
    doc.spans.push(...cleaned.blocks);
    sources.text = cleaned.text;
    sources.dumpLines = cleaned.lines.map((l) => ({ value: rawText.slice(l.start, l.end), start: l.start, end: l.end, in: 'raw' as const, label: l.label }));
  }
  if (doc.text.trim() === '') return { ok: false, source: input.source, reason: 'no article text found after removing boilerplate' };

  const outlet = inferOutlet(sources).span;
  const authors = inferAuthors(sources, outlet?.value ?? null).spans;
  const title = inferTitle(sources, outlet?.value ?? null);
  const dates = inferPublicationDate({
    format: input.format,
    rawText,
    dom: sources.dom,
    meta: sources.meta,
    url: input.url,
    text: doc.text,
    fetchedAt: input.fetchedAt,
    supplied: input.supplied?.published,
    headers: input.headers,
  });
  const factSpans: Span[] = [...(outlet ? [outlet] : []), ...authors, ...(title ? [title] : []), ...dates.candidates];
  doc.spans.push(...factSpans);
  doc.facts = {
    title: title?.value ?? null,
    authors: authors.map((a) => a.value),
    outlet: outlet?.value ?? null,
    published: dates.published,
  };
  annotateLanguage(doc);
  return { ok: true, doc };
}

/**
 * Boilerplate lines shared by several dumps of one outlet. Pages are grouped by a cheap
 * outlet guess first, because syndicated copies of one article on different outlets share
 * their body lines, and those must never be taken for boilerplate.
 */
export function repeatedLinesByOutlet(inputs: RawInput[]): Map<RawInput, Set<string>> {
  const groups = new Map<string, { input: RawInput; text: string }[]>();
  for (const input of inputs) {
    if (input.format !== 'text') continue;
    const decoded = decodeInput(input);
    if ('error' in decoded) continue;
    const key = outletGuess(input, decoded.text);
    if (!key) continue;
    const g = groups.get(key) ?? [];
    g.push({ input, text: decoded.text });
    groups.set(key, g);
  }
  const out = new Map<RawInput, Set<string>>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const repeated = findRepeatedLines(group.map((g) => g.text), 2);
    for (const g of group) out.set(g.input, repeated);
  }
  return out;
}

function outletGuess(input: RawInput, text: string): string | null {
  if (input.supplied?.outlet) return normaliseKey(input.supplied.outlet);
  if (input.url) {
    try {
      return new URL(input.url).hostname.replace(/^www\./, '');
    } catch {
      /* fall through to text signals */
    }
  }
  let start = 0;
  const dumpLines = text.split('\n').map((value) => {
    const line = { value, start, end: start + value.length, in: 'raw' as const, label: 'content' as const };
    start += value.length + 1;
    return line;
  });
  const guess = inferOutlet({ format: 'text', rawText: text, text, url: null, dumpLines }).span;
  return guess ? normaliseKey(guess.value) : null;
}
