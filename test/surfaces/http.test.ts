import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { processInputs } from '../../src/batch.js';
import { recordToInput } from '../../src/ingest/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { type RunningServer, ftsQuery, startServer } from '../../src/surfaces/http/index.js';

// Runs the real server on 127.0.0.1:0 over a temporary SQLite file, as `dateline serve` does.

const TOKEN = 'test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };

const HARBOUR_HTML = `<!doctype html><html><head><title>Ferry crews vote to strike at Lowmere | Lowmere Courier</title>
<meta property="og:site_name" content="Lowmere Courier"><meta name="author" content="Ines Brandt">
<meta property="article:published_time" content="2025-02-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry crews vote to strike at Lowmere</h1><p class="byline">By Ines Brandt</p>
<p>Ferry crews at Lowmere harbour voted on Sunday to strike from February 17 after pay talks failed.</p>
<p>"We have waited three years for a fair deal," said union organiser Tomasz Wilk.</p>
<p>The operator, Lowmere Ferries, said the walkout would cancel 40 sailings a day.</p>
</article><footer>© 2025 Lowmere Courier</footer></body></html>`;

const HARBOUR_TEXT = `Lowmere Ferries confirms timetable for strike week
Posted: 2025-02-12 10:00
Lowmere Ferries said on Wednesday that only the early sailing would run during the strike.
The company said talks with the crews' union would resume on February 14.
"Passengers should plan for delays," operations director Ruth Ames said.`;

async function waitForJob(base: string, id: string): Promise<{ state: string; done: number; total: number; failures: { source: string; reason: string }[]; documents: { id: string }[] }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await fetch(`${base}/api/jobs/${id}`);
    assert.equal(r.status, 200);
    const job = await r.json();
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

async function expectError(res: Response, status: number, pattern?: RegExp): Promise<string> {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = await res.json();
  assert.equal(body.error.status, status);
  assert.equal(typeof body.error.message, 'string');
  if (pattern) assert.match(body.error.message, pattern);
  return body.error.message;
}

