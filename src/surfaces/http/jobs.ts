import { randomBytes } from 'node:crypto';
import type { BatchFailure } from '../../batch.js';
import { documentId } from '../../core/hash.js';
import { fetchUrl, type RawInput } from '../../ingest/index.js';
import { buildDocument, repeatedLinesByOutlet } from '../../pipeline.js';
import type { Store } from '../../store/index.js';

/**
 * Ingest jobs. A POST only validates and enqueues; one runner works through the queue a
 * document at a time and yields to the event loop between documents, so the server keeps
 * answering (progress polls included) while a batch is processed. One runner rather than
 * one per job: the work is CPU-bound and the store takes one writer, so parallel jobs
 * would only interleave and finish later. The batch is processed as `processInputs` does
 * (boilerplate lines found across the batch's pages of one outlet, one transaction per
 * document), but document by document so it can yield.
 */

export type JobItem = { kind: 'url'; url: string } | { kind: 'input'; input: RawInput } | { kind: 'failure'; source: string; reason: string };

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobDocument {
  id: string;
  title: string | null;
  source: string;
  /** Already stored before this job (same bytes). */
  duplicate: boolean;
}

export interface JobView {
  id: string;
  state: JobState;
  phase: 'queued' | 'fetching' | 'processing' | 'finished';
  done: number;
  total: number;
  inserted: number;
  duplicates: number;
  failures: BatchFailure[];
  documents: JobDocument[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Job extends JobView {
  items: JobItem[] | null;
}

export interface JobQueueOptions {
  allowPrivate: boolean;
  maxPageBytes: number;
  fetchTimeoutMs: number;
  maxPendingPages: number;
  maxJobsKept: number;
  /** Called after a job stored at least one new document (caches over the store go stale). */
  onWrite?: () => void;
}

const FETCH_CONCURRENCY = 4;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private pending = 0;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly opts: JobQueueOptions,
  ) {}

  /** Null when the queue is full (the client should retry later). */
  submit(items: JobItem[]): JobView | null {
    if (this.closed) return null;
    if (this.pending + items.length > this.opts.maxPendingPages && this.pending > 0) return null;
    const job: Job = {
      id: randomBytes(16).toString('hex'),
      state: 'queued',
      phase: 'queued',
      done: 0,
      total: items.length,
      inserted: 0,
      duplicates: 0,
      failures: [],
      documents: [],
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      items,
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.pending += items.length;
    this.forgetOld();
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.view(job);
  }

  get(id: string): JobView | null {
    const job = this.jobs.get(id);
    return job ? this.view(job) : null;
  }

  stats(): { queued: number; running: number; pendingPages: number } {
    let running = 0;
    for (const j of this.jobs.values()) if (j.state === 'running') running++;
    return { queued: this.queue.length, running, pendingPages: this.pending };
  }

  /** Resolves when every submitted job has finished (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the document in progress; queued jobs are marked failed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, 'failed', 'server shutting down');
    await this.running;
  }

  private view(job: Job): JobView {
    const { items: _items, ...rest } = job;
    return { ...rest, failures: [...rest.failures], documents: [...rest.documents] };
  }

  private forgetOld(): void {
    if (this.jobs.size <= this.opts.maxJobsKept) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.opts.maxJobsKept) break;
      if (job.state === 'done' || job.state === 'failed') this.jobs.delete(id);
    }
  }

  private finish(job: Job, state: JobState, reason?: string): void {
    if (reason) {
      const left = job.total - job.done;
      if (left > 0) job.failures.push({ source: `${left} unprocessed input(s)`, reason });
      job.done = job.total;
    }
    this.pending -= job.items?.length ?? 0;
    job.items = null;
    job.state = state;
    job.phase = 'finished';
    job.finishedAt = new Date().toISOString();
  }

  private async run(): Promise<void> {
    while (!this.closed && this.queue.length) {
      const job = this.queue.shift()!;
      try {
        await this.process(job);
        this.finish(job, 'done');
      } catch (err) {
        this.finish(job, 'failed', `internal error: ${(err as Error).message}`);
      }
      if (job.inserted > 0) this.opts.onWrite?.();
    }
  }

  private async process(job: Job): Promise<void> {
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    const items = job.items ?? [];
    const inputs: RawInput[] = [];
    const failed = (source: string, reason: string) => {
      job.failures.push({ source, reason });
      job.done++;
    };

    job.phase = 'fetching';
    const urls = items.filter((i): i is Extract<JobItem, { kind: 'url' }> => i.kind === 'url');
    for (let i = 0; i < urls.length && !this.closed; i += FETCH_CONCURRENCY) {
      const batch = urls.slice(i, i + FETCH_CONCURRENCY);
      const outcomes = await Promise.allSettled(
        batch.map((u) => fetchUrl(u.url, { allowPrivate: this.opts.allowPrivate, maxBytes: this.opts.maxPageBytes, timeoutMs: this.opts.fetchTimeoutMs })),
      );
      outcomes.forEach((o, k) => {
        if (o.status === 'fulfilled') inputs.push(o.value);
        else failed(batch[k].url, (o.reason as Error)?.message ?? String(o.reason));
      });
    }
    for (const item of items) {
      if (item.kind === 'input') inputs.push(item.input);
      else if (item.kind === 'failure') failed(item.source, item.reason);
    }

    job.phase = 'processing';
    const repeated = repeatedLinesByOutlet(inputs);
    for (const input of inputs) {
      if (this.closed) throw new Error('server shutting down');
      await tick();
      try {
        const id = documentId(input.bytes);
        const existing = this.store.getDocument(id);
        if (existing) {
          job.duplicates++;
          job.documents.push({ id, title: existing.doc.facts.title, source: input.source, duplicate: true });
        } else {
          const built = buildDocument(input, { repeatedLines: repeated.get(input) });
          if (!built.ok) {
            failed(built.source, built.reason);
            continue;
          }
          const { inserted } = this.store.putDocument(built.doc, input.bytes);
          if (inserted) job.inserted++;
          else job.duplicates++;
          job.documents.push({ id: built.doc.id, title: built.doc.facts.title, source: input.source, duplicate: !inserted });
        }
        job.done++;
      } catch (err) {
        failed(input.source, `internal error while processing: ${(err as Error).message}`);
      }
    }
  }
}
