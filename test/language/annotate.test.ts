import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholeWords } from '../../src/language/annotate.js';

test('entity spans grow to whole hyphenated words', () => {
  const text = 'Foreign Minister Kang Kyung-wha met Ri Son-gwon.';
  const at = text.indexOf('Kang');
  assert.deepEqual(wholeWords(text, at, at + 'Kang Kyung'.length), { start: at, end: at + 'Kang Kyung-wha'.length });
  const ri = text.indexOf('gwon');
  assert.deepEqual(wholeWords(text, ri, ri + 4), { start: text.indexOf('Son-gwon'), end: ri + 4 });
  assert.deepEqual(wholeWords(text, 0, 7), { start: 0, end: 7 });
});

test('two names joined by a hyphen stay two names', () => {
  const text = 'the Kim-Trump summit';
  const kim = text.indexOf('Kim');
  assert.deepEqual(wholeWords(text, kim, kim + 3), { start: kim, end: kim + 3 });
  const trump = text.indexOf('Trump');
  assert.deepEqual(wholeWords(text, trump, trump + 5), { start: trump, end: trump + 5 });
});
