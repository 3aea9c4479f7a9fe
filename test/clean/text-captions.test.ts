import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanTextDump } from '../../src/clean/text/index.js';

test('wire-photo captions are dropped, the paragraphs around them kept', () => {
  const raw = [
    'Ferry strike ends after talks',
    'Union leader Ana Ruiz and port chief Tom Hale shake hands in Vigo in this March 2024 photo. / Coast Herald file',
    '',
    'The ferry strike that stranded thousands of passengers ended on Friday after both sides agreed to a new pay deal, officials said.',
    '',
    'Services will resume on Saturday morning, the operator said in a statement, with extra sailings planned for the weekend.',
  ].join('\n');
  const cleaned = cleanTextDump(raw);
  assert.ok(!cleaned.text.includes('shake hands'), cleaned.text);
  assert.ok(cleaned.text.includes('The ferry strike that stranded'));
  assert.ok(cleaned.text.includes('Services will resume'));
  const caption = cleaned.lines.find((l) => raw.slice(l.start, l.end).includes('shake hands'));
  assert.equal(caption?.label, 'boilerplate');
  assert.match(caption?.reason ?? '', /caption/);
});
