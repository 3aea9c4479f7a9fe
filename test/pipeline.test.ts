import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RawInput } from '../src/ingest/types.js';
import { buildDocument, repeatedLinesByOutlet } from '../src/pipeline.js';

// The pipeline over several plain-text dumps at once: lines that recur across pages of one
// outlet are boilerplate, but a body shared with another outlet (syndication) is not.

const PROMO = 'Readers in the bay area will find the weekend edition in more shops than ever before this autumn, with new stockists in every village.';

function dump(outlet: string, title: string, body: string[], promo: boolean): string {
  // The promo reads like prose and sits between paragraphs: only its recurrence gives it away.
  const paragraphs = promo ? [body[0], PROMO, ...body.slice(1)] : body;
  return [outlet, title, '', ...paragraphs.flatMap((p) => [p, '']), `Copyright © ${outlet}. All rights reserved.`].join('\n');
}

function input(source: string, text: string): RawInput {
  return { source, url: null, bytes: Buffer.from(text), contentType: null, headers: {}, format: 'text', fetchedAt: '2025-01-10T00:00:00Z' };
}

const FERRY = [
  'The island ferry service was suspended on Tuesday after a storm damaged the pier at Hollin Bay, the operator said.',
  'Repairs are expected to take at least two weeks, and a temporary landing will open on Friday for foot passengers only.',
];

test('lines repeated across one outlet are dropped; a syndicated body on another outlet is kept', () => {
  const inputs = [
    input('a.txt', dump('Tidewater Courier', 'Ferry suspended after storm', FERRY, true)),
    input('b.txt', dump('Tidewater Courier', 'School roof repairs finished', ['Builders finished repairs to the roof of Hollin Bay primary school on Monday, two weeks ahead of schedule, the council said.', 'Pupils will return to their classrooms after the half-term holiday, the head teacher said in a letter to parents.'], true)),
    input('c.txt', dump('Tidewater Courier', 'Harbour market moves indoors', ['The weekly harbour market will move into the old fish hall for the winter, organisers announced on Wednesday.', 'Stallholders said the move would protect trade during the storm season, when the quay is often closed.'], true)),
    input('d.txt', dump('Bayside Gazette', 'Ferry suspended after storm', FERRY, false)),
  ];
  const alone = buildDocument(inputs[0]);
  assert.ok(alone.ok && alone.doc.text.includes(PROMO), 'on its own, the promo looks like a paragraph');
  const repeated = repeatedLinesByOutlet(inputs);
  const docs = inputs.map((i) => {
    const built = buildDocument(i, { repeatedLines: repeated.get(i) });
    assert.ok(built.ok, i.source);
    return built.doc;
  });
  for (const doc of docs.slice(0, 3)) assert.ok(!doc.text.includes(PROMO), `${doc.raw.source}: repeated promo line dropped`);
  for (const doc of [docs[0], docs[3]]) {
    for (const paragraph of FERRY) assert.ok(doc.text.includes(paragraph), `${doc.raw.source}: syndicated body kept`);
  }
  assert.equal(docs[0].facts.outlet, 'Tidewater Courier');
  assert.equal(docs[3].facts.outlet, 'Bayside Gazette');
});
