import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures, page } from './helpers.js';
import type { Doc } from '../../src/core/doc.js';
import { analyseStory } from '../../src/story/index.js';
import { datelineEnd, isBoilerplate, isByline, isCaption, needsContext } from '../../src/story/similarity.js';
import { summarise } from '../../src/story/summary.js';



const docs = fixtures();
const ferry = ['ferry-strike-announced', 'ferry-strike-begins', 'ferry-port-responds', 'ferry-islanders-undated'].map((k) => docs.get(k)!);

test('sentence shapes: captions, datelines, bylines, furniture, context-bound openings', () => {
  assert.ok(isCaption('Striking deckhands on the terminal slipway in this 28 February 2025 photo.'));
  assert.ok(isCaption('PHOTO: Coastline Wire'));
  assert.ok(isCaption('The harbour at dawn. (Photo: Islands Herald)'));
  assert.ok(!isCaption('The union said 1,200 strikers joined the picket at the ferry terminal on Tuesday.'));
  const wire = 'FENWICK, March 5 (Coastline Wire) - A strike by ferry crews began on Tuesday.';
  assert.equal(wire.slice(datelineEnd(wire)), 'A strike by ferry crews began on Tuesday.');
  assert.equal(datelineEnd('The union said - again - that talks had failed.'), 0);
  assert.ok(isByline('By Nadia Corr, Transport Reporter'));
  assert.ok(isBoilerplate('© 2025 Fenwick Daily. All rights reserved.'));
  assert.ok(needsContext('But the port authority said the rotas were needed.'));
  assert.ok(needsContext('It was the first strike at the terminal.'));
  assert.ok(needsContext('They had asked for talks for six weeks.'));
  assert.ok(!needsContext('The port authority said the rotas were needed.'));
});

test('about five non-redundant sentences, each citing offsets that slice its text', () => {
  const story = analyseStory(ferry);
  const summary = story.summary;
  assert.ok(summary.length >= 4 && summary.length <= 5, `${summary.length} sentences`);
  for (const s of summary) {
    const doc = ferry.find((d) => d.id === s.doc)!;
    assert.equal(doc.text.slice(s.start, s.end), s.text);
    assert.ok(!isCaption(s.text) && !isByline(s.text) && !isBoilerplate(s.text), s.text);
    assert.ok(!needsContext(s.text), `self-contained: ${s.text}`);
    assert.doesNotMatch(s.text, /^FENWICK,/);
  }
  assert.equal(new Set(summary.map((s) => s.text)).size, summary.length);
  // The main disagreement is part of the story, and so is the strike itself.
  const sides = new Set(story.disagreements[0].sides.map((s) => `${s.doc}:${s.end}`));
  assert.ok(summary.some((s) => sides.has(`${s.doc}:${s.end}`)), 'one side of the main disagreement');
  assert.ok(summary.some((s) => /strike/i.test(s.text) && /Tuesday/.test(s.text)));
});

test('context-bound sentences only fill in when nothing else is left', () => {
  const d = page('Ferry pay talks', '2025-03-07', [
    'The port authority offered ferry crews a new rota with paid split shifts on Friday.',
    'But union members said the offer did not cover weekend sailings to the islands.',
    'They will vote on the offer at a meeting in the ferry terminal canteen next week.',
  ]);
  const one = summarise([d], { sentences: 1 });
  assert.equal(one.length, 1);
  assert.match(one[0].text, /^The port authority offered/);
  const all = summarise([d], { sentences: 3 });
  assert.equal(all.length, 3, 'with nothing else left, the dependent ones come in');
});
