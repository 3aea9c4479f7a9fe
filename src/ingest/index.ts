/**
 * Ingest: turn what the user pointed us at into raw inputs. One bad input becomes an
 * `{ ok: false }` outcome with a reason and the run goes on; nothing here throws.
 */
import { fileURLToPath } from 'node:url';
import { fetchUrl } from './fetch.js';
import { readPath, readStdin } from './files.js';
import { DEFAULT_MAX_BYTES, IngestError, type IngestOptions, type IngestOutcome } from './types.js';

export type { IngestOptions, IngestOutcome, RawInput } from './types.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS } from './types.js';
export { decodeBytes, decodeInput, type Decoded, type DecodeOptions } from './decode.js';
export { nonPublicReason } from './address.js';
export { fetchUrl } from './fetch.js';
export { recordToInput } from './files.js';

function failure(source: string, err: unknown): IngestOutcome {
  const reason = err instanceof IngestError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
  return { ok: false, source, reason };
}

/**
 * Inputs in the order given. A spec is '-' (stdin), an http(s) URL, a file:// URL, or a
 * path to a file or folder (read recursively). Folders and batch files yield many outcomes.
 */
export async function* readInputs(specs: string[], opts: IngestOptions = {}): AsyncGenerator<IngestOutcome> {
  for (const spec of specs) {
    if (spec === '-') {
      try {
        yield { ok: true, input: await readStdin(opts.stdin ?? process.stdin, opts.maxBytes ?? DEFAULT_MAX_BYTES) };
      } catch (err) {
        yield failure('stdin', err);
      }
      continue;
    }
    if (/^https?:\/\//i.test(spec)) {
      try {
        yield { ok: true, input: await fetchUrl(spec, opts) };
      } catch (err) {
        yield failure(spec, err);
      }
      continue;
    }
    let path = spec;
    if (/^file:\/\//i.test(spec)) {
      try {
        path = fileURLToPath(spec);
      } catch {
        yield { ok: false, source: spec, reason: 'invalid file URL' };
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(spec)) {
      yield { ok: false, source: spec, reason: `unsupported URL scheme ${spec.slice(0, spec.indexOf(':') + 1)} (use http, https or a file path)` };
      continue;
    }
    try {
      yield* readPath(path, opts);
    } catch (err) {
      yield failure(path, err);
    }
  }
}
