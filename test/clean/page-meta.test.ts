import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../../src/clean/html/parse.js';
import { readPageMeta } from '../../src/clean/html/page-meta.js';

const PAGE = `<!doctype html>
<html lang="de-DE"><head>
<meta charset="utf-8">
<title>Brücke wird saniert | Lokalblatt</title>
<meta property="og:title" content="Brücke wird saniert">
<meta property="article:published_time" content="2021-04-12T07:30:00+02:00">
<meta name="Author" content="Karla Beispiel">
<meta http-equiv="Content-Language" content="de">
<link rel="canonical" href="https://lokalblatt.example/2021/04/12/bruecke/">
<script type="application/ld+json">
{ "@context": "https://schema.org", "@graph": [
  { "@type": "WebSite", "name": "Lokalblatt" },
  { "@type": "NewsArticle", "headline": "Brücke wird saniert", "datePublished": "2021-04-12T07:30:00+02:00", },
] }
</script>
<script>var generated = "2024-01-01";</script>
</head><body>
<header class="site-header"><nav>Start</nav></header>
<article class="post">
  <h1>Brücke wird saniert</h1>
  <div class="entry-meta">Von Karla Beispiel, <time datetime="2021-04-12T07:30:00+02:00">12. April 2021</time></div>
  <p>Die alte Brücke wird ab Mai gesperrt.</p>
</article>
</body></html>`;

test('readPageMeta: meta tags with lowercased keys and tag offsets', () => {
  const pm = readPageMeta(parseHtml(PAGE), PAGE);
  const pub = pm.meta.find((m) => m.key === 'article:published_time');
  assert.ok(pub);
  assert.equal(pub.value, '2021-04-12T07:30:00+02:00');
  assert.ok(PAGE.slice(pub.start, pub.end).startsWith('<meta property="article:published_time"'));
  assert.ok(pm.meta.some((m) => m.key === 'author' && m.value === 'Karla Beispiel'));
  assert.ok(pm.meta.some((m) => m.key === 'content-language'));
});

test('readPageMeta: lenient JSON-LD (trailing commas) with @graph kept as parsed', () => {
  const pm = readPageMeta(parseHtml(PAGE), PAGE);
  assert.equal(pm.jsonld.length, 1);
  const v = pm.jsonld[0].value as { '@graph': { '@type': string; datePublished?: string }[] };
  assert.equal(v['@graph'][1].datePublished, '2021-04-12T07:30:00+02:00');
  assert.ok(PAGE.slice(pm.jsonld[0].start, pm.jsonld[0].end).startsWith('<script type="application/ld+json">'));
});

test('readPageMeta: title, canonical, lang, h1 and time elements with context', () => {
  const pm = readPageMeta(parseHtml(PAGE), PAGE);
  assert.equal(pm.title?.value, 'Brücke wird saniert | Lokalblatt');
  assert.equal(pm.canonical, 'https://lokalblatt.example/2021/04/12/bruecke/');
  assert.equal(pm.lang, 'de-DE');
  assert.deepEqual(pm.h1.map((h) => h.value), ['Brücke wird saniert']);
  assert.equal(PAGE.slice(pm.h1[0].start, pm.h1[0].end), '<h1>Brücke wird saniert</h1>');
  const t = pm.times.find((x) => x.datetime === '2021-04-12T07:30:00+02:00');
  assert.ok(t);
  assert.equal(t.text, '12. April 2021');
  assert.match(t.context, /entry-meta/);
  assert.match(t.context, /article post/);
});

test('readPageMeta: scripts other than JSON-LD are not read, broken markup does not throw', () => {
  const pm = readPageMeta(parseHtml(PAGE), PAGE);
  assert.ok(!pm.times.some((x) => x.text.includes('2024')));
  const broken = '<html><head><meta name="date" content="2020-02-02"><title>x</head><body><h1>Hi<p>there';
  const pb = readPageMeta(parseHtml(broken), broken);
  assert.equal(pb.meta[0].key, 'date');
  assert.equal(pb.canonical, null);
});

test('readPageMeta: extractor hints take JSON-LD only as written, and read unrendered markup', () => {
  // PAGE's only JSON-LD block needs a repair (trailing commas): dates get it, the extractor does not.
  const pm = readPageMeta(parseHtml(PAGE), PAGE);
  assert.equal(pm.article.ldHeadline, null);
  assert.equal(pm.article.title, 'Brücke wird saniert | Lokalblatt');
  assert.equal(pm.article.ogTitle, 'Brücke wird saniert');
  const body = 'Die alte Brücke wird ab Mai gesperrt. '.repeat(8).trim();
  const hidden = `<html><body><noscript><script type="application/ld+json">{"@type":"NewsArticle","headline":"Im Noscript","articleBody":"${body}"}</script></noscript></body></html>`;
  const ph = readPageMeta(parseHtml(hidden), hidden);
  assert.equal(ph.jsonld.length, 0);
  assert.equal(ph.article.ldHeadline, 'Im Noscript');
  assert.equal(ph.article.ldBody, body);
  assert.equal(ph.article.ldTruncated, false);
  assert.ok(hidden.slice(ph.article.ldRange!.start, ph.article.ldRange!.end).startsWith('<script'));
});
