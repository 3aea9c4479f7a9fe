import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Runs the built CLI as a user would: a real process, a real SQLite file.
const here = dirname(fileURLToPath(import.meta.url));
const root = [resolve(here, '../..'), resolve(here, '../../..')].find((p) => existsSync(join(p, 'package.json')))!;
const cli = join(root, 'dist/src/surfaces/cli/main.js');
const examples = join(root, 'examples/corpus');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--help lists the commands', () => {
  const r = run(['--help']);
  assert.equal(r.code, 0);
  for (const cmd of ['ingest', 'story', 'show']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
});

test('story over the example corpus: JSON report with the contract fields, stored once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  const db = join(dir, 'test.db');
  const r = run(['story', examples, '--db', db, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.version, 1);
  for (const key of ['documents', 'entities', 'quotes', 'figures', 'times', 'timeline', 'disagreements', 'summary', 'stories']) assert.ok(Array.isArray(report[key]), key);
  assert.equal(report.documents.length, readdirSync(examples).length);
  const html = report.documents.find((d: { source: string }) => d.source.endsWith('03_meridian-wire.html'));
  assert.equal(html.title, 'Deal ends Ellery port strike after 16 days');
  assert.deepEqual(html.authors, ['Tomas Reyes']);
  assert.equal(html.outlet, 'Meridian Wire');
  assert.ok(!html.text.includes('cookies'), 'cookie banner removed');
  assert.ok(!html.text.includes('Share on'), 'share bar removed');
  const gazette = report.documents.find((d: { source: string }) => d.source.endsWith('01_ellery-gazette.txt'));
  assert.equal(gazette.published.date, '2024-10-15');
  assert.equal(gazette.published.updated, '2024-10-16');
  assert.ok(gazette.published.rejected.some((r: { value: string }) => r.value.includes('2025')), 'page clock line rejected');
  assert.ok(!gazette.text.includes('Top 5 Stories'));
  assert.deepEqual(gazette.authors, ['Marta Olsen']);
  const jsonl = report.documents.find((d: { source: string }) => d.source.includes('04_batch.jsonl'));
  assert.equal(jsonl.published.date, '2024-10-17');
  assert.ok(jsonl.published.evidence.some((e: { source: string }) => e.source === 'supplied'));

  // The same pages again: nothing new is stored.
  const again = run(['ingest', examples, '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /0 stored, 4 already stored, 0 failed/);

  const id = report.documents[0].id as string;
  const shown = run(['show', id.slice(0, 8), '--db', db]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(JSON.parse(shown.stdout).id, id);
});

test('bad inputs: one clear line each, the rest still go through, exit code 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bad-'));
  const pages = join(dir, 'pages');
  spawnSync('mkdir', ['-p', pages]);
  copyFileSync(join(examples, '02_coastline-daily.txt'), join(pages, 'good.txt'));
  writeFileSync(join(pages, 'empty.txt'), '');
  writeFileSync(join(pages, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  const db = join(dir, 'test.db');
  const r = run(['ingest', pages, join(dir, 'missing.txt'), '--db', db]);
  assert.equal(r.code, 1);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('dateline: ') && !/stored/.test(l));
  assert.equal(errors.length, 3, r.stderr);
  assert.ok(errors.some((l) => l.includes('empty.txt') && /empty/i.test(l)));
  assert.ok(errors.some((l) => l.includes('image.html') && /binary/i.test(l)));
  assert.ok(errors.some((l) => l.includes('missing.txt')));
  assert.match(r.stdout, /good\.txt/);
});

test('markdown and html reports escape untrusted text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-xss-'));
  const page = join(dir, 'evil.html');
  writeFileSync(page, `<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Harbour news</title></head><body><article><h1>&lt;img src=x onerror=alert(1)&gt; Storm hits the coast</h1><p>The storm &lt;script&gt;alert(2)&lt;/script&gt; hit the northern coast on Monday, cutting power to 4,000 homes, officials said.</p><p>Crews worked through the night to restore lines, and most homes had power again by Tuesday evening.</p></article></body></html>`);
  const db = join(dir, 'x.db');
  const md = run(['story', page, '--db', db, '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.ok(!md.stdout.includes('<script>') && !md.stdout.includes('<img'), 'no raw markup in Markdown');
  const html = run(['story', '--db', db, '--format', 'html']);
  assert.equal(html.code, 0, html.stderr);
  assert.ok(!html.stdout.includes('<script'), 'no script element in HTML report');
  assert.ok(!/<img[^>]*onerror/i.test(html.stdout), 'no live onerror attribute');
  assert.match(html.stdout, /Content-Security-Policy/);
});

test('building a report leaves the documents it was given unchanged', async () => {
  const { openSqliteStore } = await import('../../src/store/index.js');
  const { buildReport } = await import('../../src/surfaces/report/build.js');
  const dir = mkdtempSync(join(tmpdir(), 'dateline-pure-'));
  const db = join(dir, 'p.db');
  assert.equal(run(['ingest', examples, '--db', db]).code, 0);
  const store = openSqliteStore(db);
  const docs = store.listDocuments().map((d) => store.getDocument(d.id)!.doc);
  const before = JSON.stringify(docs);
  const first = buildReport(docs);
  assert.equal(JSON.stringify(docs), before);
  const second = buildReport(docs);
  assert.deepEqual({ ...second, generatedAt: '' }, { ...first, generatedAt: '' });
  store.close();
});

test('summary length and timeline size are configurable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-opts-'));
  const db = join(dir, 'o.db');
  const r = run(['story', examples, '--db', db, '--format', 'json', '--summary', '2', '--events', '3']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  for (const story of report.stories) {
    assert.ok(report.summary.filter((s: { story: string }) => s.story === story.id).length <= 2);
    assert.ok(report.timeline.filter((e: { story: string }) => e.story === story.id).length <= 3);
  }
  assert.ok(report.summary.length >= 1);
  assert.equal(run(['story', '--db', db, '--summary', 'many']).code, 2);
});
