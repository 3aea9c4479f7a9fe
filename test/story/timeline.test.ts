import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures } from './helpers.js';
import { type Doc, type Span, emptyFacts } from '../../src/core/doc.js';
import { analyseStory } from '../../src/story/index.js';
import { buildTimeline } from '../../src/story/timeline.js';


/** A hand-annotated Doc: sentences split on blank lines, time spans located by their text. */
function docWith(id: string, text: string, published: string | null, confidence: number, times: [string, string, 'day' | 'month', 'published' | 'none'][]): Doc {
  const spans: Span[] = [];
  let at = 0;
  for (const para of text.split('\n\n')) {
    spans.push({ kind: 'sentence', start: at, end: at + para.length });
    at += para.length + 2;
  }
  let from = 0;
  for (const [surface, value, granularity, anchor] of times) {
    const start = text.indexOf(surface, from);
    assert.ok(start >= 0, surface);
    spans.push({ kind: 'time', start, end: start + surface.length, value, granularity, anchor, tense: 'past' });
    from = start + 1;
  }
  const facts = emptyFacts();
  facts.published = { date: published, datetime: null, updated: null, earliest: published, latest: published, confidence };
  return { id, raw: { source: id, url: null, format: 'text', encoding: 'utf-8', encodingEvidence: '', fetchedAt: '2025-06-01T00:00:00Z' }, rawText: text, text, spans, facts };
}

const docs = fixtures();
const ferry = ['ferry-strike-announced', 'ferry-strike-begins', 'ferry-strike-begins-copy', 'ferry-port-responds', 'ferry-islanders-undated'].map((k) => docs.get(k)!);
const story = analyseStory(ferry);
const name = new Map([...docs].map(([k, d]) => [d.id, k]));

test('the strike day is on the timeline, reported by several sources, each citation slicing its text', () => {
  const day = story.timeline.find((e) => e.date === '2025-03-04');
  assert.ok(day, 'the strike began on Tuesday 4 March');
  assert.equal(day!.granularity, 'day');
  assert.ok(day!.sources.length >= 3, `sources: ${day!.sources.map((s) => name.get(s)).join(', ')}`);
  assert.ok(!day!.sources.includes(docs.get('ferry-strike-begins-copy')!.id), 'a syndicated copy is not another source');
  for (const s of [...day!.sentences, ...day!.citations]) {
    const doc = ferry.find((d) => d.id === s.doc)!;
    assert.equal(doc.text.slice(s.start, s.end), s.text);
    assert.doesNotMatch(s.text, /^FENWICK, March 5/, 'the wire dateline is not part of the cited sentence');
  }
  assert.ok(story.timeline.some((e) => e.date === '2025-03-03'), 'the strike was announced on Monday');
});

test('no events from captions, publication stamps or wire datelines', () => {
  assert.ok(!story.timeline.some((e) => e.date === '2025-02-28'), 'the photo caption date is not an event');
  for (const e of story.timeline) {
    for (const s of e.sentences) assert.doesNotMatch(s.text, /\bphoto\b|^Published\b/i);
  }
  const stampOnly = docWith('stamp', 'Published Tuesday 4 March 2025\n\nThe ferry crews walked out over rotas and pay on the island crossings.', '2025-03-04', 0.9, [['Tuesday 4 March 2025', '2025-03-04', 'day', 'none']]);
  assert.deepEqual(buildTimeline([stampOnly], { minScore: 0 }), []);
  const caption = docWith('caption', 'Ferry crews picket the terminal gates in this 28 February 2025 photo.', '2025-03-04', 0.9, [['28 February 2025', '2025-02-28', 'day', 'none']]);
  assert.deepEqual(buildTimeline([caption], { minScore: 0 }), []);
});

test('dates resolved against an untrusted publication date resolve nothing', () => {
  const undated = docWith('undated', 'The ferry crews walked out on Tuesday over new rotas on the island crossings.', '2025-03-05', 0.3, [['Tuesday', '2025-03-04', 'day', 'published']]);
  assert.deepEqual(buildTimeline([undated], { minScore: 0 }), []);
});

test('a month mention that repeats a day event of the same sentence merges into it', () => {
  const a = docWith('a', 'The ferry strike that began in March on Tuesday 4 March 2025 closed the island crossings.', '2025-03-06', 0.9, [
    ['March', '2025-03', 'month', 'none'],
    ['Tuesday 4 March 2025', '2025-03-04', 'day', 'none'],
  ]);
  const b = docWith('b', 'Island shops ran short after the ferry crews walked out on Tuesday 4 March 2025 over rotas.', '2025-03-05', 0.9, [['Tuesday 4 March 2025', '2025-03-04', 'day', 'none']]);
  const tl = buildTimeline([a, b], { minScore: 0 });
  assert.deepEqual(tl.map((e) => [e.date, e.granularity]), [['2025-03-04', 'day']]);
  assert.deepEqual(tl[0].sources.sort(), ['a', 'b']);
});

test('maxEvents and sentencesPerEvent bound the timeline', () => {
  const tl = buildTimeline(ferry, { maxEvents: 1, sentencesPerEvent: 1 });
  assert.equal(tl.length, 1);
  assert.equal(tl[0].date, '2025-03-04', 'the best-supported day comes first');
  assert.equal(tl[0].sentences.length, 1);
});
