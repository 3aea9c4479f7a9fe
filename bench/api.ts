/**
 * HTTP API benchmark: `npm run bench:api`. Seeds a temporary store from ../shared/seeds
 * (or examples/corpus when that is absent), starts `dateline serve` on 127.0.0.1, and runs
 * autocannon with 10 connections for 10 seconds against each endpoint in turn. Prints a
 * table and writes bench/out/api.json; it stops by itself.
 *
 * POST /api/documents only enqueues (202), so its figure is the acceptance rate; the
 * processing rate behind it is measured separately by timing how long the queue takes to
 * drain afterwards. The queue is bounded, so once it is full the POSTs are answered 503
 * (backpressure); those are counted apart from errors.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ingestBatch } from '../src/batch.js';
import { openSqliteStore } from '../src/store/index.js';
import { startServer } from '../src/surfaces/http/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = [resolve(here, '..'), resolve(here, '../..')].find((p) => existsSync(join(p, 'package.json')))!;
const DURATION = 10;
const CONNECTIONS = 10;
const TOKEN = 'bench-token-' + Math.random().toString(36).slice(2);
const MAX_PENDING = 400;

interface Row {
  name: string;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function summarise(name: string, r: autocannon.Result): Row {
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v?.count ?? 0;
  return {
    name,
    requestsPerSec: Math.round(r.requests.average),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  };
}

async function main(): Promise<void> {
  const shared = resolve(root, '../shared/seeds');
  const seedDir = existsSync(shared) ? shared : join(root, 'examples/corpus');
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-api-'));
  const dbPath = join(dir, 'bench.db');

  const t0 = performance.now();
  const store = openSqliteStore(dbPath);
  const seeded = await ingestBatch([seedDir], store, {});
  const seedMs = performance.now() - t0;
  process.stderr.write(`seeded ${seeded.inserted} documents from ${seedDir} in ${(seedMs / 1000).toFixed(1)} s (${seeded.failures.length} failed)\n`);

  const srv = await startServer({ port: 0, host: '127.0.0.1', dbPath, store, token: TOKEN, limits: { maxPendingPages: MAX_PENDING } });
  const base = srv.url;
  try {
    const tFirst = performance.now();
    const { stories } = (await (await fetch(`${base}/api/stories`)).json()) as { stories: { id: string; documents: string[]; title: string | null }[] };
    const firstStoriesMs = performance.now() - tFirst;
    if (!stories.length) throw new Error('the seed corpus produced no stories');
    const story = stories[0];
    const word = (story.title ?? '').match(/\p{L}{5,}/gu)?.[0] ?? 'the';

    const run = (name: string, opts: autocannon.Options) =>
      new Promise<Row>((resolveRun, reject) => {
        process.stderr.write(`${name} …\n`);
        autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolveRun(summarise(name, result))));
      });

    const rows: Row[] = [];
    rows.push(await run('GET /api/stories', { url: `${base}/api/stories` }));
    rows.push(await run(`GET /api/documents?q=${word}`, { url: `${base}/api/documents?q=${encodeURIComponent(word)}` }));
    rows.push(await run('GET /api/stories/:id', { url: `${base}/api/stories/${story.id}` }));

    let n = 0;
    const stamp = Date.now();
    rows.push(
      await run('POST /api/documents', {
        url: `${base}/api/documents`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        requests: [
          {
            // A new page every time: the same bytes twice would only measure duplicate detection.
            setupRequest: (req) => {
              n++;
              const body = JSON.stringify({
                pages: [
                  {
                    url: `https://bench.example/${stamp}/${n}`,
                    published: '2025-03-04',
                    title: `Bench town council votes on bridge repair plan ${n}`,
                    text: `Bench town council votes on bridge repair plan ${n}\nThe council of Bench voted on Monday to spend 2.4 million euros on repairs to the old bridge, item ${n}.\n"We cannot wait any longer," council leader Ana Ruiz said.\nWork is due to start on March 20.`,
                  },
                ],
              });
              return { ...req, body };
            },
          },
        ],
      }),
    );

    const tDrain = performance.now();
    const pendingBefore = srv.app.services.jobs.stats().pendingPages;
    await srv.app.services.jobs.idle();
    const drainMs = performance.now() - tDrain;
    // No story recompute over the benchmark's pages here: thousands of near-identical pages
    // make one giant story, which measures the clustering's worst case, not the API.
    const docs = ((await (await fetch(`${base}/api/documents?limit=1`)).json()) as { total: number }).total;

    const out = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      seed: { dir: seedDir, documents: seeded.inserted, failures: seeded.failures.length, ms: Math.round(seedMs) },
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      firstStoriesMs: Math.round(firstStoriesMs),
      documentsAfterBench: docs,
      ingestDrain: { pagesPendingAtEnd: pendingBefore, ms: Math.round(drainMs), pagesPerSec: pendingBefore ? Math.round((pendingBefore / drainMs) * 1000 * 10) / 10 : null },
      results: rows,
    };

    console.log(`\nDateline API, ${CONNECTIONS} connections × ${DURATION} s each, ${seeded.inserted} seeded documents (${seedDir})`);
    console.log(`first /api/stories (story analysis of the seeded store, off the main thread): ${out.firstStoriesMs} ms; ${docs} documents stored after the POST run`);
    console.log('endpoint'.padEnd(34) + 'req/s'.padStart(8) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + 'errors'.padStart(8) + '  status codes');
    for (const r of rows) {
      console.log(r.name.slice(0, 33).padEnd(34) + String(r.requestsPerSec).padStart(8) + String(r.latencyP50Ms).padStart(9) + String(r.latencyP99Ms).padStart(9) + String(r.errors).padStart(8) + '  ' + JSON.stringify(r.statusCodes));
    }
    console.log(`ingest queue drained ${pendingBefore} pending pages in ${(drainMs / 1000).toFixed(1)} s (${out.ingestDrain.pagesPerSec ?? '-'} pages/s)`);

    mkdirSync(join(root, 'bench/out'), { recursive: true });
    writeFileSync(join(root, 'bench/out/api.json'), JSON.stringify(out, null, 2) + '\n');
    console.log('wrote bench/out/api.json');
  } finally {
    await srv.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
