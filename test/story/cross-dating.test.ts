import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures, page } from './helpers.js';
import type { Doc } from '../../src/core/doc.js';
import { type DateCandidateSpan, spansOf } from '../../src/core/doc.js';
import { annotateLanguage } from '../../src/language/annotate.js';
import { applyCrossDating, contextWords, crossDate } from '../../src/story/cross-dating.js';
import { eventStem } from '../../src/story/similarity.js';



const docs = fixtures();

test('each date in a list of dated events gets its own words', () => {
  const d = page('Ministers', '2025-01-10', ['The ministers met in Lisbon in June 2021, in Tallinn in February 2022 and at Oulu in June 2023.']);
  const at = d.text.indexOf('February 2022');
  const words = contextWords(d, at, at + 'February 2022'.length);
  // Keys are event stems (first five letters), so "Tallinn" and "Tallinn's" match.
  assert.ok((words.get(eventStem('tallinn')) ?? 0) > (words.get(eventStem('lisbon')) ?? 0), JSON.stringify([...words]));
  assert.ok((words.get(eventStem('tallinn')) ?? 0) > (words.get(eventStem('oulu')) ?? 0), JSON.stringify([...words]));
});

test('an undated article is bounded from the dated ones that report the same event', () => {
  const ferry = ['ferry-strike-announced', 'ferry-strike-begins', 'ferry-port-responds', 'ferry-islanders-undated'].map((k) => docs.get(k)!);
  const undated = docs.get('ferry-islanders-undated')!;
  assert.equal(undated.facts.published.date, null);
  const datings = crossDate(ferry);
  const mine = datings.find((c) => c.doc === undated.id);
  assert.ok(mine, 'bounded');
  // The strike began on Tuesday 4 March: the page was written that day or within the week.
  assert.equal(mine!.earliest, '2025-03-04');
  assert.ok(mine!.latest >= '2025-03-04' && mine!.latest <= '2025-03-10');
  assert.ok(mine!.matches.every((m) => m.resolved === '2025-03-04'));
  applyCrossDating(ferry, datings);
  assert.equal(undated.facts.published.earliest, '2025-03-04');
  assert.ok(undated.facts.published.confidence < 0.5, 'a bound is not a trusted date');
  const corpus = spansOf(undated, 'date-candidate').filter((c) => c.source === 'corpus');
  assert.ok(corpus.length >= 1 && corpus.every((c) => undated.text.slice(c.start, c.end) === 'Tuesday'));
  const tuesday = spansOf(undated, 'time').find((t) => undated.text.slice(t.start, t.end) === 'Tuesday');
  assert.equal(tuesday?.value, '2025-03-04');
  assert.equal(tuesday?.anchor, 'corpus');
});

test('a low-confidence date that the corpus bound excludes is rejected, with the reason', () => {
  const ferry = ['ferry-strike-announced', 'ferry-strike-begins', 'ferry-port-responds'].map((k) => docs.get(k)!);
  const wrong = page('Islanders', '2025-03-06', [
    'The strike by ferry crews at the Fenwick terminal began on Tuesday, halting most sailings on the Orla Sound crossings.',
    'The Harbour Crews Union said on Monday that deckhands would walk out after talks over new rotas broke down.',
  ]);
  const template: DateCandidateSpan = { kind: 'date-candidate', source: 'meta', value: '2025-01-10', date: '2025-01-10', role: 'published', start: 0, end: 0, in: 'raw', score: 0.3 };
  wrong.spans = [...wrong.spans.filter((s) => s.kind !== 'date-candidate'), template];
  wrong.facts.published = { date: '2025-01-10', datetime: null, updated: null, earliest: '2025-01-10', latest: '2025-01-10', confidence: 0.3 };
  annotateLanguage(wrong);
  const all = [...ferry, wrong];
  const datings = crossDate(all);
  const mine = datings.find((c) => c.doc === wrong.id);
  assert.ok(mine?.rejects, 'rejected');
  applyCrossDating(all, datings);
  assert.equal(wrong.facts.published.date, null);
  assert.ok(wrong.facts.published.earliest! >= '2025-03-04');
  assert.match(template.rejected ?? '', /contradicted by other documents/);
  assert.ok(spansOf(wrong, 'time').some((t) => t.value === '2025-03-04' && t.anchor === 'corpus'));
});

test('a confident date is never overruled', () => {
  const ferry = ['ferry-strike-announced', 'ferry-strike-begins', 'ferry-port-responds'].map((k) => docs.get(k)!);
  assert.deepEqual(crossDate(ferry).filter((c) => c.rejects), []);
});
