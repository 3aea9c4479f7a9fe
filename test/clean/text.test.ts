import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTextDump, findRepeatedLines, type CleanedDump } from '../../src/clean/text/index.js';

// An invented outlet and story: every line below was written for this test.
const NAV = ['Harbor Ledger', 'logo_header.png', 'Home', 'News', 'Sports', 'Opinion', 'Subscribe', 'Sign In'];
const FOOTER = [
  'Top Stories',
  '1School board delays vote on summer budget',
  '2Ferry timetable changes for the holiday weekend',
  '3Lighthouse museum reopens its upper gallery',
  'Council weighs new parking rules downtown',
  '2024-02-27 09:12 | Local',
  'Share',
  'Facebook',
  'Twitter',
  '© 2024 Harbor Ledger Media. All rights reserved.',
  'Join our Telegram channel and get the latest coastal news delivered to you.',
  'Tel: 555-0100',
  'Email: newsdesk@harborledger.example',
];

const BODY = [
  'Riverside Bridge Reopens After Two-Year Repair',
  'By Mara Quill',
  'March 3, 2024 10:15 AM',
  'Crews from three firms worked through two winters to replace the deck, and the engineers who designed the new supports say the bridge should now last another eighty years.',
  'The engineers inspected every joint on Tuesday, and the city council approved their final report later that evening, clearing the way for the reopening this week.',
  'Mayor Ilse Varga cut the ribbon at dawn and told the small crowd gathered on the',
  'riverbank that the first buses would cross before noon.',
  '“We got it done.”',
  'The repair cost 41 million dollars, about six million more than the engin',
  'eers first estimated, largely because of the rising price of steel.',
  'Traffic is expected to return to normal by Friday, officials said, although the pedestrian lane will stay closed until the railings are painted',
  '.',
  'Residents who crossed on foot in the first hour said they had missed the view of the harbour more than anything else.',
  'Residents who crossed on foot in the first hour said they had missed the view of the harbour more than anything else.',
];

function page(body: string[]): string {
  return [...NAV, '', ...body.flatMap((l) => [l, '']), ...FOOTER].join('\n');
}

function checkOffsets(raw: string, c: CleanedDump): void {
  assert.equal(c.blocks.length, c.rawRanges.length);
  for (let i = 0; i < c.blocks.length; i++) {
    const b = c.blocks[i];
    const blockText = c.text.slice(b.start, b.end);
    assert.ok(blockText.length > 0);
    const fromRaw = c.rawRanges[i].map((r) => raw.slice(r.start, r.end));
    // Repairs only ever insert a space or nothing between raw pieces.
    assert.equal(blockText.replace(/ /g, ''), fromRaw.join('').replace(/ /g, ''));
    for (const piece of fromRaw) assert.ok(blockText.includes(piece), `block ${i} contains raw piece "${piece}"`);
  }
  // Blocks are separated by exactly one blank line and cover the text.
  assert.equal(c.blocks.map((b) => c.text.slice(b.start, b.end)).join('\n\n'), c.text);
  // Every raw line has a decision, in order, and together they tile the dump.
  const lineCount = raw.split('\n').length;
  assert.equal(c.lines.length, lineCount);
  let pos = 0;
  for (const l of c.lines) {
    assert.equal(l.start, pos);
    assert.ok(!raw.slice(l.start, l.end).includes('\n'));
    pos = l.end + 1;
    assert.ok(l.reason.length > 0);
  }
}

test('a whole-page dump is cleaned to the article, repaired and with exact offsets', () => {
  const raw = page(BODY);
  const c = cleanTextDump(raw);
  checkOffsets(raw, c);
  assert.equal(
    c.text,
    [
      'Riverside Bridge Reopens After Two-Year Repair',
      'Crews from three firms worked through two winters to replace the deck, and the engineers who designed the new supports say the bridge should now last another eighty years.',
      'The engineers inspected every joint on Tuesday, and the city council approved their final report later that evening, clearing the way for the reopening this week.',
      'Mayor Ilse Varga cut the ribbon at dawn and told the small crowd gathered on the riverbank that the first buses would cross before noon.',
      '“We got it done.”',
      'The repair cost 41 million dollars, about six million more than the engineers first estimated, largely because of the rising price of steel.',
      'Traffic is expected to return to normal by Friday, officials said, although the pedestrian lane will stay closed until the railings are painted.',
      'Residents who crossed on foot in the first hour said they had missed the view of the harbour more than anything else.',
    ].join('\n\n'),
  );
  assert.equal(c.blocks[0].block, 'heading');
  assert.equal(c.blocks[4].block, 'quote');
  const label = (s: string): string => c.lines.find((l) => raw.slice(l.start, l.end) === s)!.label;
  assert.equal(label('Riverside Bridge Reopens After Two-Year Repair'), 'heading');
  assert.equal(label('logo_header.png'), 'boilerplate');
  assert.equal(label('© 2024 Harbor Ledger Media. All rights reserved.'), 'boilerplate');
  assert.equal(label('Join our Telegram channel and get the latest coastal news delivered to you.'), 'boilerplate');
  assert.equal(label('1School board delays vote on summer budget'), 'boilerplate');
  assert.equal(label('.'), 'content');
  const reasons = c.lines.map((l) => l.reason).join('\n');
  assert.match(reasons, /word broken across lines repaired \("engin" \+ "eers"\)/);
  assert.match(reasons, /sentence broken across lines joined/);
  assert.match(reasons, /stray punctuation/);
  assert.match(reasons, /repeats the line before it/);
});

