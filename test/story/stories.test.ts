import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../../src/core/doc.js';
import { buildDocument } from '../../src/pipeline.js';
import { analyseStories } from '../../src/story/index.js';

function fixtures(): Map<string, Doc> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const root = path.join(dir, 'test/fixtures/stories');
  const out = new Map<string, Doc>();
  for (const f of fs.readdirSync(root).sort()) {
    if (!/\.(html|txt)$/.test(f)) continue;
    const built = buildDocument({ source: f, url: null, bytes: fs.readFileSync(path.join(root, f)), contentType: null, headers: {}, format: f.endsWith('.html') ? 'html' : 'text', fetchedAt: '2025-06-01T00:00:00Z' });
    assert.ok(built.ok, `fixture ${f} builds`);
    out.set(f.replace(/\.(html|txt)$/, ''), built.doc);
  }
  return out;
}

/** One invented page through the real pipeline. */
function page(id: string, published: string, paragraphs: string[]): Doc {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${id}</title><meta property="article:published_time" content="${published}T09:00:00Z"></head><body><article><h1>${id}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const built = buildDocument({ source: id, url: null, bytes: Buffer.from(html), contentType: null, headers: {}, format: 'html', fetchedAt: '2025-06-01T00:00:00Z' });
  assert.ok(built.ok, id);
  return built.doc;
}

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
