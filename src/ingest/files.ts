/**
 * Local inputs: single files, folders, JSON / JSON Lines batches and stdin.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { SuppliedFacts } from '../core/doc.js';
import { binaryReason, detectFormat, isGzip } from './sniff.js';
import { DEFAULT_MAX_BYTES, IngestError, formatBytes, type IngestOptions, type IngestOutcome, type RawInput } from './types.js';

/** What a folder walk picks up. Explicitly named files are read whatever their name. */
const FOLDER_INPUT = /\.(?:html?|xhtml|txt|jsonl|ndjson)(?:\.gz)?$/i;
const JSONL = /\.(?:jsonl|ndjson)(?:\.gz)?$/i;
const JSON_BATCH = /\.json(?:\.gz)?$/i;

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'not found';
    case 'ENOTDIR':
      return 'not found (a parent in the path is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
  }
  if (e instanceof IngestError) return e.message;
  return e.code ? `${e.code}: ${e.message}` : `internal error: ${e.message}`;
}

function tooLarge(size: number, maxBytes: number, what = 'file'): IngestError {
  return new IngestError(`too large: ${what} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
}

function gunzip(bytes: Buffer, maxBytes: number): Buffer {
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new IngestError(`too large: decompresses to more than ${formatBytes(maxBytes)}`);
    throw new IngestError(`corrupt gzip data: ${(err as Error).message}`);
  }
}

/** Checks shared by every non-JSON input; `name` helps format detection. */
export function inputFromBytes(
  source: string,
  bytes: Buffer,
  maxBytes: number,
  extra: { name?: string | null; contentType?: string | null; url?: string | null } = {},
): RawInput {
  let name = extra.name ?? null;
  if (isGzip(bytes)) {
    bytes = gunzip(bytes, maxBytes);
    name = name?.replace(/\.gz$/i, '') ?? null;
  }
  if (bytes.length === 0) throw new IngestError(source === 'stdin' ? 'empty input on stdin' : 'empty file');
  const binary = binaryReason(bytes);
  if (binary) throw new IngestError(binary);
  return {
    source,
    url: extra.url ?? null,
    bytes,
    contentType: extra.contentType ?? null,
    headers: {},
    format: detectFormat(bytes, { name, contentType: extra.contentType }),
    fetchedAt: new Date().toISOString(),
  };
}

/** Read a whole regular file, refusing by size before reading a single byte. */
async function readWhole(path: string, maxBytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const info = await fh.stat();
    if (info.isDirectory()) throw new IngestError('is a folder');
    if (!info.isFile()) throw new IngestError('not a regular file');
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    if (info.size === 0) throw new IngestError('empty file');
    const buf = Buffer.alloc(info.size);
    let off = 0;
    // Bounded by the size stat gave, so a file growing under us cannot exceed the limit.
    while (off < buf.length) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === buf.length ? buf : buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------- JSON records

function optionalString(rec: Record<string, unknown>, key: string): string | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new IngestError(`"${key}" must be a string`);
  return v.trim() || undefined;
}

/** One batch record (`{url, html|text, title?, authors?, outlet?, published?}`) to an input. */
export function recordToInput(source: string, value: unknown, maxBytes: number): RawInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IngestError('record is not a JSON object');
  const rec = value as Record<string, unknown>;
  const html = rec.html;
  const text = rec.text;
  const body = typeof html === 'string' && html.length > 0 ? html : typeof text === 'string' && text.length > 0 ? text : null;
  if (body === null) {
    if (typeof html === 'string' || typeof text === 'string') throw new IngestError('empty "html"/"text"');
    throw new IngestError('record has no "html" or "text" string');
  }
  const format = body === html ? 'html' : 'text';
  const url = optionalString(rec, 'url') ?? null;

  const supplied: SuppliedFacts = {};
  const title = optionalString(rec, 'title');
  if (title) supplied.title = title;
  const outlet = optionalString(rec, 'outlet');
  if (outlet) supplied.outlet = outlet;
  const published = optionalString(rec, 'published');
  if (published) supplied.published = published;
  const authors = rec.authors;
  if (typeof authors === 'string') {
    if (authors.trim()) supplied.authors = [authors.trim()];
  } else if (Array.isArray(authors)) {
    if (!authors.every((a) => typeof a === 'string')) throw new IngestError('"authors" must be a string or an array of strings');
    const list = (authors as string[]).map((a) => a.trim()).filter(Boolean);
    if (list.length) supplied.authors = list;
  } else if (authors !== undefined && authors !== null) {
    throw new IngestError('"authors" must be a string or an array of strings');
  }

  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes, `"${format}"`);
  if (body.includes('\u0000')) throw new IngestError(`"${format}" contains NUL characters (binary data?)`);
  return {
    source,
    url,
    bytes,
    // The record's text is already Unicode and we store it as UTF-8; saying so here keeps
    // a <meta charset> inside the HTML from mis-decoding it later.
    contentType: format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
    headers: {},
    ...(Object.keys(supplied).length ? { supplied } : {}),
    format,
    fetchedAt: new Date().toISOString(),
  };
}

/**
 * Lines of a stream as Buffers, without ever holding more than `maxLine` bytes of one line:
 * a batch file may be far larger than the per-input limit, a single line may not.
 */
async function* boundedLines(stream: Readable, maxLine: number): AsyncGenerator<{ lineNo: number; line: Buffer | null }> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let lineNo = 0;
  const take = (piece: Buffer) => {
    if (overflow) return;
    size += piece.length;
    if (size > maxLine) {
      overflow = true;
      parts = [];
    } else parts.push(piece);
  };
  const finish = () => {
    lineNo++;
    const line = overflow ? null : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    overflow = false;
    return { lineNo, line };
  };
  for await (const chunk of stream) {
    let buf = chunk as Buffer;
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a)) {
      take(buf.subarray(0, nl));
      yield finish();
      buf = buf.subarray(nl + 1);
    }
    if (buf.length) take(buf);
  }
  if (size > 0 || overflow) yield finish();
}

async function* readJsonLines(path: string, maxBytes: number): AsyncGenerator<IngestOutcome> {
  const file = createReadStream(path);
  let stream: Readable = file;
  if (/\.gz$/i.test(path)) {
    const gunzipper = zlib.createGunzip();
    file.on('error', (err) => gunzipper.destroy(err));
    stream = file.pipe(gunzipper);
  }
  let records = 0;
  try {
    for await (const { lineNo, line } of boundedLines(stream, maxBytes)) {
      const source = `${path}#${lineNo}`;
      if (line === null) {
        yield { ok: false, source, reason: `too large: line is over the ${formatBytes(maxBytes)} limit` };
        continue;
      }
      let text = line.toString('utf8');
      if (lineNo === 1) text = text.replace(/^\uFEFF/, '');
      if (!text.trim()) continue;
      records++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield { ok: false, source, reason: `malformed JSON on line ${lineNo}: ${(err as Error).message}` };
        continue;
      }
      try {
        yield { ok: true, input: recordToInput(source, value, maxBytes) };
      } catch (err) {
        yield { ok: false, source, reason: describeFsError(err) };
      }
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code?.startsWith('Z_') ? `corrupt gzip data: ${e.message}` : describeFsError(err);
    yield { ok: false, source: path, reason };
    return;
  }
  if (records === 0) yield { ok: false, source: path, reason: 'empty file (no JSON Lines records)' };
}

