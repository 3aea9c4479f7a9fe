import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes, normaliseSpeaker } from '../../src/language/quotes/index.js';
import type { QuoteSpan } from '../../src/core/doc.js';

function quotes(text: string) {
  return findQuotes(text).map((q: QuoteSpan) => ({
    text: text.slice(q.start, q.end),
    kind: q.quoteKind,
    speaker: q.speaker,
    cue: q.cue,
    mention: q.speakerStart !== undefined ? text.slice(q.speakerStart, q.speakerEnd) : null,
    evidence: q.evidence ?? [],
  }));
}

test('attribution after the quote: "X said" and "said X, a role"', () => {
  const text =
    '"The reservoir is at its lowest since records began," said Tomasz Wierzba, the regional water manager. ' +
    '"We are asking everyone to cut back," Wierzba told reporters.';
  const out = quotes(text);
  assert.equal(out.length, 2);
  assert.equal(out[0].text, 'The reservoir is at its lowest since records began,');
  assert.equal(out[0].speaker, 'Tomasz Wierzba');
  assert.equal(out[0].cue, 'said');
  assert.equal(out[0].mention, 'Tomasz Wierzba');
  assert.equal(out[1].speaker, 'Wierzba');
  assert.equal(out[1].cue, 'told');
});

test('a quote split by its attribution gives two spans with one speaker', () => {
  const text = '"We will appeal," the club\'s chairwoman, Odile Marchetti, said. "This is not over."';
  const out = quotes(text);
  assert.deepEqual(out.map((q) => q.text), ['We will appeal,', 'This is not over.']);
  assert.equal(out[0].speaker, 'Odile Marchetti');
  assert.equal(out[1].speaker, 'Odile Marchetti');
  assert.ok(out[1].evidence.some((e) => /split by its attribution/.test(e)));
  assert.ok(out[1].evidence.some((e) => /Odile Marchetti, said/.test(e)));
});

test('a quotation spanning two sentences is one span', () => {
  const text = 'Ferro Mining posted a loss. "Prices collapsed. We could not have hedged all of it," chief executive Ana Duvall said.';
  const out = quotes(text);
  assert.equal(out.length, 1);
  assert.equal(out[0].text, 'Prices collapsed. We could not have hedged all of it,');
  assert.equal(out[0].speaker, 'Ana Duvall');
});

test('nested single quotes stay inside the outer quote', () => {
  const text = '“My father always said ‘never sell the land’ and I didn’t,” said farmer Owain Price.';
  const out = quotes(text);
  assert.equal(out.length, 1);
  assert.equal(out[0].text, 'My father always said ‘never sell the land’ and I didn’t,');
  assert.equal(out[0].speaker, 'Owain Price');
});

test('a pronoun speaker resolves to the person named before it', () => {
  const text =
    'Councillor Hana Sato opposed the plan at Tuesday\'s meeting.\n\n' +
    '"This scheme will empty the high street," she said.';
  const out = quotes(text);
  assert.equal(out.length, 1);
  assert.equal(out[0].speaker, 'Hana Sato');
  assert.equal(out[0].mention, 'Hana Sato');
  assert.ok(out[0].evidence.some((e) => /pronoun "she"/.test(e)));
});

test('a pronoun skips a person of the other gender', () => {
  const text =
    '"We built this shop together," Rosa Lindgren said.\n\n' +
    'Her brother, Karl, handles the accounts. "He never takes a day off," she laughed.';
  const out = quotes(text);
  assert.equal(out[1].speaker, 'Rosa Lindgren');
});

test('scare quotes are not quotes', () => {
  const text = 'The ministry called it a "maximum pressure" campaign and dismissed the "so-called experts" as noise.';
  assert.deepEqual(quotes(text), []);
});

test('a short quote is kept when it is attributed speech', () => {
  const out = quotes('"Absolutely not," the minister said.');
  assert.equal(out.length, 1);
  assert.equal(out[0].speaker, 'the minister');
});

test('"according to" gives indirect speech, leading or trailing', () => {
  const text =
    'According to the port authority, the dock will reopen in June. ' +
    'Two cranes were damaged in the storm, according to Lars Ekdahl.';
  const out = quotes(text);
  assert.deepEqual(
    out.map((q) => [q.kind, q.text, q.speaker, q.cue]),
    [
      ['indirect', 'the dock will reopen in June', 'the port authority', 'according to'],
      ['indirect', 'Two cranes were damaged in the storm', 'Lars Ekdahl', 'according to'],
    ],
  );
});

test('indirect speech with and without "that", and a trailing attribution', () => {
  const text =
    'Transport Minister Daniel Osei said on Monday that the rail strike would end this week. ' +
    'Union leader Bea Kirsch said the talks had failed. ' +
    'The line will stay shut until Friday, the operator said.';
  const out = quotes(text);
  assert.deepEqual(
    out.map((q) => [q.text, q.speaker]),
    [
      ['the rail strike would end this week', 'Daniel Osei'],
      ['the talks had failed', 'Bea Kirsch'],
      ['The line will stay shut until Friday', 'the operator'],
    ],
  );
  assert.ok(out.every((q) => q.kind === 'indirect'));
});

