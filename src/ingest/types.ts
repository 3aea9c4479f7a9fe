import type { InputFormat, SuppliedFacts } from '../core/doc.js';

/** One input as read, before decoding: the exact bytes whose hash becomes the document id. */
export interface RawInput {
  /** Path, URL as given, 'stdin', or 'file.jsonl#3' for one line of a JSON Lines batch. */
  source: string;
  /** The final URL after redirects for fetched pages; the record's `url` for JSON Lines. */
  url: string | null;
  bytes: Buffer;
  contentType: string | null;
  /** Lower-cased response headers worth keeping (dating and decoding); empty for files. */
  headers: Record<string, string>;
  supplied?: SuppliedFacts;
  format: InputFormat;
  fetchedAt: string;
}

export type IngestOutcome = { ok: true; input: RawInput } | { ok: false; source: string; reason: string };

export interface IngestOptions {
  /** Allow fetching loopback/private/link-local addresses (tests, intranet mirrors). */
  allowPrivate?: boolean;
  /** Per input; default 20 MiB. */
  maxBytes?: number;
  /** Whole fetch, redirects and body included; default 15000. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Read for the spec '-'; defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = 'Dateline/0.1 (self-hosted news reader)';

/** An expected, user-facing failure for one input; anything else is a bug and is reported as such. */
export class IngestError extends Error {}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
