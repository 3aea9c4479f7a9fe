import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferPublicationDate, setTextEventSource, builtinEvents, findDates, type DateInput } from '../../src/document/dates/index.js';

// All pages and dumps below are written for these tests; outlets and people are invented.
const FETCHED = '2024-05-04T09:00:00Z';

function html(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function htmlInput(page: string, url: string | null, text: string, extra: Partial<DateInput> = {}): DateInput {
  return { format: 'html', rawText: page, url, text, fetchedAt: FETCHED, ...extra };
}

function dumpInput(dump: string, text: string, extra: Partial<DateInput> = {}): DateInput {
  return { format: 'text', rawText: dump, url: null, text, fetchedAt: FETCHED, ...extra };
}

const BODY_TEXT = 'Harbour cranes stood idle on Tuesday as dock workers walked out over pay.';

test('meta, JSON-LD and URL agree: one date, high confidence, every source in the evidence, zone kept', () => {
  const page = html(
    `<title>Dock strike</title>
     <meta property="article:published_time" content="2019-06-11T10:00:00+02:00">
     <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2019-06-11T10:00:00+02:00","dateModified":"2019-06-12T08:05:00+02:00"}</script>`,
    `<article><h1>Dock strike</h1><p>${BODY_TEXT}</p></article>`,
  );
  const r = inferPublicationDate(htmlInput(page, 'https://port-news.example/2019/06/11/dock-strike/', BODY_TEXT));
  assert.equal(r.published.date, '2019-06-11');
  assert.equal(r.published.datetime, '2019-06-11T10:00:00+02:00');
  assert.equal(r.published.updated, '2019-06-12');
  assert.equal(r.published.updatedDatetime, '2019-06-12T08:05:00+02:00');
  assert.ok(r.published.confidence >= 0.9, `confidence ${r.published.confidence}`);
  const sources = new Set(r.evidence.map((e) => e.source));
  for (const s of ['meta', 'jsonld', 'url']) assert.ok(sources.has(s as never), `missing ${s}`);
  const meta = r.candidates.find((c) => c.source === 'meta')!;
  assert.equal(meta.in, 'raw');
  assert.ok(page.slice(meta.start, meta.end).startsWith('<meta property="article:published_time"'));
  assert.ok(r.candidates.some((c) => c.role === 'updated' && c.date === '2019-06-12'));
});

test('meta and URL disagree: a date is still chosen but confidence drops', () => {
  const page = html(
    `<meta property="article:published_time" content="2019-06-11T10:00:00Z">`,
    `<article><h1>Dock strike</h1><p>${BODY_TEXT}</p></article>`,
  );
  const agree = inferPublicationDate(htmlInput(page, 'https://port-news.example/2019/06/11/dock-strike/', BODY_TEXT));
  const disagree = inferPublicationDate(htmlInput(page, 'https://port-news.example/2018/02/03/dock-strike/', BODY_TEXT));
  assert.ok(disagree.published.date !== null);
  assert.ok(disagree.published.confidence < agree.published.confidence);
});

for (const [name, source] of [['default event source', null], ['built-in event finder', builtinEvents]] as const) {
  test(`template date contradicted by the text is rejected with the reason (${name})`, () => {
    if (source) setTextEventSource(source, 'test');
    try {
      const text = 'Dock strike ends\n\nThe two unions signed the agreement in March 2019 after months of talks. Work resumed the next morning.';
      const page = html(
        `<meta property="article:published_time" content="2014-08-20T12:00:00Z">`,
        `<article><h1>Dock strike ends</h1><p>${text.split('\n\n')[1]}</p></article>`,
      );
      const r = inferPublicationDate(htmlInput(page, 'https://port-news.example/dock-strike-ends', text));
      const meta = r.candidates.find((c) => c.source === 'meta' && c.date === '2014-08-20');
      assert.ok(meta, 'meta candidate kept in the list');
      assert.match(meta.rejected ?? '', /reports "[^"]*March 2019" as past/);
      assert.match(meta.rejected ?? '', /cannot be published before 2019-03-01/);
      assert.ok(r.rejected.some((x) => x.value === '2014-08-20T12:00:00Z' && /as past/.test(x.reason)));
      assert.notEqual(r.published.date, '2014-08-20');
      // Nothing else dates the page: the text bounds it instead, with low confidence.
      assert.equal(r.published.date, null);
      assert.equal(r.published.earliest, '2019-03-01');
      assert.ok(r.published.confidence < 0.5);
    } finally {
      setTextEventSource(null);
    }
  });
}

const KT_DUMP = [
  'The Harbour Ledger',
  'Home',
  'Business',
  'Sat, May 4, 2024 | 08:15',
  'Business',
  'Dock strike ends after unions sign deal',
  'Posted : 2021-03-02 16:40',
  'Updated : 2021-03-03 09:17',
  'Dock workers returned to the cranes on Tuesday after the unions signed a pay deal.',
  'The strike had closed the port for nine days.',
  'Most read',
  '2021-03-01 11:02  |  Business',
  '2021-02-27 08:45  |  Business',
  '2021-02-25 19:30  |  Markets',
  '© 2024 The Harbour Ledger. All rights reserved.',
  'Date of registration : 2015.04.01',
].join('\n');
const KT_TEXT = [
  'Dock strike ends after unions sign deal',
  '',
  'Dock workers returned to the cranes on Tuesday after the unions signed a pay deal.',
  '',
  'The strike had closed the port for nine days.',
].join('\n');

test('dump: Posted/Updated byline gives published and updated, with time of day', () => {
  const r = inferPublicationDate(dumpInput(KT_DUMP, KT_TEXT));
  assert.equal(r.published.date, '2021-03-02');
  assert.equal(r.published.datetime, '2021-03-02T16:40');
  assert.equal(r.published.updated, '2021-03-03');
  assert.equal(r.published.updatedDatetime, '2021-03-03T09:17');
  const posted = r.candidates.find((c) => c.date === '2021-03-02' && c.source === 'byline')!;
  assert.equal(posted.role, 'published');
  assert.equal(posted.in, 'raw');
  assert.equal(KT_DUMP.slice(posted.start, posted.end), 'Posted : 2021-03-02 16:40');
  assert.equal(r.candidates.find((c) => c.date === '2021-03-03')?.role, 'updated');
});

test('dump: the page clock line above the byline is rejected with the reason', () => {
  const r = inferPublicationDate(dumpInput(KT_DUMP, KT_TEXT));
  const clock = r.candidates.find((c) => c.date === '2024-05-04');
  assert.ok(clock, 'clock line is a candidate');
  assert.match(clock.rejected ?? '', /page clock/);
});

test('dump: related-article list, copyright year and registration date do not date the page', () => {
  const r = inferPublicationDate(dumpInput(KT_DUMP, KT_TEXT));
  for (const d of ['2021-03-01', '2021-02-27', '2021-02-25']) {
    const c = r.candidates.find((x) => x.date === d)!;
    assert.match(c.rejected ?? '', /list of other articles/, d);
  }
  assert.match(r.candidates.find((c) => c.date === '2015-04-01')?.rejected ?? '', /registration/);
  assert.ok(r.rejected.some((x) => /©\s*2024/.test(x.value) && /copyright/.test(x.reason)));
  assert.ok(!r.candidates.some((c) => c.date.startsWith('2024-01') && !c.rejected));
});

test('a date after the ingest time is rejected', () => {
  const page = html(
    `<meta property="article:published_time" content="2030-05-17T10:00:00Z">`,
    `<article><h1>Dock strike</h1><p class="byline">Published 3 March 2021</p><p>${BODY_TEXT}</p></article>`,
  );
  const r = inferPublicationDate(htmlInput(page, null, BODY_TEXT));
  const future = r.candidates.find((c) => c.date === '2030-05-17')!;
  assert.match(future.rejected ?? '', /in the future of the ingest time/);
  assert.equal(r.published.date, '2021-03-03');
});

test('copyright year in an HTML footer is ignored', () => {
  const page = html(
    '<title>Dock strike</title>',
    `<article><h1>Dock strike</h1><div class="byline">June 11, 2019 10:00 am EDT</div><p>${BODY_TEXT}</p></article>
     <footer><p>Copyright © 2023 Port News Media, 01.01.2023</p></footer>`,
  );
  const r = inferPublicationDate(htmlInput(page, null, BODY_TEXT));
  assert.equal(r.published.date, '2019-06-11');
  // Time zone abbreviations become offsets.
  assert.equal(r.published.datetime, '2019-06-11T10:00-04:00');
  assert.match(r.candidates.find((c) => c.date === '2023-01-01')?.rejected ?? '', /copyright/);
  assert.ok(r.rejected.some((x) => /copyright year/.test(x.reason)));
});

test('text only: a bounded range from past and future events, low confidence', () => {
  setTextEventSource(builtinEvents, 'test');
  try {
    const text = 'Port talks resume\n\nThe first round of talks was held in February 2019 in Rotterdam. A final vote will take place in June 2020, the unions say.';
    const r = inferPublicationDate(dumpInput(text, text));
    assert.equal(r.published.date, null);
    assert.equal(r.published.earliest, '2019-02-01');
    assert.equal(r.published.latest, '2020-06-30');
    assert.ok(r.published.confidence > 0 && r.published.confidence < 0.5);
    assert.ok(r.evidence.some((e) => e.source === 'text' && e.in === 'text' && text.slice(e.start, e.end).includes('2019')));
  } finally {
    setTextEventSource(null);
  }
});

test('German month names in a byline and a <time> element', () => {
  const dump = 'Lokalblatt\nBrücke wird saniert\nVeröffentlicht am 11. Juni 2019, 16:40 Uhr\nDie alte Brücke wird ab Montag gesperrt.';
  const r = inferPublicationDate(dumpInput(dump, 'Brücke wird saniert\n\nDie alte Brücke wird ab Montag gesperrt.'));
  assert.equal(r.published.date, '2019-06-11');
  assert.equal(r.published.datetime, '2019-06-11T16:40');
  const page = html('<title>Brücke</title>', '<article><h1>Brücke</h1><p class="meta">Stand: <time>3. März 2020</time></p><p>Die alte Brücke wird gesperrt.</p></article>').replace('lang="en"', 'lang="de"');
  assert.equal(inferPublicationDate(htmlInput(page, null, 'Die alte Brücke wird gesperrt.')).published.date, '2020-03-03');
  assert.deepEqual(findDates('am 1. Dezember 2018 und 2. Jänner 2019').map((f) => [f.y, f.m, f.d]), [[2018, 12, 1], [2019, 1, 2]]);
});

test('other languages: French, Spanish, Italian', () => {
  const got = (s: string): string => {
    const f = findDates(s)[0];
    return `${f.y}-${f.m}-${f.d}`;
  };
  assert.equal(got('Publié le 3 mars 2021 à 16h40'), '2021-3-3');
  assert.equal(got('Publicado el 3 de marzo de 2021'), '2021-3-3');
  assert.equal(got('Pubblicato il 12 giugno 2019'), '2019-6-12');
});

test('a "date" placeholder glued to the headline loses to other evidence', () => {
  const dump = ' date 2014-01-01 Second dock strike ends without a deal as talks collapse\nThe talks broke up on Thursday.';
  const text = 'Second dock strike ends without a deal as talks collapse\n\nThe talks broke up on Thursday.';
  const r = inferPublicationDate(dumpInput(dump, text, { supplied: '2019-03-01' }));
  assert.equal(r.published.date, '2019-03-01');
  const placeholder = r.candidates.find((c) => c.date === '2014-01-01')!;
  assert.match(placeholder.rejected ?? '', /glued to the headline|1 January/);
});

test('dates in an HTML related-articles list and in comments are rejected with reasons', () => {
  const page = html(
    '<title>Dock strike</title>',
    `<article><h1>Dock strike</h1><time class="entry-date published" datetime="2019-06-11">June 11, 2019</time><p>${BODY_TEXT}</p>
       <section class="comments"><div class="comment"><span class="comment-date">June 20, 2019</span><p>Good.</p></div></section></article>
     <aside class="related-posts"><ul><li><time datetime="2019-05-02">May 2, 2019</time> Older story</li><li><time datetime="2019-04-11">April 11, 2019</time> Even older</li></ul></aside>`,
  );
  const r = inferPublicationDate(htmlInput(page, null, BODY_TEXT));
  assert.equal(r.published.date, '2019-06-11');
  assert.match(r.candidates.find((c) => c.date === '2019-06-20')?.rejected ?? '', /comment/);
  assert.match(r.candidates.find((c) => c.date === '2019-05-02')?.rejected ?? '', /related articles/);
});

test('epoch placeholders and impossible dates are rejected', () => {
  const page = html(
    '<meta property="article:published_time" content="1970-01-01T00:00:00Z"><meta name="date" content="2019-02-30">',
    `<article><h1>Dock strike</h1><p>${BODY_TEXT}</p></article>`,
  );
  const r = inferPublicationDate(htmlInput(page, 'https://port-news.example/2019/06/11/x', BODY_TEXT));
  assert.match(r.candidates.find((c) => c.date === '1970-01-01')?.rejected ?? '', /placeholder/);
  assert.match(r.candidates.find((c) => c.value === '2019-02-30')?.rejected ?? '', /impossible/);
  assert.equal(r.published.date, '2019-06-11');
});

test('HTTP Last-Modified alone is a weak signal', () => {
  const r = inferPublicationDate(dumpInput('Dock strike\nWorkers walked out.', 'Dock strike\n\nWorkers walked out.', { headers: { 'Last-Modified': 'Tue, 11 Jun 2019 10:00:00 GMT' } }));
  assert.equal(r.published.date, '2019-06-11');
  assert.ok(r.published.confidence < 0.3);
});