test('a role description is kept as the speaker', () => {
  const out = quotes('"We will not be bullied," the US President said in a statement.');
  assert.equal(out[0].speaker, 'the US President');
  assert.equal(normaliseSpeaker(out[0].speaker!), 'us president');
});

test('appositive speaker and colon or comma lead-ins', () => {
  const text =
    'Marek Havel, a former CIA analyst, said: "Nobody in Washington saw this coming."\n\n' +
    'Jin-ah Seo told The Busan Herald, "The vote was never in doubt."\n\n' +
    'Senator Priya Lal tweeted: "Shameful. Utterly shameful."';
  const out = quotes(text);
  assert.deepEqual(
    out.map((q) => [q.text, q.speaker, q.cue]),
    [
      ['Nobody in Washington saw this coming.', 'Marek Havel', 'said'],
      ['The vote was never in doubt.', 'Jin-ah Seo', 'told'],
      ['Shameful. Utterly shameful.', 'Priya Lal', 'tweeted'],
    ],
  );
});

test('a quotation running over two paragraphs is one span per paragraph with one speaker', () => {
  const text =
    '"The first year was chaos. Nobody knew who was in charge.\n\n' +
    '"By the second year we had a plan," said Ruth Adebayo, the school\'s head.';
  const out = quotes(text);
  assert.equal(out.length, 2);
  assert.equal(out[0].text, 'The first year was chaos. Nobody knew who was in charge.');
  assert.equal(out[0].speaker, 'Ruth Adebayo');
  assert.equal(out[1].speaker, 'Ruth Adebayo');
});

test('single marks as the main quotation marks, with apostrophes inside', () => {
  const out = quotes("'I'd never flown before, and now I can't stop,' said Mavis Crane, 91.");
  assert.equal(out.length, 1);
  assert.equal(out[0].text, "I'd never flown before, and now I can't stop,");
  assert.equal(out[0].speaker, 'Mavis Crane');
});

test('a partial quote inside reported speech is both direct and indirect', () => {
  const text = 'The regulator said the merger would "harm consumers for a generation".';
  const out = quotes(text);
  const direct = out.find((q) => q.kind === 'direct');
  const indirect = out.find((q) => q.kind === 'indirect');
  assert.equal(direct?.text, 'harm consumers for a generation');
  assert.equal(direct?.speaker, 'The regulator');
  assert.equal(indirect?.text, 'the merger would "harm consumers for a generation"');
});

test('interview transcripts attribute answers to the interviewee', () => {
  const text =
    'We spoke to the climber Anouk Vermeer after her descent.\n\n' +
    'Q: How close did you come to turning back?\n\n' +
    'A: Twice. Once at the icefall and once just below the summit.\n\n' +
    'Q: Would you go again?\n\n' +
    'A: Ask me in a year.';
  const out = quotes(text);
  assert.equal(out.length, 4);
  assert.equal(out[0].speaker, null);
  assert.equal(out[1].text, 'Twice. Once at the icefall and once just below the summit.');
  assert.equal(out[1].speaker, 'Anouk Vermeer');
  assert.equal(out[3].speaker, 'Anouk Vermeer');
});

test('people from NER are used for pronoun antecedents', () => {
  const text = 'Analysts praised Okonkwo Eze. "It was the right call," he said.';
  const start = text.indexOf('Okonkwo Eze');
  const out = findQuotes(text, { people: [{ start, end: start + 'Okonkwo Eze'.length, name: 'Okonkwo Eze' }] });
  assert.equal(out[0].speaker, 'Okonkwo Eze');
  assert.equal(out[0].speakerStart, start);
});

test('auxiliaries and adverbs before the speech verb are not part of the speaker', () => {
  const out = quotes('Ines Carvalho has already said the bridge was "safe for another decade".');
  assert.deepEqual(out.map((q) => q.kind).sort(), ['direct', 'indirect']);
  for (const q of out) {
    assert.equal(q.speaker, 'Ines Carvalho');
    assert.equal(q.mention, 'Ines Carvalho');
  }
});

test('a recognised person at the end of a speaker phrase is the name, not the role words before it', () => {
  const text = 'Interior Minister of State Lena Marsh also said the border "will stay open".';
  const at = text.indexOf('Lena Marsh');
  const out = findQuotes(text, { people: [{ start: at, end: at + 'Lena Marsh'.length, name: 'Lena Marsh' }] });
  assert.ok(out.length >= 1);
  for (const q of out) {
    assert.equal(q.speaker, 'Lena Marsh');
    assert.equal(text.slice(q.speakerStart!, q.speakerEnd!), 'Lena Marsh');
  }
});
