import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/surfaces/http/index.js';

// The web UI in a real browser (Debian's chromium; CI installs it). Pages are invented for
// this test: one story told by four outlets, one of them a raw page dump with its menus.

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'web-test-token-0123456789';
const here = dirname(fileURLToPath(import.meta.url));
const root = [resolve(here, '../..'), resolve(here, '../../..')].find((p) => existsSync(join(p, 'package.json')))!;
const SHOTS = process.env.DATELINE_SCREENSHOTS === '1' ? join(root, 'docs/screenshots') : null;

const CORPUS = [
  {
    url: 'https://northvale-herald.example/news/millbrook-bridge-closed',
    published: '2025-03-04',
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Millbrook bridge closed after flood damage | Northvale Herald</title>
<meta property="og:site_name" content="Northvale Herald"><meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2025-03-04T07:30:00Z"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<article><h1>Millbrook bridge closed after flood damage</h1><p class="byline">By Lena Marsh</p>
<p>The Old Mill Bridge in Millbrook was closed on Monday after engineers found cracks in two of its piers, the town council said.</p>
<p>Council leader Maria Costa said repairs would cost 2.4 million euros and take at least six months.</p>
<p>"We will not reopen a bridge that is not safe," Costa told reporters at the town hall.</p>
<p>The bridge carries about 9,000 vehicles a day and was last repaired in 2019.</p>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Storm warning for Northvale</a></li></ul></aside>
<footer><p>© 2025 Northvale Herald</p></footer></body></html>`,
  },
  {
    url: 'https://riverside-post.example/local/2025/03/05/guild-disputes-bridge-estimate',
    text: `Riverside Post
Home
News
Local
Business
Weather
Subscribe
Log in
Local
Guild disputes council's bridge repair estimate
Published: 5 March 2025 11:20
By Tomas Vey
Share on Facebook
Share on X

The Civil Engineers Guild said on Tuesday that repairs to the Old Mill Bridge in Millbrook would cost at least 4 million euros, far more than the council's estimate of 2.4 million euros.

"The council's figure leaves out the foundations entirely," said guild spokesman Pieter Hals.

Council leader Maria Costa denied that the council had underestimated the damage and said the estimate came from independent inspectors.

A temporary footbridge is due to open on March 20, according to the council.

Related stories
Ferry timetable changes for spring
Northvale school wins robotics prize
Most popular
1 Storm warning for the coast
2 New cycle lanes approved
© 2025 Riverside Post. All rights reserved.
Privacy | Cookies | Contact`,
  },
  {
    url: 'https://valleywire.example/millbrook-footbridge',
    published: '2025-03-07',
    html: `<!doctype html><html><head><title>Temporary footbridge for Millbrook to open on March 20 - Valley Wire</title>
<meta property="og:site_name" content="Valley Wire"></head><body>
<div class="cookie">We use cookies. <button>Accept</button></div>
<main><article><h1>Temporary footbridge for Millbrook to open on March 20</h1>
<p>Millbrook will get a temporary footbridge across the river on March 20, council leader Maria Costa said on Thursday.</p>
<p>Costa said the Old Mill Bridge itself would reopen to traffic by September if repairs go to plan.</p>
<p>"Shops on both banks have lost customers every day since the closure," said Millbrook trader Ada Novak.</p>
</article></main></body></html>`,
  },
  {
    url: 'https://northvale-herald.example/news/millbrook-bridge-traders',
    published: '2025-03-10',
    html: `<html><head><title>Millbrook traders count cost of bridge closure | Northvale Herald</title>
<meta property="og:site_name" content="Northvale Herald"></head><body><article>
<h1>Millbrook traders count cost of bridge closure</h1>
<p>Traders in Millbrook said on Monday that sales had fallen by a third since the Old Mill Bridge closed on March 3.</p>
<p>Maria Costa, the council leader, said a support fund of 150,000 euros would open for applications on March 17.</p>
<p>The Civil Engineers Guild repeated its warning that repairs could cost 4 million euros.</p>
</article></body></html>`,
  },
];

// Every way article text could try to become markup or script.
const PAYLOAD_TITLE = `<img src=x onerror="window.__pwned='title'">Bridge <script>window.__pwned='title-script'</script>`;
const PAYLOAD_TEXT = `Millbrook bridge payload check
<script>window.__pwned = 'body-script'; alert('body')</script>
The council said on Monday that <img src=x onerror="window.__pwned='img';alert('img')"> repairs continue.
Read more at <a href="javascript:window.__pwned='link';alert('link')">this link</a> or javascript:alert('bare').
"<svg onload=alert('svg')>" said Maria Costa.`;
const PAYLOAD_HTML = `<html><head><title>Payload &lt;script&gt;alert('t')&lt;/script&gt; test</title></head><body><article>
<h1>Payload <em>check</em></h1>
<p>A paragraph with an escaped tag &lt;img src=x onerror="window.__pwned='entity'"&gt; inside it, reported on Monday.</p>
<p><a href="javascript:window.__pwned='href'">A javascript link</a> and <script>window.__pwned='inline'</script> a script.</p>
</article></body></html>`;

interface Watch {
  problems: string[];
  dialogs: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { problems: [], dialogs: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => w.problems.push(`page error: ${e.message}`));
  // CSP violations and failed asset loads are console errors: the pages must produce none.
  page.on('console', (m) => {
    if (m.type() === 'error') w.problems.push(`console: ${m.text()}`);
  });
  return w;
}

async function postJson(base: string, body: unknown): Promise<string> {
  const r = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  assert.equal(r.status, 202, await r.clone().text());
  return (await r.json()).job;
}

async function finish(base: string, job: string) {
  for (let i = 0; i < 600; i++) {
    const j = await (await fetch(`${base}/api/jobs/${job}`)).json();
    if (j.state === 'done' || j.state === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${job} did not finish`);
}

