import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTlsCorpus, readTlsArticle, scoreTlsRun, tlsTask } from '../../bench/lib/tls-corpus.js';
import { bcubed, evaluateTimeline, pairwiseF1 } from '../../src/story/eval/index.js';

const corpus = loadTlsCorpus();

test('corpus: at least three stories, each with 15+ articles in all three formats', () => {
  assert.ok(corpus.stories.length >= 3, `only ${corpus.stories.length} stories`);
  for (const s of corpus.stories) {
    assert.ok(s.articles.length >= 15, `${s.id}: ${s.articles.length} articles`);
    const formats = new Set(s.articles.map((a) => a.format));
    assert.deepEqual([...formats].sort(), ['html', 'jsonl', 'text'], `${s.id} formats`);
    assert.ok(new Set(s.articles.map((a) => a.source)).size >= 3, `${s.id}: fewer than three outlets`);
  }
  assert.ok(corpus.noise.length >= 3, 'noise pages');
});

test('corpus: gold timelines have 8-15 sorted dates inside the span of their articles', () => {
  for (const s of corpus.stories) {
    assert.ok(s.gold.length >= 8 && s.gold.length <= 15, `${s.id}: ${s.gold.length} gold dates`);
    for (let i = 1; i < s.gold.length; i++) {
      assert.ok(s.gold[i - 1].date < s.gold[i].date, `${s.id}: ${s.gold[i - 1].date} !< ${s.gold[i].date}`);
    }
    const first = s.articles[0].published;
    const last = s.articles[s.articles.length - 1].published;
    for (const e of s.gold) {
      assert.ok(e.date >= first && e.date <= last, `${s.id}: ${e.date} outside ${first}..${last}`);
      assert.ok(e.sentences.length >= 1 && e.sentences.every((x) => x.trim().length > 0), `${s.id} ${e.date}: empty entry`);
    }
  }
});

test('corpus: under the standard task window every gold date is still reported by some article', () => {
  // The setup drops articles after the last gold date, so an event reported only the next
  // day would be unreachable by construction.
  for (const s of corpus.stories) {
    const task = tlsTask(s);
    assert.equal(task.dates, s.gold.length);
    assert.ok(task.sentencesPerDate >= 1);
    for (const e of s.gold) {
      assert.ok(task.articles.some((a) => a.published >= e.date), `${s.id}: nothing in the window reports ${e.date}`);
    }
  }
});

test('corpus: clusters partition every article; noise pages are singletons', () => {
  const ids = corpus.articles.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  const flat = corpus.clusters.gold.flat().sort();
  assert.deepEqual(flat, [...ids].sort());
  for (const n of corpus.noise) {
    const c = corpus.clusters.gold.find((g) => g.includes(n.id));
    assert.deepEqual(c, [n.id]);
  }
  assert.equal(corpus.clusters.gold.length, corpus.stories.length + corpus.noise.length);
});

test('corpus: every article reads back; JSONL records parse and carry their id', () => {
  for (const a of corpus.articles) {
    const { text, record } = readTlsArticle(corpus, a);
    assert.ok(text.length > 200, `${a.id}: short`);
    if (a.format === 'jsonl') {
      assert.equal(record?.id, a.record);
      assert.ok(record!.published.startsWith(a.published), `${a.id}: record date ${record!.published} vs ${a.published}`);
    } else if (a.format === 'html') {
      assert.match(text, /<html[\s>]/);
    }
  }
});

test('corpus: syndicated copies reproduce their wire original under another header', () => {
  const synd = corpus.articles.filter((a) => a.syndicatedFrom);
  assert.ok(synd.length >= 2, 'syndicated copies');
  for (const copy of synd) {
    const orig = corpus.articles.find((a) => a.id === copy.syndicatedFrom);
    assert.ok(orig, `${copy.id}: original missing`);
    assert.equal(orig.story, copy.story);
    assert.notEqual(orig.source, copy.source);
    const o = readTlsArticle(corpus, orig);
    const lead = (o.record?.body ?? o.text.replace(/<[^>]+>/g, '\n')).split('\n').find((l) => l.includes('(Ledger Wire)'));
    assert.ok(lead, `${orig.id}: no wire dateline`);
    assert.ok(readTlsArticle(corpus, copy).text.includes(lead.slice(0, 80)), `${copy.id}: lead differs from original`);
  }
});

test('corpus: the page with a stale template meta date shows the real date in its text', () => {
  const stale = corpus.articles.filter((a) => a.templateMetaDate);
  assert.equal(stale.length, 1);
  const a = stale[0];
  const { text } = readTlsArticle(corpus, a);
  assert.ok(text.includes(`content="${a.templateMetaDate}`), 'meta tag carries the stale date');
  assert.notEqual(a.templateMetaDate, a.published);
  const [y, m, d] = a.published.split('-').map(Number);
  const visible = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.ok(text.replace(/,/g, '').includes(visible.replace(/,/g, '')), `visible date "${visible}" not in page`);
});

test('corpus: gold against itself scores 1 on every metric', () => {
  for (const s of corpus.stories) {
    const r = evaluateTimeline(s.gold, s.gold);
    for (const prf of [r.date, r.concat.rouge1, r.concat.rouge2, r.agreement.rouge1, r.agreement.rouge2, r.align_m1.rouge1, r.align_m1.rouge2]) {
      assert.ok(Math.abs(prf.f1 - 1) < 1e-12, `${s.id}: ${JSON.stringify(prf)}`);
    }
  }
  const p = pairwiseF1(corpus.clusters.gold, corpus.clusters.gold);
  assert.equal(p.micro.f1, 1);
  assert.equal(p.macro.f1, 1);
  assert.equal(bcubed(corpus.clusters.gold, corpus.clusters.gold).f1, 1);
});

test('scoreTlsRun: gold scores 1, a missing story scores 0 and pulls the mean down', () => {
  const preds = Object.fromEntries(corpus.stories.map((s) => [s.id, s.gold]));
  const all = scoreTlsRun(corpus, preds);
  assert.equal(all.mean.align_m1.rouge1.f1, 1);
  delete preds[corpus.stories[0].id];
  const k = corpus.stories.length;
  const some = scoreTlsRun(corpus, preds);
  assert.equal(some.perStory[0].scores.date.f1, 0);
  assert.ok(Math.abs(some.mean.date.f1 - (k - 1) / k) < 1e-12);
});
