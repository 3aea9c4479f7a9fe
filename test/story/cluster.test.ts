import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures } from './helpers.js';
import type { Doc } from '../../src/core/doc.js';
import { StoryClusterer, clusterDocuments, docFeatures, findCopies } from '../../src/story/cluster.js';
import { containment, shingles } from '../../src/story/similarity.js';

/** The mixed corpus in test/fixtures/stories, found from src or dist alike. */

const docs = fixtures();
const name = new Map([...docs].map(([k, d]) => [d.id, k]));

test('the mixed corpus splits into its stories, the noise page alone', () => {
  const { stories } = clusterDocuments([...docs.values()]);
  const groups = stories.map((s) => s.documents.map((id) => name.get(id)!).sort()).sort((a, b) => b.length - a.length);
  assert.deepEqual(groups, [
    ['ferry-islanders-undated', 'ferry-port-responds', 'ferry-strike-announced', 'ferry-strike-begins', 'ferry-strike-begins-copy'],
    ['library-fire', 'library-fire-cause'],
    ['noise-garden-show'],
  ]);
});

test('a syndicated copy is a near-duplicate of its original, and nothing else is', () => {
  const { placements } = clusterDocuments([...docs.values()]);
  const copies = placements.filter((p) => p.duplicateOf).map((p) => [name.get(p.doc), name.get(p.duplicateOf!)]);
  assert.equal(copies.length, 1);
  assert.deepEqual(copies[0].sort(), ['ferry-strike-begins', 'ferry-strike-begins-copy']);
  assert.match(placements.find((p) => p.duplicateOf)!.why, /copy of .* shingles shared/);
  const begins = docs.get('ferry-strike-begins')!;
  const responds = docs.get('ferry-port-responds')!;
  assert.ok(containment(shingles(begins.text), shingles(docs.get('ferry-strike-begins-copy')!.text)) > 0.9);
  assert.ok(containment(shingles(begins.text), shingles(responds.text)) < 0.3, 'two reports of one story are not copies');
  assert.deepEqual(Object.values(findCopies([begins, docs.get('ferry-strike-begins-copy')!, responds])).map((id) => name.get(id)), ['ferry-strike-begins']);
});

test('clustering is incremental: placing a new article never moves an earlier one', () => {
  const clusterer = new StoryClusterer();
  const ordered = [...docs.values()].sort((a, b) => (a.facts.published.date ?? '9').localeCompare(b.facts.published.date ?? '9'));
  const seen: [string, string][] = [];
  for (const d of ordered) {
    const placement = clusterer.add(docFeatures(d));
    assert.ok(placement.why.length > 0);
    for (const [id, story] of seen) assert.equal(clusterer.storyOf(id), story, `${name.get(id)} stayed in its story`);
    seen.push([d.id, placement.story]);
  }
  assert.equal(clusterer.all().length, 3);
});

test('the outlet naming itself does not link its unrelated articles', () => {
  const f = docFeatures(docs.get('noise-garden-show')!);
  assert.ok(![...f.entities.keys()].some((k) => k.includes('midshireecho')));
});
