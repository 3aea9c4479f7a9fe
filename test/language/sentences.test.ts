import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../src/language/sentences.js';

function split(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

test('abbreviations and initials do not end sentences', () => {
  const text = 'Mr. Alder met Dr. Ines Porto at the U.S. Embassy on Jan. 9 with J. R. Wendell. They left at noon.';
  assert.deepEqual(split(text), [
    'Mr. Alder met Dr. Ines Porto at the U.S. Embassy on Jan. 9 with J. R. Wendell.',
    'They left at noon.',
  ]);
});

test('"No. 1" keeps its number; a dotted acronym ends a sentence before an opener', () => {
  const text = 'The band is No. 1 again. She moved to the U.S. The rest followed.';
  assert.deepEqual(split(text), ['The band is No. 1 again.', 'She moved to the U.S.', 'The rest followed.']);
});

test('company suffix before a bracket stays inside the sentence', () => {
  const text = 'Corvel Labs, Inc. (NYSE: CVL) rose sharply. Rivals fell.';
  assert.deepEqual(split(text), ['Corvel Labs, Inc. (NYSE: CVL) rose sharply.', 'Rivals fell.']);
});

test('closing marks stay with the sentence they close', () => {
  const text = 'She paused. "We are not done yet." Then she left.';
  assert.deepEqual(split(text), ['She paused.', '"We are not done yet."', 'Then she left.']);
});

test('a quotation may span two sentences; the cut never falls before the closing mark', () => {
  const text = '"The bridge is unsafe. Close it today," the engineer said.';
  const parts = split(text);
  assert.deepEqual(parts, ['"The bridge is unsafe.', 'Close it today," the engineer said.']);
});

test('"!" or "?" inside a quote followed by a lower-case attribution does not end the sentence', () => {
  const text = '"Never again!" he shouted. "Why now?" she asked.';
  assert.deepEqual(split(text), ['"Never again!" he shouted.', '"Why now?" she asked.']);
});

test('a paragraph break always ends a sentence, even without punctuation', () => {
  const text = 'Harbour fire update\n\nCrews worked through the night';
  assert.deepEqual(split(text), ['Harbour fire update', 'Crews worked through the night']);
});

test('decimals and ellipses followed by lower case do not split', () => {
  const text = 'Output rose 3.5 per cent... and then stalled. It recovered.';
  assert.deepEqual(split(text), ['Output rose 3.5 per cent... and then stalled.', 'It recovered.']);
});

test('offsets point into the original text', () => {
  const text = '  First one.   Second one.  ';
  const spans = splitSentences(text);
  assert.equal(spans.length, 2);
  assert.equal(text.slice(spans[0].start, spans[0].end), 'First one.');
  assert.equal(spans[1].kind, 'sentence');
});