describe('dateline serve: API with a token', () => {
  let dir: string;
  let srv: RunningServer;
  let base: string;
  let docIds: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-http-'));
    srv = await startServer({
      port: 0,
      host: '127.0.0.1',
      dbPath: join(dir, 'test.db'),
      token: TOKEN,
      limits: { maxBodyBytes: 64 * 1024, maxPagesPerBatch: 5, maxPageBytes: 16 * 1024 },
    });
    base = srv.url;
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api/health with the write mode', async () => {
    const r = await fetch(`${base}/api/health`);
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.writes, 'token');
  });

  it('refuses writes without the token (401) and with a wrong one', async () => {
    const body = JSON.stringify({ pages: [{ html: HARBOUR_HTML }] });
    const none = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    await expectError(none, 401, /token/);
    const wrong = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body });
    await expectError(wrong, 401, /invalid token/);
    // A form cannot smuggle the request past the check either.
    const form = new FormData();
    form.set('text', HARBOUR_TEXT);
    await expectError(await fetch(`${base}/api/documents`, { method: 'POST', body: form }), 401);
  });

  it('accepts JSON pages with the token (202) and the job completes', async () => {
    const r = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTH },
      body: JSON.stringify({ pages: [{ html: HARBOUR_HTML, url: 'https://courier.example/ferry-strike', published: '2025-02-10' }, { text: HARBOUR_TEXT, outlet: 'Lowmere Ferries' }] }),
    });
    assert.equal(r.status, 202);
    const { job, total } = await r.json();
    assert.match(job, /^[0-9a-f]{32}$/);
    assert.equal(total, 2);
    assert.equal(r.headers.get('location'), `/api/jobs/${job}`);
    const done = await waitForJob(base, job);
    assert.equal(done.state, 'done');
    assert.deepEqual(done.failures, []);
    assert.equal(done.done, 2);
    assert.equal(done.documents.length, 2);
    docIds = done.documents.map((d) => d.id);
  });

  it('accepts JSON Lines, text/plain and multipart uploads', async () => {
    const jsonl = [JSON.stringify({ text: 'Harbour pilots join the Lowmere strike.\nThe pilots said on Monday they would stop work on February 17.' }), ''].join('\n');
    const a = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...AUTH }, body: jsonl });
    assert.equal(a.status, 202);
    assert.equal((await waitForJob(base, (await a.json()).job)).state, 'done');

    const b = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'text/plain', ...AUTH }, body: 'Lowmere cafe owners fear a quiet week.\nTrade fell by a third during the last strike.' });
    assert.equal(b.status, 202);
    const bj = await waitForJob(base, (await b.json()).job);
    assert.equal(bj.documents.length, 1);

    const form = new FormData();
    form.append('files', new Blob(['<html><head><title>Lowmere strike: what we know</title></head><body><article><p>The ferry strike at Lowmere starts on February 17, the union said.</p></article></body></html>'], { type: 'text/html' }), 'explainer.html');
    const c = await fetch(`${base}/api/documents`, { method: 'POST', headers: AUTH, body: form });
    assert.equal(c.status, 202);
    const cj = await waitForJob(base, (await c.json()).job);
    assert.equal(cj.state, 'done');
    assert.deepEqual(cj.failures, []);
    assert.equal(cj.documents.length, 1);
  });

  it('reports the same page twice as a duplicate', async () => {
    const r = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: [{ html: HARBOUR_HTML }] }) });
    const job = await waitForJob(base, (await r.json()).job);
    assert.equal((job as unknown as { duplicates: number }).duplicates, 1);
  });

  it('answers validation errors with 400 JSON', async () => {
    const post = (body: string, type = 'application/json') => fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': type, ...AUTH }, body });
    await expectError(await post('{"pages": [{"title": "no body"}]}'), 400, /html.*text/);
    await expectError(await post('{"urls": ["ftp://example.com/a"]}'), 400, /urls\.0/);
    await expectError(await post('{}'), 400, /nothing to ingest/);
    await expectError(await post('{"pages": '), 400, /malformed JSON/);
    await expectError(await post('{"pages": [{"text": 5}]}'), 400, /pages\.0\.text/);
    await expectError(await post('{"text": "x"}\nnot json\n', 'application/x-ndjson'), 400, /line 2/);
    await expectError(await post('hello', 'application/xml'), 415);
    await expectError(await fetch(`${base}/api/documents?limit=abc`), 400, /limit/);
    await expectError(await fetch(`${base}/api/documents?limit=100000`), 400, /limit/);
    await expectError(await fetch(`${base}/api/documents/not-an-id`), 400);
    await expectError(await fetch(`${base}/api/jobs/123`), 400);
    await expectError(await fetch(`${base}/api/stories/nope`), 400);
  });

  it('refuses private and loopback URLs before fetching', async () => {
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/']) {
      const r = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ urls: [url] }) });
      await expectError(r, 400, /refusing to fetch/);
    }
  });

  it('enforces the body, batch and page limits with 413', async () => {
    const big = 'x'.repeat(70 * 1024);
    await expectError(await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: [{ text: big }] }) }), 413, /limit/);
    // Chunked (no Content-Length) bodies are counted as they stream.
    const stream = new ReadableStream({
      start(ctl) {
        ctl.enqueue(new TextEncoder().encode('{"pages":[{"text":"' + big));
        ctl.enqueue(new TextEncoder().encode('"}]}'));
        ctl.close();
      },
    });
    await expectError(await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: stream, duplex: 'half' } as RequestInit), 413);
    const six = Array.from({ length: 6 }, (_, i) => ({ text: `Page ${i} about the Lowmere strike.` }));
    await expectError(await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: six }) }), 413, /limit is 5/);
    await expectError(await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: [{ text: 'y'.repeat(20 * 1024) }] }) }), 413, /page limit/);
  });

  it('lists, searches and shows documents', async () => {
    const list = await (await fetch(`${base}/api/documents`)).json();
    assert.ok(list.total >= 5);
    assert.ok(list.documents.every((d: { id: string }) => /^[0-9a-f]{16}$/.test(d.id)));

    const hit = await (await fetch(`${base}/api/documents?q=${encodeURIComponent('sailings')}`)).json();
    assert.equal(hit.total, 1);
    assert.ok(hit.documents[0].snippet.some((p: { hit: boolean; text: string }) => p.hit && /sailings/i.test(p.text)));

    // FTS5 syntax in user input is searched for as words, never interpreted.
    for (const q of ['strike AND (', '"unbalanced', 'title:ferry', 'NEAR(a b)', '*', '^x', 'a OR', '-', "o'brien", 'x"y']) {
      const r = await fetch(`${base}/api/documents?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, q);
    }
    const paged = await (await fetch(`${base}/api/documents?limit=2&offset=1`)).json();
    assert.equal(paged.documents.length, 2);

    const doc = await (await fetch(`${base}/api/documents/${docIds[0]}`)).json();
    assert.equal(doc.id, docIds[0]);
    assert.equal(typeof doc.text, 'string');
    assert.ok(Array.isArray(doc.spans) && doc.spans.length > 0);
    for (const s of doc.spans) if ((s.in ?? 'text') === 'text') assert.ok(s.start >= 0 && s.end <= doc.text.length && s.start <= s.end);
    const prefix = await fetch(`${base}/api/documents/${docIds[0].slice(0, 8)}`);
    assert.equal(prefix.status, 200);
    await expectError(await fetch(`${base}/api/documents/ffffffffffffffff`), 404);
  });

  it('serves raw bytes as a text/plain attachment, never as HTML', async () => {
    const r = await fetch(`${base}/api/documents/${docIds[0]}/raw`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="[0-9a-f]{16}\.html\.txt"$/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(await r.text(), HARBOUR_HTML);
  });

  it('computes stories, serves one story as a report, and recomputes after a write', async () => {
    const { stories } = await (await fetch(`${base}/api/stories`)).json();
    assert.ok(stories.length >= 1);
    const biggest = stories[0];
    const report = await (await fetch(`${base}/api/stories/${biggest.id}`)).json();
    assert.equal(report.version, 1);
    for (const key of ['documents', 'entities', 'quotes', 'figures', 'times', 'timeline', 'disagreements', 'summary', 'stories']) assert.ok(Array.isArray(report[key]), key);
    assert.deepEqual(report.stories.map((s: { id: string }) => s.id), [biggest.id]);
    assert.deepEqual(new Set(report.documents.map((d: { id: string }) => d.id)), new Set(biggest.documents));
    for (const q of report.quotes) assert.equal(report.documents.find((d: { id: string }) => d.id === q.doc).text.slice(q.start, q.end), q.text);
    await expectError(await fetch(`${base}/api/stories/s-0000000000`), 404);

    const before = stories.reduce((n: number, s: { documents: string[] }) => n + s.documents.length, 0);
    const r = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: [{ text: 'Lowmere ferry strike called off.\nThe union and Lowmere Ferries agreed a deal on February 16, a day before the walkout.' }] }) });
    await waitForJob(base, (await r.json()).job);
    const again = await (await fetch(`${base}/api/stories`)).json();
    assert.equal(again.stories.reduce((n: number, s: { documents: string[] }) => n + s.documents.length, 0), before + 1);
  });

  it('notices documents that another process stored in the same file', async () => {
    const before = (await (await fetch(`${base}/api/stories`)).json()).stories.reduce((n: number, st: { documents: string[] }) => n + st.documents.length, 0);
    const other = openSqliteStore(join(dir, 'test.db'));
    try {
      const r = processInputs([recordToInput('cli#1', { text: 'Lowmere ferry union thanks passengers.\nThe union thanked passengers on February 18 for their patience.' }, 1 << 20)], other);
      assert.equal(r.inserted, 1);
    } finally {
      other.close();
    }
    const after = (await (await fetch(`${base}/api/stories`)).json()).stories.reduce((n: number, st: { documents: string[] }) => n + st.documents.length, 0);
    assert.equal(after, before + 1);
  });

  it('finds entities across stories', async () => {
    const all = await (await fetch(`${base}/api/entities`)).json();
    assert.ok(Array.isArray(all.entities));
    if (all.entities.length) {
      const e = all.entities[0];
      const r = await (await fetch(`${base}/api/entities?q=${encodeURIComponent(e.name.toUpperCase())}`)).json();
      assert.ok(r.entities.some((x: { id: string }) => x.id === e.id));
      assert.ok(Array.isArray(e.stories) && Array.isArray(e.mentions));
    }
    await expectError(await fetch(`${base}/api/entities?type=animal`), 400);
  });

  it('documents exactly the routes it serves, and every documented path answers', async () => {
    const spec = await (await fetch(`${base}/openapi.json`)).json();
    assert.equal(spec.openapi, '3.1.0');
    const stories = (await (await fetch(`${base}/api/stories`)).json()).stories;
    const job = (await (await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: JSON.stringify({ pages: [{ text: 'A short note on the Lowmere ferry strike.' }] }) })).json()).job;
    const ids: Record<string, string> = { '/api/documents/{id}': docIds[0], '/api/documents/{id}/raw': docIds[0], '/api/jobs/{id}': job, '/api/stories/{id}': stories[0].id };
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        const url = base + path.replace('{id}', ids[path] ?? '');
        const res = method === 'post' ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH }, body: '{}' }) : await fetch(url);
        assert.notEqual(res.status, 404, `${method} ${path}`);
        assert.ok(res.status < 500, `${method} ${path}: ${res.status}`);
        assert.match(res.headers.get('content-type') ?? '', /json|text\/plain/, `${method} ${path}`);
      }
    }
    const served = new Set(
      srv.app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    assert.deepEqual([...served].sort(), [...documented].sort());
    assert.ok(spec.components.schemas.IngestBody.properties.pages, 'request schema generated from zod');
  });

  it('answers unknown API paths with a JSON 404 and sets security headers everywhere', async () => {
    await expectError(await fetch(`${base}/api/nothing-here`), 404);
    for (const path of ['/', '/api/health', '/ingest']) {
      const r = await fetch(base + path);
      assert.equal(r.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    }
  });
});

describe('dateline serve: no token, loopback-only writes', () => {
  let dir: string;
  let srv: RunningServer;
  let site: Server;
  let siteUrl: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-http-open-'));
    // allowPrivate lets this server fetch the local page below; the default refuses it.
    srv = await startServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'open.db'), allowPrivate: true });
    site = createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(HARBOUR_HTML.replace('Sunday', 'Saturday'));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  after(async () => {
    await srv.close();
    await new Promise((r) => site.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a write from localhost and fetches URLs (private allowed here)', async () => {
    const r = await fetch(`${srv.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: [`${siteUrl}/article`, `${siteUrl}/missing`] }) });
    assert.equal(r.status, 202);
    const job = await waitForJob(srv.url, (await r.json()).job);
    assert.equal(job.documents.length, 1);
    assert.equal(job.failures.length, 1);
    assert.match(job.failures[0].reason, /404/);
  });

  it('refuses DNS-rebinding hosts and cross-site origins', async () => {
    const body = JSON.stringify({ pages: [{ text: 'A page.' }] });
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${srv.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    assert.equal(await status({ host: 'attacker.example' }), 403);
    assert.equal(await status({ host: 'localhost' }), 202);
    // Bound to loopback, the server answers no request addressed to another name, reads included.
    const read = await new Promise<number>((resolve, reject) => {
      request(`${srv.url}/api/health`, { headers: { host: 'attacker.example:8080' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(read, 403);
    assert.equal(await status({ origin: 'http://attacker.example' }), 403);
    assert.equal(await status({ 'sec-fetch-site': 'cross-site' }), 403);
    assert.equal(await status({}), 202);
  });
});

describe('ftsQuery', () => {
  it('quotes every term so no FTS5 operator survives', () => {
    assert.equal(ftsQuery('port strike'), '"port" "strike"');
    assert.equal(ftsQuery('"port strike" wage*'), '"port strike" "wage"*');
    assert.equal(ftsQuery('title:ferry AND (x'), '"title ferry" "AND" "x"');
    assert.equal(ftsQuery('*** ()'), null);
  });
});
