/**
 * Main-content extraction benchmark: our extractor against Mozilla Readability (on jsdom),
 * same pages, same run, on the AEB set (token 4-shingle P/R/F1) and the trafilatura
 * evaluation set (with/without snippet tests). Writes bench/out/extract-html.json.
 *
 *   npx tsx bench/extract-html.ts [--set aeb|traf|both] [--limit N] [--no-readability] [--dump]
 *
 * --dump writes per-page predictions and scores to bench/out/extract-html-pages/ for error
 * analysis; the dump holds third-party text and must never be committed (bench/out is ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { aebDir, loadAeb, repoRoot, scoreAeb, scoreAebPage, sharedRoot } from './lib/aeb.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { extractArticle } from '../src/clean/html/extract.js';

interface Args {
  set: 'aeb' | 'traf' | 'both';
  limit: number;
  readability: boolean;
  dump: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { set: 'both', limit: Infinity, readability: true, dump: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') args.set = argv[++i] as Args['set'];
    else if (a === '--limit') args.limit = Number(argv[++i]);
    else if (a === '--no-readability') args.readability = false;
    else if (a === '--dump') args.dump = true;
  }
  return args;
}

interface RunResult {
  text: string;
  ms: number;
  error: boolean;
}

interface Extractor {
  run(html: string, url: string): Promise<RunResult>;
  close(): Promise<void>;
}

const ours: Extractor = {
  async run(html, url) {
    const t0 = performance.now();
    try {
      const text = extractArticle(html, { url: url || undefined }).text;
      return { text, ms: performance.now() - t0, error: false };
    } catch {
      return { text: '', ms: performance.now() - t0, error: true };
    }
  },
  async close() {},
};

/**
 * Readability runs in a worker thread with its own heap cap, recycled every RECYCLE pages:
 * jsdom's memory grows across hundreds of pages until the process dies, and one page that
 * exhausts the worker only loses that page (counted as an error, empty output). The time
 * is measured inside the worker around parse + extraction only, as for ours.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const req = createRequire(workerData.base);
const { JSDOM, VirtualConsole } = req('jsdom');
const { Readability } = req('@mozilla/readability');
parentPort.on('message', ({ html, url }) => {
  const t0 = performance.now();
  let text = '';
  let error = false;
  try {
    const dom = new JSDOM(html, { url: url || 'https://example.com/', virtualConsole: new VirtualConsole() });
    try {
      const art = new Readability(dom.window.document).parse();
      text = (art && art.textContent) || '';
    } finally {
      dom.window.close();
    }
  } catch (e) {
    error = true;
  }
  parentPort.postMessage({ text, ms: performance.now() - t0, error });
});
`;
const RECYCLE = 100;

function readabilityExtractor(): Extractor {
  let worker: Worker | null = null;
  let served = 0;
  const base = path.join(repoRoot(), 'package.json');
  const spawn = () => new Worker(WORKER_CODE, { eval: true, workerData: { base }, resourceLimits: { maxOldGenerationSizeMb: 3072 } });
  return {
    run(html, url) {
      if (!worker || served >= RECYCLE) {
        void worker?.terminate();
        worker = spawn();
        served = 0;
      }
      served++;
      const w = worker;
      return new Promise<RunResult>((resolve) => {
        const done = (r: RunResult) => {
          w.off('message', onMsg);
          w.off('error', onErr);
          w.off('exit', onErr);
          resolve(r);
        };
        const onMsg = (r: RunResult) => done(r);
        const onErr = () => {
          if (worker === w) worker = null;
          done({ text: '', ms: 0, error: true });
        };
        w.on('message', onMsg);
        w.on('error', onErr);
        w.on('exit', onErr);
        w.postMessage({ html, url });
      });
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}

interface Timed {
  outputs: string[];
  msPerPage: number;
  errors: number;
}

/**
 * Runs every extractor on each page in turn, so only one page's HTML is alive at a time.
 * An errored page counts in the error column and scores as an empty output.
 */
async function runAll<P extends { html: string; url: string }>(extractors: [string, Extractor][], pages: Iterable<P>, onPage?: (p: P) => void): Promise<Timed[]> {
  const res: Timed[] = extractors.map(() => ({ outputs: [], msPerPage: 0, errors: 0 }));
  let n = 0;
  for (const p of pages) {
    n++;
    for (const [i, [, ex]] of extractors.entries()) {
      const r = await ex.run(p.html, p.url);
      if (r.error) res[i].errors++;
      res[i].msPerPage += r.ms;
      res[i].outputs.push(r.text);
    }
    onPage?.(p);
  }
  for (const r of res) r.msPerPage = n ? r.msPerPage / n : 0;
  return res;
}

interface TrafPage {
  file: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
}

/** Pages are read lazily, one at a time (see runAll). */
function* loadTraf(dir: string, limit: number): Generator<TrafPage> {
  const lines = fs.readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(0, limit)) {
    const r = JSON.parse(line) as { file: string; url?: string; html: string; with: string[]; without: string[] };
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(dir, r.html)));
    yield { file: r.file, url: r.url ?? '', html: decodedText(bytes), with: r.with, without: r.without };
  }
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

interface TrafCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

