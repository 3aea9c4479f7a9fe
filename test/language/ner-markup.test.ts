import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupError, markupToDoc, parseMarkup } from '../../src/language/ner/markup.js';

test('marks are stripped and each name keeps its span in the plain text', () => {
  const { text, spans } = parseMarkup('[[PER Hana Lindqvist]] flew to [[LOC Tromsø]] for the [[ORG Arctic Council]].');
  assert.equal(text, 'Hana Lindqvist flew to Tromsø for the Arctic Council.');
  assert.deepEqual(
    spans.map((s) => [s.type, text.slice(s.start, s.end)]),
    [
      ['PER', 'Hana Lindqvist'],
      ['LOC', 'Tromsø'],
      ['ORG', 'Arctic Council'],
    ],
  );
});

test('written text becomes IOB2 sentences on the run-time tokens', () => {
  const doc = markupToDoc('Mr. [[PER Lee Jae-myung]] left [[LOC Seoul]]. The [[ORG Senate]]\'s vote came later.');
  assert.equal(doc.sentences.length, 2);
  const [first, second] = doc.sentences;
  assert.deepEqual(first!.words, ['Mr.', 'Lee', 'Jae', '-', 'myung', 'left', 'Seoul', '.']);
  assert.deepEqual(first!.tags, ['O', 'B-PER', 'I-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'O']);
  // The possessive is its own token, outside the name.
  assert.deepEqual(second!.words.slice(0, 4), ['The', 'Senate', "'s", 'vote']);
  assert.deepEqual(second!.tags.slice(0, 4), ['O', 'B-ORG', 'O', 'O']);
});

test('bad marks are errors that name the problem', () => {
  assert.throws(() => parseMarkup('[[GPE Paris]] is big.'), (e: unknown) => e instanceof MarkupError && /unknown type "GPE"/.test(e.message));
  assert.throws(() => parseMarkup('[[PER Ana Ruiz] said.'), MarkupError);
  assert.throws(() => parseMarkup('[[PER Ana ]] said.'), /space at the edge/);
  // A mark that cuts a word in two cannot be placed on tokens.
  assert.throws(() => markupToDoc('[[PER Ki]]mberly left.'), /token boundaries/);
});
