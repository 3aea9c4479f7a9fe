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

test('a template date field glued before the first paragraph is not article text', () => {
  const raw = 'date 2019-05-01 The council voted on Tuesday to close the old bridge to heavy traffic after engineers found cracks in two of its piers.\n\nRepairs are expected to take until the autumn, the council said.';
  const cleaned = cleanTextDump(raw);
  assert.ok(cleaned.text.startsWith('The council voted'), cleaned.text);
  const block = cleaned.blocks[0];
  assert.equal(cleaned.text.slice(block.start, block.end).startsWith('The council'), true);
  assert.equal(raw.slice(cleaned.rawRanges[0][0].start, cleaned.rawRanges[0][0].start + 11), 'The council');
});

test('a contributor bio glued to the last paragraph is dropped, offsets still exact', () => {
  const raw = [
    'Harbour talks stall again',
    '',
    'Talks between the harbour board and the ferry union stalled again on Friday, with both sides blaming the other for the delay.',
    '',
    'A mediator is expected to be named next week, but few expect a quick settlement before the winter timetable starts.The author is a lecturer in maritime law at Vell University. letters@harbourpost.example',
  ].join('\n');
  const cleaned = cleanTextDump(raw);
  assert.ok(cleaned.text.endsWith('before the winter timetable starts.'), cleaned.text);
  const last = cleaned.blocks[cleaned.blocks.length - 1];
  const ranges = cleaned.rawRanges[cleaned.blocks.length - 1];
  assert.equal(ranges.map((r) => raw.slice(r.start, r.end)).join(' '), cleaned.text.slice(last.start, last.end));
});
