import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../src/surfaces/http/index.js';

// The seed story end to end in a real browser: the five seed pages (read from ../shared at
// run time, never copied here) go in through the API, and a timeline event on the story
// page leads to its passage, highlighted in the document's cleaned text.

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'seed-test-token-0123456789';
const here = dirname(fileURLToPath(import.meta.url));
const root = [resolve(here, '../..'), resolve(here, '../../..')].find((p) => existsSync(join(p, 'package.json')))!;
const seeds = resolve(process.env.DATELINE_SHARED ?? resolve(root, '../shared'), 'seeds');

test('seed story: ingest through the API, click a timeline event, see its passage highlighted', { skip: existsSync(seeds) ? false : `no seed corpus at ${seeds}` }, async () => {
  assert.ok(existsSync(CHROMIUM), `the web UI tests need Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-seeds-'));
  const srv = await startServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'seeds.db'), token: TOKEN });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const pages = readdirSync(seeds)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ({ text: readFileSync(join(seeds, f), 'utf8') }));
    const posted = await fetch(`${srv.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ pages }) });
    assert.equal(posted.status, 202);
    const { job } = await posted.json();
    let state: { state: string; documents: string[]; failures: unknown[] } = { state: 'queued', documents: [], failures: [] };
    for (let i = 0; i < 1200 && state.state !== 'done' && state.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await (await fetch(`${srv.url}/api/jobs/${job}`)).json();
    }
    assert.equal(state.state, 'done');
    assert.deepEqual(state.failures, []);
    assert.equal(state.documents.length, pages.length);

    const { stories } = await (await fetch(`${srv.url}/api/stories`)).json();
    const story = stories.sort((a: { documents: string[] }, b: { documents: string[] }) => b.documents.length - a.documents.length)[0];
    const report = await (await fetch(`${srv.url}/api/stories/${story.id}`)).json();
    assert.ok(report.timeline.length > 0, 'the seed story has a timeline');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${srv.url}/stories/${story.id}`);
    const link = page.locator('ol.timeline a.event-link').first();
    const href = (await link.getAttribute('href'))!;
    const m = /^\/documents\/([0-9a-f]{16})\?hl=(\d+)-(\d+)#span-\2-\3$/.exec(href);
    assert.ok(m, `timeline link format: ${href}`);
    const [, doc, start, end] = m;
    assert.ok(
      report.timeline.some((e: { sentences: { doc: string; start: number; end: number }[] }) => e.sentences.some((s) => s.doc === doc && s.start === Number(start) && s.end === Number(end))),
      'the link cites a sentence of the timeline',
    );
    await link.click();
    await page.waitForURL(`**/documents/${doc}?hl=${start}-${end}#span-${start}-${end}`);
    const expected = (await (await fetch(`${srv.url}/api/documents/${doc}`)).json()).text.slice(Number(start), Number(end));
    const shown = await page.evaluate((id) => {
      const first = document.getElementById(id);
      if (!first) return '';
      return [first, ...Array.from(document.querySelectorAll(`mark[data-for="${id}"]`))].map((p) => p.textContent ?? '').join('');
    }, `span-${start}-${end}`);
    assert.equal(shown, expected);
    await page.close();
  } finally {
    await browser.close();
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
