import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHtml } from '../../src/clean/html/parse.js';
import { inferAuthors } from '../../src/document/authors.js';
import { inferOutlet, siteNameFromTitle } from '../../src/document/outlet.js';
import { readPageMeta } from '../../src/clean/html/page-meta.js';
import { checkPersonName, splitByline } from '../../src/document/person-name.js';
import type { FactSources } from '../../src/document/signals.js';
import { inferTitle } from '../../src/document/title.js';

function htmlSources(html: string, url: string | null = null): FactSources {
  const dom = parseHtml(html);
  return { format: 'html', rawText: html, text: '', url, dom, meta: readPageMeta(dom, html) };
}

function dumpSources(raw: string, labels: Record<number, 'content' | 'boilerplate' | 'heading'> = {}): FactSources {
  let start = 0;
  const dumpLines = raw.split('\n').map((value, i) => {
    const line = { value, start, end: start + value.length, in: 'raw' as const, label: labels[i] ?? ('content' as const) };
    start += value.length + 1;
    return line;
  });
  return { format: 'text', rawText: raw, text: raw, url: null, dumpLines };
}

test('person names: real names pass, byline debris does not', () => {
  for (const ok of ['Marta Olsen', 'Kang Seung-woo', 'Ramon Pacheco Pardo', "Siobhan O'Neill", 'J. R. Hartley', 'Ludwig van Beethoven']) {
    assert.equal(checkPersonName(ok).ok, true, ok);
  }
  for (const bad of ['Staff', 'Published 3 hours ago', 'AFP STAFF', '5 min read', 'Reuters Staff', 'Updated March 3', 'The Harbour Times', 'news desk']) {
    assert.equal(checkPersonName(bad).ok, false, bad);
  }
  assert.equal(checkPersonName('Coastline Daily', { outlet: 'Coastline Daily' }).ok, false);
});

test('bylines split into people, trailing roles and places cut', () => {
  assert.deepEqual(splitByline('By Jane Doe and John Roe, Staff Reporters'), ['Jane Doe', 'John Roe']);
  assert.deepEqual(splitByline('by Anna Berg in Oslo'), ['Anna Berg']);
  assert.deepEqual(splitByline('Written by Priya Raman | 4 min read'), ['Priya Raman']);
});

test('html: title agrees across og:title, JSON-LD and <title> minus site name', () => {
  const html = `<html><head><title>Bridge reopens after repairs | Riverside Courier</title>
<meta property="og:title" content="Bridge reopens after repairs">
<meta property="og:site_name" content="Riverside Courier">
<meta name="author" content="Published">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens after repairs","author":[{"@type":"Person","name":"Nora Lindqvist"},{"@type":"Organization","name":"Riverside Courier"}]}</script>
</head><body><h1>Bridge reopens after repairs</h1><p class="byline">By Nora Lindqvist, Staff Writer</p></body></html>`;
  const src = htmlSources(html, 'https://www.riversidecourier.example/news/bridge');
  const outlet = inferOutlet(src).span;
  assert.equal(outlet?.value, 'Riverside Courier');
  const title = inferTitle(src, outlet?.value ?? null);
  assert.equal(title?.value, 'Bridge reopens after repairs');
  assert.ok((title?.evidence ?? []).length >= 3, 'several signals agree');
  const { spans, refused } = inferAuthors(src, outlet?.value ?? null);
  assert.deepEqual(spans.map((s) => s.value), ['Nora Lindqvist']);
  assert.ok(refused.some((r) => r.includes('"Published"')), 'meta author "Published" refused with a reason');
  // Provenance: the author span points at the name in the raw HTML.
  const a = spans[0];
  assert.equal(html.slice(a.start, a.end).includes('Nora Lindqvist'), true);
});

test('dump: heading line is the title, byline beside the date lines is the author, masthead names the outlet', () => {
  const raw = [
    'The Valley Ledger',
    'Menu',
    'The Valley Ledger',
    'Mill closure leaves town searching for answers',
    'Posted : 2023-05-02 10:00',
    'Updated : 2023-05-02 12:30',
    'Oskar Brandt',
    'The paper mill that employed a third of the town will close in August, its owners said on Monday.',
    'Copyright © The Valley Ledger. All rights reserved.',
  ].join('\n');
  const src = dumpSources(raw, { 0: 'boilerplate', 1: 'boilerplate', 2: 'boilerplate', 3: 'heading', 4: 'boilerplate', 5: 'boilerplate', 6: 'boilerplate', 8: 'boilerplate' });
  const outlet = inferOutlet(src).span;
  assert.equal(outlet?.value, 'The Valley Ledger');
  const title = inferTitle(src, outlet?.value ?? null);
  assert.equal(title?.value, 'Mill closure leaves town searching for answers');
  assert.equal(raw.slice(title!.start, title!.end), title!.value);
  assert.deepEqual(inferAuthors(src, outlet?.value ?? null).spans.map((s) => s.value), ['Oskar Brandt']);
});

test('dump: translators and photographers are not authors; captions are not titles', () => {
  const raw = ['Ferry and crew at the harbour. Photo: Coast Guard.', '', 'The ferry service resumed on Sunday after a week of storms.', 'This article was translated by Ines Moreau.'].join('\n');
  const src = dumpSources(raw);
  assert.deepEqual(inferAuthors(src, null).spans, []);
  assert.equal(inferTitle(src, null), null);
});

test('outlet from a "join our channel" prompt and an e-mail domain, else the URL domain', () => {
  const src = dumpSources('Some story text here that is long enough.\nJoin HN\'s Telegram channel and get the latest news.\nopinion@harbournews.example');
  assert.equal(inferOutlet(src).span?.value, 'HN');
  const none = dumpSources('Only text.');
  assert.equal(inferOutlet({ ...none, url: 'https://www.portwatch.example/a/b' }).span?.value, 'portwatch.example');
  assert.equal(siteNameFromTitle('Headline goes here - Site'), 'Site');
});

test('a two-letter outlet name does not absorb an unrelated domain that happens to contain it', () => {
  const src = dumpSources('Some story text here that is long enough.\nJoin ST\'s Telegram channel and get the latest news.');
  const span = inferOutlet({ ...src, url: 'https://www.coastline.example/a' }).span;
  // "st" is inside "coastline": the two must stay separate groups of votes.
  assert.ok(span);
  const mixed = (span.evidence ?? []).some((e) => e.includes('"ST"')) && (span.evidence ?? []).some((e) => e.includes('coastline.example'));
  assert.equal(mixed, false, JSON.stringify(span.evidence));
});