function trafPageCounts(pred: string, page: TrafPage): TrafCounts {
  const out = norm(pred);
  const c: TrafCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of page.with) {
    if (out && out.includes(norm(s))) c.tp++;
    else c.fn++;
  }
  for (const s of page.without) {
    if (out && out.includes(norm(s))) c.fp++;
    else c.tn++;
  }
  return c;
}

function scoreTraf(preds: string[], pages: TrafPage[]) {
  const tot: TrafCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  pages.forEach((p, i) => {
    const c = trafPageCounts(preds[i], p);
    tot.tp += c.tp;
    tot.fn += c.fn;
    tot.fp += c.fp;
    tot.tn += c.tn;
  });
  const precision = tot.tp / (tot.tp + tot.fp || 1);
  const recall = tot.tp / (tot.tp + tot.fn || 1);
  const accuracy = (tot.tp + tot.tn) / (tot.tp + tot.tn + tot.fp + tot.fn || 1);
  const f1 = (2 * tot.tp) / (2 * tot.tp + tot.fp + tot.fn || 1);
  return { precision, recall, f1, accuracy, ...tot };
}

interface Row {
  set: string;
  extractor: string;
  pages: number;
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  msPerPage: number;
  errors: number;
}

const f3 = (x: number) => x.toFixed(3);

function printTable(rows: Row[]): void {
  const head = ['set', 'extractor', 'pages', 'F1', 'P', 'R', 'acc', 'ms/page', 'errors'];
  const body = rows.map((r) => [
    r.set,
    r.extractor,
    String(r.pages),
    f3(r.f1),
    f3(r.precision),
    f3(r.recall),
    f3(r.accuracy),
    r.msPerPage.toFixed(2),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const shared = sharedRoot();
  if (!shared) {
    console.log(
      `extract-html: shared data not found at ${path.resolve(repoRoot(), '../shared')}; ` +
        'set DATELINE_SHARED to the folder holding data/extract. Skipping.',
    );
    return;
  }
  const extractors: [string, Extractor][] = [['dateline', ours]];
  if (args.readability) extractors.push(['readability', readabilityExtractor()]);

  const rows: Row[] = [];
  const outDir = path.join(repoRoot(), 'bench/out');
  const dumpDir = path.join(outDir, 'extract-html-pages');
  if (args.dump) fs.mkdirSync(dumpDir, { recursive: true });

  if (args.set !== 'traf') {
    const dir = aebDir();
    if (!dir) console.log(`extract-html: AEB data missing under ${shared}; skipping that set.`);
    else {
      const pages = loadAeb(dir).slice(0, args.limit);
      const timed = await runAll(extractors, pages);
      for (const [k, [name]] of extractors.entries()) {
        const t = timed[k];
        const s = scoreAeb(pages.map((p, i) => ({ pred: t.outputs[i], truth: p.truth })));
        rows.push({ set: 'aeb', extractor: name, pages: pages.length, ...s, msPerPage: t.msPerPage, errors: t.errors });
        console.log(`aeb ${name}: F1 ${f3(s.f1)} ms/page ${t.msPerPage.toFixed(2)}`);
        if (args.dump) {
          const per = pages.map((p, i) => ({ id: p.id, url: p.url, ...scoreAebPage(t.outputs[i], p.truth), pred: t.outputs[i], truth: p.truth }));
          fs.writeFileSync(path.join(dumpDir, `aeb-${name}.json`), JSON.stringify(per));
        }
      }
    }
  }
  if (args.set !== 'aeb') {
    const dir = path.join(shared, 'data/extract/trafilatura-eval');
    if (!fs.existsSync(path.join(dir, 'labels.jsonl'))) console.log(`extract-html: trafilatura-eval data missing under ${shared}; skipping that set.`);
    else {
      // Keep labels, drop each page's HTML once it has been through every extractor.
      const pages: TrafPage[] = [];
      const timed = await runAll(extractors, loadTraf(dir, args.limit), (p) => pages.push({ ...p, html: '' }));
      for (const [k, [name]] of extractors.entries()) {
        const t = timed[k];
        const s = scoreTraf(t.outputs, pages);
        console.log(`trafilatura ${name}: F1 ${f3(s.f1)} ms/page ${t.msPerPage.toFixed(2)}`);
        rows.push({ set: 'trafilatura', extractor: name, pages: pages.length, f1: s.f1, precision: s.precision, recall: s.recall, accuracy: s.accuracy, msPerPage: t.msPerPage, errors: t.errors });
        if (args.dump) {
          const per = pages.map((p, i) => ({ file: p.file, url: p.url, ...trafPageCounts(t.outputs[i], p), with: p.with, without: p.without, pred: t.outputs[i] }));
          fs.writeFileSync(path.join(dumpDir, `traf-${name}.json`), JSON.stringify(per));
        }
      }
    }
  }
  for (const [, ex] of extractors) await ex.close();
  printTable(rows);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'extract-html.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, args: { ...args, limit: Number.isFinite(args.limit) ? args.limit : null }, rows }, null, 2),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/** Page bytes decoded exactly as ingest does, so the bench measures what users run. */
function decodedText(bytes: Buffer): string {
  const r = decodeBytes(bytes, { format: 'html' });
  return 'error' in r ? '' : r.text;
}
