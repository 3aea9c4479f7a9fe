import type { Context } from 'hono';
import { isIpLiteral, nonPublicReason } from '../../ingest/address.js';
import { inputFromBytes, recordToInput } from '../../ingest/files.js';
import { detectFormat } from '../../ingest/sniff.js';
import { IngestError, formatBytes } from '../../ingest/types.js';
import { HttpError, parseOr400 } from './errors.js';
import type { JobItem } from './jobs.js';
import { HttpUrl, IngestBodySchema, type Limits, type Page, PageSchema } from './schemas.js';

/**
 * Turns an ingest request, in any of the accepted body formats, into job items. Everything
 * that can be judged without fetching or parsing a page is judged here, so a malformed
 * request fails at once with 400/413/415 and never becomes a job:
 *
 * - application/json: {urls?: string[], pages?: Page[]}
 * - application/x-ndjson (also application/jsonl, application/x-jsonlines): one Page per line
 * - text/plain: a list of URLs when every non-blank line is an http(s) URL, otherwise one
 *   page of text (a page dump)
 * - text/html: one HTML page
 * - multipart/form-data: any number of files (HTML, text, .jsonl/.ndjson, .json batches)
 *   plus optional fields `urls` (one per line) and `text` (a pasted page; with optional
 *   `title`, `url`, `outlet`, `published`). The web ingest form posts this.
 */

export interface ParsedIngest {
  items: JobItem[];
  /** The `token` field of a form post (browsers cannot set a bearer header on a form). */
  formToken: string | null;
}

const JSONL_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']);

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function pageBytes(p: Page): number {
  return Buffer.byteLength(p.html || p.text || '', 'utf8');
}

class Collector {
  readonly items: JobItem[] = [];
  constructor(
    private readonly limits: Limits,
    private readonly allowPrivate: boolean,
  ) {}

  private room(): void {
    if (this.items.length >= this.limits.maxPagesPerBatch) {
      throw new HttpError(413, `too many pages in one request: the limit is ${this.limits.maxPagesPerBatch} pages and URLs per batch`);
    }
  }

  url(url: string): void {
    this.room();
    const host = new URL(url).hostname;
    // Literal addresses and localhost are refused here; names that resolve to a private
    // address are refused by the fetcher, which checks every address it connects to.
    if (!this.allowPrivate) {
      const reason = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : isIpLiteral(host) ? nonPublicReason(host.replace(/^\[|\]$/g, '')) : null;
      if (reason) throw new HttpError(400, `refusing to fetch ${url}: ${reason} address (the server was not started with --allow-private)`);
    }
    this.items.push({ kind: 'url', url });
  }

  page(source: string, page: Page): void {
    this.room();
    const size = pageBytes(page);
    if (size > this.limits.maxPageBytes) throw new HttpError(413, `${source} is ${formatBytes(size)}, over the ${formatBytes(this.limits.maxPageBytes)} page limit`);
    try {
      this.items.push({ kind: 'input', input: recordToInput(source, page, this.limits.maxPageBytes) });
    } catch (err) {
      if (err instanceof IngestError) throw new HttpError(400, `${source}: ${err.message}`);
      throw err;
    }
  }

  file(name: string, bytes: Buffer, contentType: string | null): void {
    if (/\.(?:jsonl|ndjson)$/i.test(name) || (contentType && JSONL_TYPES.has(contentType))) {
      this.jsonLines(name, bytes.toString('utf8'));
      return;
    }
    if (/\.json$/i.test(name) || contentType === 'application/json') {
      this.jsonBatch(name, bytes.toString('utf8'));
      return;
    }
    this.room();
    if (bytes.length > this.limits.maxPageBytes) throw new HttpError(413, `${name} is ${formatBytes(bytes.length)}, over the ${formatBytes(this.limits.maxPageBytes)} page limit`);
    try {
      this.items.push({ kind: 'input', input: inputFromBytes(`upload:${name}`, bytes, this.limits.maxPageBytes, { name, contentType }) });
    } catch (err) {
      // An empty or binary upload is one failed page, like a bad file in a folder.
      if (err instanceof IngestError) this.items.push({ kind: 'failure', source: `upload:${name}`, reason: err.message });
      else throw err;
    }
  }

