import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../../src/core/doc.js';
import { buildDocument } from '../../src/pipeline.js';

/** Shared by the story-layer tests: invented pages, built by the real pipeline. */

const FETCHED_AT = '2025-06-01T00:00:00Z';

/** The mixed invented corpus in test/fixtures/stories, keyed by file name without extension. */
export function fixtures(): Map<string, Doc> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const root = path.join(dir, 'test/fixtures/stories');
  const out = new Map<string, Doc>();
  for (const f of fs.readdirSync(root).sort()) {
    if (!/\.(html|txt)$/.test(f)) continue;
    const built = buildDocument({ source: f, url: null, bytes: fs.readFileSync(path.join(root, f)), contentType: null, headers: {}, format: f.endsWith('.html') ? 'html' : 'text', fetchedAt: FETCHED_AT });
    assert.ok(built.ok, `fixture ${f} builds`);
    out.set(f.replace(/\.(html|txt)$/, ''), built.doc);
  }
  return out;
}

/** One invented page through the real pipeline. */
export function page(id: string, published: string, paragraphs: string[]): Doc {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${id}</title><meta property="article:published_time" content="${published}T09:00:00Z"></head><body><article><h1>${id}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const built = buildDocument({ source: id, url: null, bytes: Buffer.from(html), contentType: null, headers: {}, format: 'html', fetchedAt: FETCHED_AT });
  assert.ok(built.ok, id);
  return built.doc;
}