async function* readJsonBatch(path: string, maxBytes: number): AsyncGenerator<IngestOutcome> {
  let bytes = await readWhole(path, maxBytes);
  if (isGzip(bytes)) bytes = gunzip(bytes, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    yield { ok: false, source: path, reason: `malformed JSON: ${(err as Error).message}` };
    return;
  }
  if (!Array.isArray(value)) {
    yield { ok: true, input: recordToInput(path, value, maxBytes) };
    return;
  }
  if (value.length === 0) yield { ok: false, source: path, reason: 'empty JSON array' };
  for (let i = 0; i < value.length; i++) {
    const source = `${path}#${i + 1}`;
    try {
      yield { ok: true, input: recordToInput(source, value[i], maxBytes) };
    } catch (err) {
      yield { ok: false, source, reason: describeFsError(err) };
    }
  }
}

// ---------------------------------------------------------------- files and folders

async function* readFile(path: string, maxBytes: number): AsyncGenerator<IngestOutcome> {
  if (JSONL.test(path)) {
    // Stat first so "not found" and "is a folder" read the same as for any other file.
    const info = await stat(path);
    if (!info.isFile()) throw new IngestError('not a regular file');
    if (info.size === 0) throw new IngestError('empty file');
    yield* readJsonLines(path, maxBytes);
    return;
  }
  if (JSON_BATCH.test(path)) {
    yield* readJsonBatch(path, maxBytes);
    return;
  }
  const bytes = await readWhole(path, maxBytes);
  yield { ok: true, input: inputFromBytes(path, bytes, maxBytes, { name: basename(path) }) };
}