  jsonLines(name: string, body: string): void {
    const lines = body.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new HttpError(400, `${name} line ${i + 1}: malformed JSON: ${(err as Error).message}`);
      }
      this.page(`${name}#${i + 1}`, parseOr400(PageSchema, value, `${name} line ${i + 1}`));
    });
    if (!this.items.length) throw new HttpError(400, `${name}: no JSON Lines records`);
  }

  jsonBatch(name: string, body: string): void {
    let value: unknown;
    try {
      value = JSON.parse(body.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new HttpError(400, `${name}: malformed JSON: ${(err as Error).message}`);
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.page(`${name}#${i + 1}`, parseOr400(PageSchema, v, `${name}[${i}]`)));
      return;
    }
    const parsed = parseOr400(IngestBodySchema, value, name);
    for (const u of parsed.urls ?? []) this.url(u);
    (parsed.pages ?? []).forEach((p, i) => this.page(p.url ?? `${name}#${i + 1}`, p));
  }

  text(source: string, body: string, facts: Omit<Page, 'html' | 'text'> = {}): void {
    const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length && lines.length <= this.limits.maxPagesPerBatch && lines.every((l) => HttpUrl.safeParse(l).success && !/\s/.test(l))) {
      for (const l of lines) this.url(l);
      return;
    }
    if (!body.trim()) throw new HttpError(400, 'empty text');
    const format = detectFormat(Buffer.from(body.slice(0, 4096), 'utf8'), {});
    this.page(source, parseOr400(PageSchema, format === 'html' ? { ...facts, html: body } : { ...facts, text: body }));
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export async function parseIngest(c: Context, limits: Limits, allowPrivate: boolean): Promise<ParsedIngest> {
  const type = mediaType(c);
  const out = new Collector(limits, allowPrivate);
  let formToken: string | null = null;
  const stamp = new Date().toISOString();

  if (type === 'application/json') {
    let value: unknown;
    try {
      value = await c.req.json();
    } catch (err) {
      throw new HttpError(400, `malformed JSON: ${(err as Error).message}`);
    }
    const total = Array.isArray((value as { urls?: unknown })?.urls) ? (value as { urls: unknown[] }).urls.length : 0;
    const pages = Array.isArray((value as { pages?: unknown })?.pages) ? (value as { pages: unknown[] }).pages.length : 0;
    // Counted before validating, so an oversized batch is told it is oversized, not shown 200 errors.
    if (total + pages > limits.maxPagesPerBatch) throw new HttpError(413, `too many pages in one request: ${total + pages}, the limit is ${limits.maxPagesPerBatch} pages and URLs per batch`);
    const body = parseOr400(IngestBodySchema, value);
    for (const u of body.urls ?? []) out.url(u);
    (body.pages ?? []).forEach((p, i) => out.page(p.url ?? `api:${stamp}#${i + 1}`, p));
  } else if (JSONL_TYPES.has(type)) {
    out.jsonLines('body', await c.req.text());
  } else if (type === 'text/plain' || type === 'text/html') {
    const body = await c.req.text();
    if (type === 'text/html') {
      if (!body.trim()) throw new HttpError(400, 'empty body');
      out.page(`api:${stamp}`, parseOr400(PageSchema, { html: body }));
    } else out.text(`api:${stamp}`, body);
  } else if (type === 'multipart/form-data') {
    let form: Record<string, unknown>;
    try {
      form = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    } catch (err) {
      throw new HttpError(400, `malformed form data: ${(err as Error).message}`);
    }
    formToken = str(form.token) ?? null;
    for (const value of Object.values(form).flat()) {
      if (typeof value === 'object' && value !== null && 'arrayBuffer' in value) {
        const file = value as File;
        if (file.size === 0 && !file.name) continue; // an untouched file input posts an empty part
        out.file(file.name || 'upload', Buffer.from(await file.arrayBuffer()), file.type ? file.type.split(';')[0].trim().toLowerCase() : null);
      }
    }
    const urls = str(form.urls);
    if (urls) {
      for (const line of urls.split(/\s*\r?\n\s*/).filter(Boolean)) {
        if (!HttpUrl.safeParse(line).success) throw new HttpError(400, `urls: not an http(s) URL: ${line.slice(0, 200)}`);
        out.url(line);
      }
    }
    const text = typeof form.text === 'string' && form.text.trim() ? form.text : undefined;
    if (text) {
      const url = str(form.url);
      if (url && !HttpUrl.safeParse(url).success) throw new HttpError(400, 'url: must be an absolute http(s) URL');
      out.text(`paste:${stamp}`, text, { title: str(form.title), url, outlet: str(form.outlet), published: str(form.published) });
    }
    if (!out.items.length) throw new HttpError(400, 'nothing to ingest: add URLs, paste a page or choose files');
  } else {
    throw new HttpError(415, `unsupported content type "${type || '(none)'}": send application/json, application/x-ndjson, text/plain, text/html or multipart/form-data`);
  }
  return { items: out.items, formToken };
}
