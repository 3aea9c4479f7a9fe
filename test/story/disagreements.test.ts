import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtures, page } from './helpers.js';
import type { Doc } from '../../src/core/doc.js';
import { attributedSource, cleanSpeaker, findDisagreements } from '../../src/story/disagreements.js';



const docs = fixtures();

test('a figure conflict: the union counts 1,200 strikers, the port authority 800', () => {
  const found = findDisagreements([docs.get('ferry-strike-begins')!, docs.get('ferry-port-responds')!]);
  const figures = found.find((d) => d.kind === 'figures');
  assert.ok(figures, JSON.stringify(found.map((d) => d.topic)));
  assert.match(figures!.topic, /strikers/);
  const speakers = figures!.sides.map((s) => s.speaker ?? '');
  assert.ok(speakers.some((s) => /Harbour Crews Union|union/i.test(s)), speakers.join(' / '));
  assert.ok(speakers.some((s) => /Port Authority/i.test(s)), speakers.join(' / '));
  for (const s of figures!.sides) {
    const doc = [...docs.values()].find((d) => d.id === s.doc)!;
    assert.equal(doc.text.slice(s.start, s.end), s.claim);
  }
});

test('a denial that targets the claim, across speakers and sources', () => {
  const found = findDisagreements([docs.get('ferry-strike-begins')!, docs.get('ferry-port-responds')!]);
  const denial = found.find((d) => d.kind === 'denial');
  assert.ok(denial);
  const [claim, rebuttal] = denial!.sides;
  assert.match(claim.claim, /plans to hire agency crews/);
  assert.match(rebuttal.claim, /denied/);
  assert.match(rebuttal.speaker ?? '', /Marta Olsen/);
  assert.notEqual(claim.doc, rebuttal.doc);
  assert.match(denial!.topic, /agency|hir|replac/);
});

test('shared names alone are not a disagreement', () => {
  const a = page('Minister visits port', '2025-03-04', ['Transport Minister Elena Varga toured the Fenwick ferry terminal on Monday with harbour staff.']);
  const b = page('Minister and union', '2025-03-05', ['Transport Minister Elena Varga denied that she had refused to meet union officials in Fenwick.']);
  assert.deepEqual(findDisagreements([a, b]).filter((d) => d.kind === 'denial'), []);
});

test('figures need the same quantity, and one speaker updating a count is no conflict', () => {
  const a = page('Workforce', '2025-03-04', ['The port authority said it employs 1,150 people at the Fenwick terminal.', 'The union said 200 people joined the picket at the terminal gates on Tuesday.']);
  assert.deepEqual(findDisagreements([a]).filter((d) => d.kind === 'figures'), []);
  const b = page('Incidents', '2025-03-06', ['The safety board said on Monday it knew of 31 incidents involving the ferry ramps.']);
  const c = page('Incidents rise', '2025-03-20', ['The safety board said it now knew of 38 incidents involving the ferry ramps, up from 31 a fortnight ago.']);
  assert.deepEqual(findDisagreements([b, c]).filter((d) => d.kind === 'figures'), []);
});

test('speakers: attribution read from the clause, quote speakers trimmed', () => {
  assert.equal(attributedSource('The company has said 240 jobs are at risk'), 'The company');
  assert.equal(attributedSource('the union puts the figure at 410'), 'the union');
  assert.equal(cleanSpeaker('Brannock Float Glass has flatly'), 'Brannock Float Glass');
  assert.equal(cleanSpeaker('Tuesday'), null);
});

test('one sentence giving both sides is a disagreement with both speakers', () => {
  const d = page('Turnout', '2025-03-05', ['The Harbour Crews Union said 1,200 members joined the strike at the terminal, while the port authority put the figure at 800.']);
  const figures = findDisagreements([d]).find((x) => x.kind === 'figures');
  assert.ok(figures);
  assert.deepEqual(figures!.sides.map((s) => s.speaker), ['The Harbour Crews Union', 'the port authority']);
});

test('a rebuttal that names what it answers pairs with the earlier claim by the other side', () => {
  const d = page('Talks collapse', '2025-04-04', [
    'The talks in Vell ended without a deal on Thursday.',
    'Governor Ada Kern said at a briefing afterwards, "They wanted every tariff scrapped at once, and we could not do that."',
    'Trade envoy Milo Brandt rejected the governor\'s account early on Friday, saying, "We never asked for every tariff to go, only the tariffs on grain."',
  ]);
  const found = findDisagreements([d]);
  const top = found[0];
  assert.ok(top, 'found');
  assert.match(top.sides[0].claim, /every tariff scrapped/);
  assert.match(top.sides[1].claim, /rejected the governor's account/);
  assert.notEqual(top.sides[0].speaker, top.sides[1].speaker);
});
