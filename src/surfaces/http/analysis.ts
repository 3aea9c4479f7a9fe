import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { Doc } from '../../core/doc.js';
import type { Store } from '../../store/index.js';
import { type Report, buildReport } from '../report/build.js';

/**
 * The story analysis over everything stored, computed once and reused until the store
 * changes. Stories are a property of the whole collection (adding one article can merge
 * or split them), so they are recomputed from all documents rather than patched.
 *
 * Staleness is detected, not just signalled: besides the explicit invalidate() after our
 * own writes, a cheap fingerprint of the documents table (count and highest row number)
 * catches a `dateline ingest` run by another process against the same file.
 *
 * For a store in a file, the computation runs in a worker thread so the server keeps
 * answering while it runs; requests that need the new report await it together. An
 * in-memory store (tests) or a failed worker falls back to computing on this thread.
 *
 * A story's report is a slice of this one analysis (its documents, their facts, the
 * entities they mention, its timeline, summary and disagreements) in the report format
 * the CLI prints, so story and entity ids agree across every endpoint.
 */

export function sqliteOf(store: Store): Database.Database | null {
  const db = (store as { db?: unknown }).db;
  return db && typeof (db as Database.Database).prepare === 'function' ? (db as Database.Database) : null;
}

/** Parsed documents by id; stored documents never change (ids are content hashes), so they outlive a recompute. */
export class DocCache {
  private readonly docs = new Map<string, Doc>();
  constructor(private readonly store: Store) {}

  load(): Doc[] {
    const ids = this.store.listDocuments().map((d) => d.id);
    const keep = new Set(ids);
    for (const id of this.docs.keys()) if (!keep.has(id)) this.docs.delete(id);
    const out: Doc[] = [];
    for (const id of ids) {
      let doc = this.docs.get(id);
      if (!doc) {
        doc = this.store.getDocument(id)?.doc;
        if (!doc) continue;
        this.docs.set(id, doc);
      }
      out.push(doc);
    }
    return out;
  }
}

/**
 * The compiled worker beside this module. Running from TypeScript sources (tsx) there is
 * none, and Node 20 does not apply tsx's loader to a worker's entry file, so that setup
 * analyses on the main thread.
 */
function workerScript(): URL | null {
  const url = new URL('./analysis-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

class AnalysisWorker {
  private worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: Report) => void; reject: (e: Error) => void }>();
  failed: Error | null = null;

  constructor(script: URL, dbPath: string) {
    this.worker = new Worker(script, { workerData: { dbPath } });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; report?: Report; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.report) w.resolve(m.report);
      else w.reject(new Error(m.error ?? 'analysis failed'));
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
  }

  build(): Promise<Report> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

interface Derived {
  report: Report;
  storyOfDoc: Map<string, string>;
  slices: Map<string, Report>;
  /** Serialised slices: a story's report carries every member's full text, so encoding it dominates a request. */
  sliceJson: Map<string, string>;
}

export class StoreAnalysis {
  private generation = 0;
  private key: string | null = null;
  private derived: Derived | null = null;
  private inflight: { key: string; promise: Promise<Derived> } | null = null;
  private readonly local: DocCache;
  private worker: AnalysisWorker | null = null;
  private readonly fingerprintStmt;

  constructor(
    private readonly store: Store,
    opts: { worker?: boolean } = {},
  ) {
    this.local = new DocCache(store);
    const db = sqliteOf(store);
    this.fingerprintStmt = db ? db.prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS m FROM documents') : null;
    const script = workerScript();
    if (opts.worker !== false && db && !db.memory && script) {
      try {
        this.worker = new AnalysisWorker(script, db.name);
      } catch {
        this.worker = null;
      }
    }
  }

  invalidate(): void {
    this.generation++;
  }

  private fingerprint(): string {
    if (this.fingerprintStmt) {
      const r = this.fingerprintStmt.get() as { n: number; m: number };
      return `${r.n}:${r.m}:${this.generation}`;
    }
    return `${this.store.listDocuments().length}:${this.generation}`;
  }

  private async build(): Promise<Report> {
    if (this.worker && !this.worker.failed) {
      try {
        return await this.worker.build();
      } catch (err) {
        // A broken worker must not take stories down with it: compute here from now on.
        const broken = this.worker.failed as Error | null;
        if (!broken) throw err;
        console.error(`dateline serve: analysis worker failed (${broken.message}); analysing on the main thread`);
      }
    }
    return buildReport(this.local.load());
  }

  private async derive(): Promise<Derived> {
    const key = this.fingerprint();
    if (this.derived && key === this.key) return this.derived;
    if (this.inflight?.key === key) return this.inflight.promise;
    const promise = this.build().then((report) => {
      const storyOfDoc = new Map<string, string>();
      for (const s of report.stories) for (const d of s.documents) storyOfDoc.set(d, s.id);
      const derived = { report, storyOfDoc, slices: new Map<string, Report>(), sliceJson: new Map<string, string>() };
      // A later request may have started a newer computation; never replace its result with an older one.
      if (this.inflight?.promise === promise) {
        this.derived = derived;
        this.key = key;
      }
      return derived;
    });
    this.inflight = { key, promise };
    try {
      return await promise;
    } finally {
      if (this.inflight?.promise === promise) this.inflight = null;
    }
  }

  async current(): Promise<Report> {
    return (await this.derive()).report;
  }

  async storyOf(docId: string): Promise<string | null> {
    return (await this.derive()).storyOfDoc.get(docId) ?? null;
  }

  async story(id: string): Promise<Report | null> {
    const d = await this.derive();
    const cached = d.slices.get(id);
    if (cached) return cached;
    const slice = sliceStory(d.report, id);
    if (slice) d.slices.set(id, slice);
    return slice;
  }

  /** The story's report as JSON text, encoded once per analysis. */
  async storyJson(id: string): Promise<string | null> {
    const d = await this.derive();
    const cached = d.sliceJson.get(id);
    if (cached !== undefined) return cached;
    const slice = await this.story(id);
    if (!slice) return null;
    const json = JSON.stringify(slice);
    d.sliceJson.set(id, json);
    return json;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }
}

export function sliceStory(report: Report, storyId: string): Report | null {
  const story = report.stories.find((s) => s.id === storyId);
  if (!story) return null;
  const ids = new Set(story.documents);
  const inStory = <T extends { doc: string }>(x: T) => ids.has(x.doc);
  return {
    version: report.version,
    generatedAt: report.generatedAt,
    documents: report.documents.filter((d) => ids.has(d.id)),
    entities: report.entities.filter((e) => e.mentions.some(inStory)).map((e) => ({ ...e, mentions: e.mentions.filter(inStory) })),
    quotes: report.quotes.filter(inStory),
    figures: report.figures.filter(inStory),
    times: report.times.filter(inStory),
    stories: [story],
    timeline: report.timeline.filter((e) => e.story === storyId),
    disagreements: report.disagreements.filter((d) => d.story === storyId),
    summary: report.summary.filter((s) => s.story === storyId),
  };
}
