import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { defaultModelPath, loadNerModel, recognise, tokenize, splitSentences, type NerMention } from '../../src/language/ner/index.js';
import { docContext, hashStr, sentenceFeatures, type Lexicon } from '../../src/language/ner/features.js';
import { decodeModel, encodeModel } from '../../src/language/ner/model.js';

test('tokenizer offsets index the input exactly, keep news abbreviations whole and split compounds like GUM', () => {
  const text = `Mr. Okafor told the U.S. Senate's panel — "twice" — that Kim Jong-un's envoy (Dr. Lena Varga) hadn't come. It cost $4.5 million, or 12%...`;
  const tokens = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const words = tokens.map((t) => t.text);
  for (const w of ['Mr.', 'U.S.', 'Jong', '-', 'un', 'Dr.', "'s", 'had', "n't", '4.5', '%', '...', '—', '"', '(', ')']) {
    assert.ok(words.includes(w), `expected token ${w} in ${words.join(' | ')}`);
  }
  assert.deepEqual(words.slice(0, 6), ['Mr.', 'Okafor', 'told', 'the', 'U.S.', 'Senate']);
  // Non-whitespace characters are all covered, in order, with nothing invented.
  assert.equal(words.join(''), text.replace(/\s+/g, ''));
});

test('sentence splitter breaks at full stops and newlines but not after titles', () => {
  const text = 'Dr. Amal Haddad arrived on Monday. She met Gov. Ruiz.\nA new paragraph starts here.';
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens).map(([a, b]) => tokens.slice(a, b).map((t) => t.text).join(' '));
  assert.deepEqual(sentences, ['Dr. Amal Haddad arrived on Monday .', 'She met Gov. Ruiz .', 'A new paragraph starts here .']);
});

const PARAGRAPH =
  'Maria Fernandez, the finance minister of Portugal, met executives from Siemens and the World Bank in Lisbon on Tuesday. ' +
  '"We expect growth to return next year," Fernandez told reporters after the meeting. ' +
  'Later, the delegation flew to Berlin, where Chancellor Olaf Brandt hosted a dinner for officials of the European Commission.';

function mentions(text: string): Array<[string, NerMention['type']]> {
  return recognise(text).map((m) => [text.slice(m.start, m.end), m.type]);
}

test('the shipped model finds people, organizations and places in a made-up news paragraph', () => {
  const found = mentions(PARAGRAPH);
  const has = (s: string, type: NerMention['type']) => found.some(([t, ty]) => t === s && ty === type);
  assert.ok(has('Maria Fernandez', 'person'), JSON.stringify(found));
  assert.ok(has('Portugal', 'place'), JSON.stringify(found));
  assert.ok(has('Lisbon', 'place'), JSON.stringify(found));
  assert.ok(has('Berlin', 'place'), JSON.stringify(found));
  assert.ok(found.some(([t, ty]) => ty === 'organization' && /Siemens|World Bank|European Commission/.test(t)), JSON.stringify(found));
  assert.ok(!found.some(([t]) => /^(Tuesday|Later|We)$/.test(t)), JSON.stringify(found));
  for (const m of recognise(PARAGRAPH)) {
    assert.ok(m.start < m.end && m.score > 0 && m.score <= 1);
    assert.equal(PARAGRAPH.slice(m.start, m.end).trim(), PARAGRAPH.slice(m.start, m.end));
  }
});

test('recognise handles empty and entity-free text', () => {
  assert.deepEqual(recognise(''), []);
  assert.deepEqual(recognise('   \n  '), []);
  assert.deepEqual(recognise('it was raining and nobody came.'), []);
});

test('the shipped model file stays under 30 MB and round-trips through encode/decode', () => {
  const bytes = statSync(defaultModelPath()).size;
  assert.ok(bytes > 0 && bytes < 30 * 1024 * 1024, `model is ${bytes} bytes`);
  const model = loadNerModel();
  const again = decodeModel(encodeModel(model));
  assert.deepEqual(again.tags, model.tags);
  assert.deepEqual(recognise(PARAGRAPH, again), recognise(PARAGRAPH, model));
});

test('feature extraction is deterministic and independent of earlier calls', () => {
  const lex: Lexicon = {
    clusters: new Map([['paris', [1, 2, 3]], ['visited', [0, 4, 5]]]),
    gazetteer: new Map([['paris', 8], ['new york', 8]]),
    maxPhrase: 2,
    casing: new Map([['visited', 3]]),
  };
  const words = ['Ana', 'visited', 'Paris', 'and', 'New', 'York', '.'];
  const doc = docContext([words]);
  const a = sentenceFeatures(words, lex, doc);
  sentenceFeatures(['Something', 'else', 'entirely'], lex, null);
  const b = sentenceFeatures([...words], lex, docContext([[...words]]));
  assert.deepEqual([...a.feats], [...b.feats]);
  assert.deepEqual([...a.offsets], [...b.offsets]);
  assert.equal(a.offsets.length, words.length + 1);
  // FNV-1a of "a" is a published constant: the shipped weights depend on this hash not changing.
  assert.equal(hashStr(0x811c9dc5, 'a'), 0xe40c292c);
  assert.ok(a.feats.length > words.length * 20);
});
