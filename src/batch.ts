import type { Doc } from './core/doc.js';
import { readInputs } from './ingest/index.js';
import type { IngestOptions, RawInput } from './ingest/types.js';
import { buildDocument, repeatedLinesByOutlet } from './pipeline.js';
import type { Store } from './store/index.js';

/**
 * Ingest a batch into a store: read every input, build its Doc, store it. One bad input
 * becomes one failure line and never stops the others; each stored document is its own
 * transaction, so nothing already stored is lost when a later input fails.
 */

export interface BatchFailure {
  source: string;
  reason: string;
}

export interface BatchResult {
  docs: Doc[];
  inserted: number;
  duplicates: number;
  failures: BatchFailure[];
}

export interface BatchProgress {
  phase: 'read' | 'process';
  done: number;
  total: number;
  source: string;
}

export async function ingestBatch(
  specs: string[],
  store: Store,
  opts: IngestOptions & { onProgress?: (p: BatchProgress) => void } = {},
): Promise<BatchResult> {
  const inputs: RawInput[] = [];
  const failures: BatchFailure[] = [];
  let read = 0;
  for await (const outcome of readInputs(specs, opts)) {
    read++;
    if (outcome.ok) inputs.push(outcome.input);
    else failures.push({ source: outcome.source, reason: outcome.reason });
    opts.onProgress?.({ phase: 'read', done: read, total: read, source: outcome.ok ? outcome.input.source : outcome.source });
  }
  const processed = processInputs(inputs, store, opts.onProgress);
  return { ...processed, failures: [...failures, ...processed.failures] };
}

/** Build and store inputs that are already read (files, API uploads, JSON records). */
export function processInputs(inputs: RawInput[], store: Store, onProgress?: (p: BatchProgress) => void): BatchResult {
  const failures: BatchFailure[] = [];
  const repeated = repeatedLinesByOutlet(inputs);
  const docs: Doc[] = [];
  let inserted = 0;
  let duplicates = 0;
  for (const [i, input] of inputs.entries()) {
    onProgress?.({ phase: 'process', done: i, total: inputs.length, source: input.source });
    try {
      const built = buildDocument(input, { repeatedLines: repeated.get(input) });
      if (!built.ok) {
        failures.push({ source: built.source, reason: built.reason });
        continue;
      }
      const existing = store.getDocument(built.doc.id);
      if (existing) {
        duplicates++;
        docs.push(existing.doc);
        continue;
      }
      const { inserted: isNew } = store.putDocument(built.doc, input.bytes);
      if (isNew) inserted++;
      else duplicates++;
      docs.push(built.doc);
    } catch (err) {
      failures.push({ source: input.source, reason: `internal error while processing: ${(err as Error).message}` });
    }
  }
  onProgress?.({ phase: 'process', done: inputs.length, total: inputs.length, source: '' });
  return { docs: dedupe(docs), inserted, duplicates, failures };
}

function dedupe(docs: Doc[]): Doc[] {
  const seen = new Set<string>();
  return docs.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
}