/** The text a highlighted passage shows, continuation pieces of a crossed mark included. */
async function passageText(page: Page, id: string): Promise<string> {
  return page.evaluate((markId) => {
    const first = document.getElementById(markId);
    if (!first) return '';
    const pieces = [first, ...Array.from(document.querySelectorAll(`mark[data-for="${markId}"]`))];
    return pieces.map((p) => p.textContent ?? '').join('');
  }, id);
}

describe('web UI in chromium', () => {
  let dir: string;
  let srv: RunningServer;
  let base: string;
  let browser: Browser;
  let storyId: string;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`the web UI tests need Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
    }
    dir = mkdtempSync(join(tmpdir(), 'dateline-web-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'web.db'), token: TOKEN });
    base = srv.url;
    const job = await finish(base, await postJson(base, { pages: CORPUS }));
    assert.deepEqual(job.failures, []);
    assert.equal(job.documents.length, CORPUS.length);
    const { stories } = await (await fetch(`${base}/api/stories`)).json();
    storyId = stories.find((s: { title: string | null }) => /millbrook|bridge/i.test(s.title ?? ''))?.id ?? stories[0].id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('story list → story page → a timeline event → its passage highlighted and focused', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(`${base}/`);
    assert.equal(await page.locator('h1').textContent(), 'Stories');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'story-list.png'), fullPage: true });
    await page.locator(`a[href="/stories/${storyId}"]`).click();
    await page.waitForURL(`**/stories/${storyId}`);
    for (const heading of ['Summary', 'Timeline', 'People, organisations and places', 'Quotes by speaker', 'Figures', 'Where sources disagree']) {
      assert.equal(await page.locator('h2', { hasText: heading }).count(), 1, heading);
    }
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: true });

    const report = await (await fetch(`${base}/api/stories/${storyId}`)).json();
    const cited = new Set<string>();
    for (const e of report.timeline) for (const s of e.sentences) cited.add(`${s.doc}:${s.start}-${s.end}`);
    const events = page.locator('ol.timeline a.event-link');
    // The timeline depends on dates the language layer resolves; fall back to any fact.
    const link = (await events.count()) > 0 ? events.first() : page.locator('main a.fact').first();
    const href = (await link.getAttribute('href'))!;
    const m = /^\/documents\/([0-9a-f]{16})\?hl=(\d+)-(\d+)#span-\2-\3$/.exec(href);
    assert.ok(m, `fact link format: ${href}`);
    const [, doc, start, end] = m;
    if ((await events.count()) > 0) assert.ok(cited.has(`${doc}:${start}-${end}`), 'the event cites a sentence of the report');

    await link.click();
    await page.waitForURL(`**/documents/${doc}?hl=${start}-${end}#span-${start}-${end}`);
    const markId = `span-${start}-${end}`;
    const expected = (await (await fetch(`${base}/api/documents/${doc}`)).json()).text.slice(Number(start), Number(end));
    assert.ok(expected.length > 0);
    assert.equal(await passageText(page, markId), expected);
    await page.waitForFunction((id) => document.activeElement?.id === id, markId);
    assert.match((await page.locator(`#${markId}`).getAttribute('class')) ?? '', /\btarget\b/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'document.png'), fullPage: false });
    assert.deepEqual(w.problems, []);
    await page.close();
  });

  it('the document fact list moves focus to each fact’s passage', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    const { documents } = await (await fetch(`${base}/api/documents`)).json();
    const target = documents.find((d: { outlet: string | null }) => d.outlet === 'Riverside Post') ?? documents[0];
    await page.goto(`${base}/documents/${target.id}`);
    const facts = page.locator('nav.fact-list a.fact[data-span]');
    assert.ok((await facts.count()) > 0, 'the document has facts');
    const api = (await (await fetch(`${base}/api/documents/${target.id}`)).json()) as { text: string };
    for (const i of [0, (await facts.count()) - 1]) {
      const fact = facts.nth(i);
      const id = (await fact.getAttribute('data-span'))!;
      await fact.click();
      await page.waitForFunction((x) => document.activeElement?.id === x, id);
      const [, s, e] = /^span-(\d+)-(\d+)$/.exec(id)!;
      assert.equal(await passageText(page, id), api.text.slice(Number(s), Number(e)));
      assert.equal(new URL(page.url()).hash, `#${id}`);
    }
    assert.equal(await page.locator('a[href$="/raw"]').first().getAttribute('href'), `/documents/${target.id}/raw`);
    const raw = await page.request.get(`${base}/api/documents/${target.id}/raw`);
    assert.match(raw.headers()['content-disposition'] ?? '', /attachment/);
    assert.deepEqual(w.problems, []);
    await page.close();
  });

  it('the timeline is keyboard-operable and the page has landmarks and a skip link', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(`${base}/stories/${storyId}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    for (const sel of ['header', 'nav[aria-label="Main"]', 'main', 'footer', 'form[role="search"]']) assert.equal(await page.locator(sel).count(), 1, sel);
    const events = page.locator('ol.timeline a.event-link');
    const n = await events.count();
    if (n >= 2) {
      await events.first().focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('li.event')?.id), 'ev-2');
      await page.keyboard.press('End');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('li.event')?.id), `ev-${n}`);
      await page.keyboard.press('Home');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('li.event')?.id), 'ev-1');
    }
    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 375px`);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'story-phone.png'), fullPage: false });
    assert.deepEqual(w.problems, []);
    await page.close();
  });

  it('the ingest form adds a page and shows the job’s progress', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(`${base}/ingest`);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ingest.png'), fullPage: true });
    await page.getByLabel('Page text or HTML').fill('Millbrook footbridge opens early\nThe temporary footbridge in Millbrook opened on March 18, two days early, the council said.');
    await page.getByLabel('Title (optional)').fill('Millbrook footbridge opens early');
    await page.getByLabel('Write token').fill('wrong-token');
    await page.getByRole('button', { name: 'Add pages' }).click();
    assert.match((await page.locator('[role="alert"]').textContent()) ?? '', /invalid token/);
    // What was typed survives the refusal.
    assert.match(await page.getByLabel('Page text or HTML').inputValue(), /footbridge opens early/);
    await page.getByLabel('Write token').fill(TOKEN);
    await page.getByRole('button', { name: 'Add pages' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f]{32}$/);
    await page.locator('#job[data-state="done"]').waitFor({ timeout: 30_000 });
    assert.match((await page.locator('#job-status').textContent()) ?? '', /Finished: 1 new/);
    assert.equal(await page.locator('#job-documents a').count(), 1);
    assert.equal(await page.locator('#job-documents a').textContent(), 'Millbrook footbridge opens early');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'job.png'), fullPage: false });
    // The refused post above is logged by Chrome as a failed load; that one is expected.
    assert.deepEqual(w.problems.filter((p) => !/status of 401/.test(p)), []);
    await page.close();
  });

  it('article markup and script payloads never execute and show as text', async () => {
    const job = await finish(base, await postJson(base, { pages: [{ title: PAYLOAD_TITLE, text: PAYLOAD_TEXT, outlet: '<b>Evil</b> Outlet' }, { html: PAYLOAD_HTML, url: 'https://evil.example/payload' }] }));
    assert.deepEqual(job.failures, []);
    const ids: string[] = job.documents.map((d: { id: string }) => d.id);
    const { stories } = await (await fetch(`${base}/api/stories`)).json();
    const payloadStories = stories.filter((s: { documents: string[] }) => s.documents.some((d) => ids.includes(d)));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    const urls = [
      '/',
      '/documents',
      '/documents?q=payload',
      '/entities',
      ...ids.flatMap((id) => [`/documents/${id}`, `/documents/${id}/raw`]),
      ...payloadStories.map((s: { id: string }) => `/stories/${s.id}`),
    ];
    for (const url of urls) {
      await page.goto(base + url);
      await page.waitForLoadState('load');
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        imgs: document.querySelectorAll('img').length,
        scripts: Array.from(document.scripts).map((s) => s.getAttribute('src')),
        jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
        handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
      }));
      assert.equal(state.pwned, null, `${url}: payload ran`);
      assert.equal(state.imgs, 0, `${url}: an <img> was injected`);
      assert.equal(state.scripts.length, 1, `${url}: only our script`);
      assert.match(state.scripts[0] ?? '', /^\/assets\/app\.js\?v=/);
      assert.equal(state.jsLinks, 0, `${url}: javascript: link`);
      assert.equal(state.handlers, 0, `${url}: event handler attribute`);
    }
    // The payload is still there, as visible text.
    await page.goto(`${base}/documents/${ids[0]}`);
    assert.match((await page.locator('h1').textContent()) ?? '', /<img src=x onerror=/);
    assert.match((await page.locator('.doctext').textContent()) ?? '', /<script>window\.__pwned = 'body-script'/);
    assert.deepEqual(w.dialogs, []);
    assert.deepEqual(w.problems, []);
    await page.close();
  });
});