test('a word break is only repaired when the joined word is more plausible', () => {
  // "the" + "rest" are both words the text uses on their own; "therest" is nowhere.
  const lines = [
    'Menu',
    '',
    'The storm flooded the lower town overnight, and volunteers spent the morning clearing mud from the',
    'rest of the houses along the quay before the tide turned again in the afternoon.',
    '',
    'By evening the rest of the volunteers had gone home, and the harbour master said the quay would reopen on Monday.',
  ];
  const raw = lines.join('\n');
  const c = cleanTextDump(raw);
  checkOffsets(raw, c);
  assert.ok(c.text.includes('mud from the rest of the houses'), c.text);
});

test('lines repeated across pages of one outlet are boilerplate', () => {
  const tagline = 'The Harbor Ledger is an independent newspaper that has served the coast since 1921, funded by its readers.';
  const stories = [
    [
      'The ferry operator said on Monday that it would add two late sailings on weekends from June, after a winter of complaints about crowded evening boats.',
      'Passengers will be able to book the new sailings online from next month, the company said in a statement.',
    ],
    [
      'The lighthouse museum reopened its upper gallery on Saturday after volunteers spent a year restoring the original lamp room and its brass fittings.',
      'Visitors can climb to the gallery in groups of ten, and tickets must be booked at least a day ahead.',
    ],
    [
      'The school board delayed its vote on the summer budget for a second time on Wednesday, saying it needed more detail on transport costs.',
      'Board members will meet again in two weeks, and parents have been invited to send questions in writing.',
    ],
  ];
  const pages = stories.map((s) => [...NAV, '', ...s.flatMap((l) => [l, '']), tagline, '', ...FOOTER].join('\n'));
  const repeated = findRepeatedLines(pages, 3);
  assert.ok(repeated.has('home'));
  assert.ok(repeated.has(tagline.toLowerCase()));
  assert.ok(!repeated.has(stories[0][0].toLowerCase()));

  const without = cleanTextDump(pages[0]);
  assert.ok(without.text.includes(tagline), 'a prose tagline next to the body looks like content on one page alone');
  const withSet = cleanTextDump(pages[0], { repeatedLines: repeated });
  checkOffsets(pages[0], withSet);
  assert.equal(withSet.text, stories[0].join('\n\n'));
  const tag = withSet.lines.find((l) => pages[0].slice(l.start, l.end) === tagline)!;
  assert.equal(tag.label, 'boilerplate');
  assert.match(tag.reason, /other pages/);
});

test('empty and boilerplate-only dumps give empty text', () => {
  for (const raw of ['', '\n\n', NAV.join('\n'), FOOTER.join('\n')]) {
    const c = cleanTextDump(raw);
    assert.equal(c.text, '');
    assert.deepEqual(c.blocks, []);
    checkOffsets(raw, c);
  }
});

test('CRLF dumps keep exact offsets', () => {
  const raw = page(BODY).replace(/\n/g, '\r\n');
  const c = cleanTextDump(raw);
  assert.equal(c.blocks.length, 8);
  for (let i = 0; i < c.blocks.length; i++) {
    const pieces = c.rawRanges[i].map((r) => raw.slice(r.start, r.end));
    for (const p of pieces) assert.ok(!p.includes('\r'));
    assert.equal(c.text.slice(c.blocks[i].start, c.blocks[i].end).replace(/ /g, ''), pieces.join('').replace(/ /g, ''));
  }
});

test('readers\' comments and teaser lists after the article are dropped', () => {
  const article = [
    'The harbour authority will dredge the north channel this autumn, the first time in twelve years, after two cargo ships ran aground on the same sandbar in March.',
    'Dredging will close the channel to large vessels for about three weeks, and pilots have been told to plan for delays at the south entrance instead.',
    'Fishing crews said they welcomed the work but asked that it be finished before the winter herring season begins in December.',
  ];
  const teasers = [
    ['Night market returns to the old fish hall', 'Dana Holt', 'March 2, 2024', 'Stallholders say the market will run every Friday until the end of the summer, with music on the quay.'],
    ['Coastal path closed after cliff fall', 'Sam Reyes', 'March 1, 2024', 'Walkers are asked to use the inland route while geologists check the cliff face above the beach.'],
    ['Rowing club wins regional title', 'Dana Holt', 'February 29, 2024', 'The women’s eight finished four lengths clear of the field in a race held in strong crosswinds.'],
  ];
  const comments = [
    '12 Comments',
    'Leave a Reply',
    'Tom on March 3, 2024 at 9:12 am said:',
    'About time too. The sandbar has been a problem for as long as I can remember and everyone in town knows it.',
    'Reply',
    'Ria on March 3, 2024 at 10:40 am said:',
    'I hope they keep the south entrance clear while the work is going on, because the ferry already runs late most days.',
    'Reply',
  ];
  const raw = [...NAV, '', 'Harbour channel to be dredged for the first time in twelve years', 'By Mara Quill', '', ...article, '', 'More Stories', ...teasers.flat(), '', ...comments, '', ...FOOTER].join('\n');
  const c = cleanTextDump(raw);
  checkOffsets(raw, c);
  assert.equal(c.text, ['Harbour channel to be dredged for the first time in twelve years', ...article].join('\n\n'));
});