type WalkItem = { file: string } | { error: string; source: string };

/** Input files under a folder in a stable order, skipping hidden entries and saved-page asset folders. */
async function* walk(dir: string, seen: Set<string>): AsyncGenerator<WalkItem> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { source: dir, error: describeFsError(err) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pages = new Set(entries.filter((e) => /\.html?$/i.test(e.name)).map((e) => e.name.replace(/\.html?$/i, '')));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // dangling link: nothing to read, and not worth an error per link
      }
    }
    if (isDir) {
      // "Save page as... complete" writes page.html next to page_files/ full of assets
      // (and ad iframes saved as .html) that are not articles.
      const m = /^(.*)_files$/.exec(entry.name);
      if (m && pages.has(m[1])) continue;
      yield* walk(full, seen);
    } else if (isFile && FOLDER_INPUT.test(entry.name)) {
      yield { file: full };
    }
  }
}

/** "example.com/story" typed without a scheme, as opposed to "story.html" or "dir/a.txt". */
function looksLikeBareDomain(path: string): boolean {
  const head = path.split('/')[0];
  if (!/^[\w-]+(\.[\w-]+)+$/.test(head)) return false;
  const tld = head.slice(head.lastIndexOf('.') + 1);
  return /^[a-z]{2,}$/i.test(tld) && !/^(?:html?|xhtml|shtml|txt|text|jsonl?|ndjson|gz|md|xml)$/i.test(tld);
}

export async function* readPath(path: string, opts: IngestOptions = {}): AsyncGenerator<IngestOutcome> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    let reason = describeFsError(err);
    if (reason === 'not found' && looksLikeBareDomain(path)) reason += ` (for a web page, use https://${path})`;
    yield { ok: false, source: path, reason };
    return;
  }
  if (!info.isDirectory() && !info.isFile()) {
    // FIFOs and devices: opening one can block forever or never end.
    yield { ok: false, source: path, reason: 'not a regular file' };
    return;
  }
  if (!info.isDirectory()) {
    try {
      yield* readFile(path, maxBytes);
    } catch (err) {
      yield { ok: false, source: path, reason: describeFsError(err) };
    }
    return;
  }
  let found = 0;
  for await (const item of walk(path, new Set())) {
    if ('error' in item) {
      yield { ok: false, source: item.source, reason: item.error };
      continue;
    }
    found++;
    try {
      yield* readFile(item.file, maxBytes);
    } catch (err) {
      yield { ok: false, source: item.file, reason: describeFsError(err) };
    }
  }
  if (found === 0) yield { ok: false, source: path, reason: 'folder has no input files (.html, .htm, .xhtml, .txt, .jsonl, .ndjson, optionally .gz)' };
}

/** Read all of stdin, stopping as soon as it passes the size limit. */
export async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<RawInput> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += buf.length;
    if (total > maxBytes) throw new IngestError(`too large: stdin is over the ${formatBytes(maxBytes)} limit`);
    chunks.push(buf);
  }
  return inputFromBytes('stdin', Buffer.concat(chunks, total), maxBytes);
}
