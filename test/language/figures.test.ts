import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFigures } from '../../src/language/figures.js';

function figs(text: string) {
  return findFigures(text).map((f) => ({
    text: text.slice(f.start, f.end),
    value: f.value,
    endValue: f.endValue,
    unit: f.unit,
    about: f.about,
  }));
}

test('percentages in three spellings, with the group they apply to', () => {
  const out = figs('Some 30 per cent of Canadians agreed, against 12.5% of the panel and 41 percent overall.');
  assert.deepEqual(out, [
    { text: '30 per cent', value: 30, endValue: undefined, unit: 'percent', about: 'Canadians' },
    { text: '12.5%', value: 12.5, endValue: undefined, unit: 'percent', about: 'panel' },
    { text: '41 percent', value: 41, endValue: undefined, unit: 'percent', about: null },
  ]);
});

test('counts carry the noun phrase they count', () => {
  const out = figs('The pact moves 3,700 marines and 28,500 US troops across 13 special economic zones.');
  assert.deepEqual(
    out.map((f) => [f.value, f.unit, f.about]),
    [
      [3700, 'count', 'marines'],
      [28500, 'count', 'US troops'],
      [13, 'count', 'special economic zones'],
    ],
  );
});

test('money with symbols, suffix multipliers and currency words', () => {
  const out = figs('Orvant raised $2.5 billion in debt, paid €300m for a rival and gave 5 million won to staff, plus NOK 1.2 billion.');
  assert.deepEqual(
    out.map((f) => [f.text, f.value, f.unit]),
    [
      ['$2.5 billion', 2_500_000_000, 'currency:USD'],
      ['€300m', 300_000_000, 'currency:EUR'],
      ['5 million won', 5_000_000, 'currency:KRW'],
      ['NOK 1.2 billion', 1_200_000_000, 'currency:NOK'],
    ],
  );
  assert.equal(out[0].about, 'debt');
});

test('ranges keep both ends and share the unit and multiplier', () => {
  const out = figs('Turnout was between 30 and 40 per cent, fees rose 10-15% and losses reached $5-10 billion.');
  assert.deepEqual(
    out.map((f) => [f.text, f.value, f.endValue, f.unit]),
    [
      ['between 30 and 40 per cent', 30, 40, 'percent'],
      ['10-15%', 10, 15, 'percent'],
      ['$5-10 billion', 5e9, 10e9, 'currency:USD'],
    ],
  );
});

test('number words count things but not durations', () => {
  const out = figs('The envoys held three meetings in two weeks and visited four border towns.');
  assert.deepEqual(
    out.map((f) => [f.value, f.about]),
    [
      [3, 'meetings'],
      [4, 'border towns'],
    ],
  );
});

test('dates, years, ages, ordinals, scores and labels are not figures', () => {
  const text =
    'On March 4, 2021, Ilsa Brandt, 47, saw the 52-year-old coach lose 2-1 in the 19th minute of round 3; ' +
    'the Phase 2 trial of XR-118 ended in 1998 at 5 p.m. near the A40.';
  assert.deepEqual(figs(text), []);
});

test('measures keep their unit', () => {
  const out = figs('He was clocked at 101mph on a 40 km stretch.');
  assert.deepEqual(
    out.map((f) => [f.value, f.unit]),
    [
      [101, 'mph'],
      [40, 'km'],
    ],
  );
});
