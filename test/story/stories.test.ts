import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures } from './helpers.js';
import type { Doc } from '../../src/core/doc.js';
import { analyseStories } from '../../src/story/index.js';



const docs = fixtures();
const name = new Map([...docs].map(([k, d]) => [d.id, k]));

test('stories: id, title, documents, entities, first, last and copies', () => {
  const { stories, resolution } = analyseStories([...docs.values()]);
  assert.equal(stories.length, 3);
  const [ferry, library, noise] = stories;
  assert.equal(ferry.documents.length, 5);
  assert.match(ferry.id, /^s-[0-9a-f]{10}$/);
  assert.match(ferry.title ?? '', /ferry/i);
  assert.equal(ferry.first, '2025-03-03');
  assert.equal(ferry.last, '2025-03-06');
  assert.deepEqual(Object.entries(ferry.copies).map(([c, o]) => [name.get(c), name.get(o)]), [['ferry-strike-begins-copy', 'ferry-strike-begins']]);
  const entityNames = ferry.entities.map((id) => resolution.entities.find((e) => e.id === id)?.name ?? '');
  assert.ok(entityNames.some((n) => /Fenwick|Harbour Crews Union|Orla/.test(n)), entityNames.join(', '));
  assert.deepEqual(library.documents.map((d) => name.get(d)).sort(), ['library-fire', 'library-fire-cause']);
  assert.deepEqual(noise.documents.map((d) => name.get(d)), ['noise-garden-show']);
  assert.ok(ferry.timeline.length >= 2 && ferry.summary.length >= 4 && ferry.disagreements.length >= 2);
  assert.equal(noise.disagreements.length, 0);
});
