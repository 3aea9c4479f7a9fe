import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitJoinedPlaces, wholeWords } from '../../src/language/annotate.js';

test('entity spans grow to whole hyphenated words', () => {
  const text = 'Foreign Minister Kang Kyung-wha met Ri Son-gwon.';
  const at = text.indexOf('Kang');
  assert.deepEqual(wholeWords(text, at, at + 'Kang Kyung'.length), { start: at, end: at + 'Kang Kyung-wha'.length });
  const ri = text.indexOf('gwon');
  assert.deepEqual(wholeWords(text, ri, ri + 4), { start: text.indexOf('Son-gwon'), end: ri + 4 });
  assert.deepEqual(wholeWords(text, 0, 7), { start: 0, end: 7 });
  // A span that stops just after the hyphen takes the rest of the word, not the clitic.
  const owned = "President Lim Su-ah's plan";
  const lim = owned.indexOf('Lim');
  assert.deepEqual(wholeWords(owned, lim, lim + 'Lim Su-'.length), { start: lim, end: lim + 'Lim Su-ah'.length });
});

test('two names joined by a hyphen stay two names', () => {
  const text = 'the Kim-Trump summit';
  const kim = text.indexOf('Kim');
  assert.deepEqual(wholeWords(text, kim, kim + 3), { start: kim, end: kim + 3 });
  const trump = text.indexOf('Trump');
  assert.deepEqual(wholeWords(text, trump, trump + 5), { start: trump, end: trump + 5 });
});

test('romanised names with a hyphenated given name are people, place compounds are not', async () => {
  const { romanisedNames } = await import('../../src/language/annotate.js');
  const text = 'President Moon Jae-in met Foreign Minister Kang Kyung-wha at a New York-based think tank.';
  const found = romanisedNames(text, []).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(found, ['Moon Jae-in', 'Kang Kyung-wha']);
  const kang = text.indexOf('Kang');
  assert.deepEqual(romanisedNames(text, [{ start: kang, end: kang + 14 }]).map((m) => text.slice(m.start, m.end)), ['Moon Jae-in']);
});

test('a family name alone, after the full name, is the same person', async () => {
  const { familyNameMentions } = await import('../../src/language/annotate.js');
  const text = 'President Moon Jae-in spoke first. Moon said talks would resume; aides to Moon agreed.';
  const full = text.indexOf('Moon Jae-in');
  const found = familyNameMentions(text, [{ start: full, end: full + 11, type: 'person' }]).map((m) => [m.start, text.slice(m.start, m.end)]);
  assert.deepEqual(found, [[text.indexOf('Moon said'), 'Moon'], [text.lastIndexOf('Moon'), 'Moon']]);
});

test('two places joined by a hyphen are two places; hyphenated place names stay whole', () => {
  const parts = (text: string) => splitJoinedPlaces(text, 0, text.length).map((p) => text.slice(p.start, p.end));
  assert.deepEqual(parts('US-North Korea'), ['US', 'North Korea']);
  assert.deepEqual(parts('United States-China'), ['United States', 'China']);
  assert.deepEqual(parts('EU-Mercosur'), ['EU', 'Mercosur']);
  assert.deepEqual(parts('North Korea-U'), ['North Korea']);
  assert.deepEqual(parts('Guinea-Bissau'), ['Guinea-Bissau']);
  assert.deepEqual(parts('Baden-Württemberg'), ['Baden-Württemberg']);
  assert.deepEqual(parts('Stratford-upon-Avon'), ['Stratford-upon-Avon']);
});
