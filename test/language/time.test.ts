import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TimeSpan } from '../../src/core/doc.js';
import { findTimes, parseTimeMentions, resolveMention } from '../../src/language/time/index.js';

interface Expect {
  value: string | null;
  granularity?: TimeSpan['granularity'];
  endValue?: string;
  anchor?: TimeSpan['anchor'];
  tense?: TimeSpan['tense'];
  reason?: string | RegExp;
}

/** The span whose text is exactly `phrase` (the first, or the `nth`), checked against `want`. */
function check(text: string, anchor: string | null, phrase: string, want: Expect, nth = 0): TimeSpan {
  const spans = findTimes(text, { anchor });
  for (const s of spans) assert.equal(text.slice(s.start, s.end).length, s.end - s.start);
  const hits = spans.filter((s) => text.slice(s.start, s.end) === phrase);
  assert.ok(
    hits[nth],
    `no span "${phrase}" in ${JSON.stringify(spans.map((s) => text.slice(s.start, s.end)))}`,
  );
  const s = hits[nth];
  assert.equal(s.value, want.value, `value of "${phrase}"`);
  if (want.granularity) assert.equal(s.granularity, want.granularity, `granularity of "${phrase}"`);
  if ('endValue' in want) assert.equal(s.endValue, want.endValue, `endValue of "${phrase}"`);
  if (want.anchor) assert.equal(s.anchor, want.anchor, `anchor of "${phrase}"`);
  if (want.tense) assert.equal(s.tense, want.tense, `tense of "${phrase}"`);
  if (typeof want.reason === 'string') assert.equal(s.reason, want.reason);
  else if (want.reason) assert.match(s.reason ?? '', want.reason);
  return s;
}

const texts = (text: string, anchor: string | null) =>
  findTimes(text, { anchor }).map((s) => text.slice(s.start, s.end));

describe('absolute dates', () => {
  it('month-day-year with and without the comma, and abbreviated months', () => {
    const t = 'The merger closed on March 3, 2021, months after regulators cleared it on Nov. 3, 2020.';
    check(t, '2021-05-10', 'March 3, 2021', { value: '2021-03-03', granularity: 'day', anchor: 'none', tense: 'past' });
    check(t, '2021-05-10', 'Nov. 3, 2020', { value: '2020-11-03', granularity: 'day', anchor: 'none', tense: 'past' });
  });

  it('day-month-year as British outlets write it', () => {
    const t = 'Parliament was prorogued on 3 March 2021 amid protests.';
    check(t, '2021-05-10', '3 March 2021', { value: '2021-03-03', granularity: 'day', anchor: 'none', tense: 'past' });
  });

  it('ISO dates in filings', () => {
    const t = 'According to a filing dated 2020-07-02, the fund had sold its stake.';
    check(t, null, '2020-07-02', { value: '2020-07-02', granularity: 'day', anchor: 'none', tense: 'past' });
  });

  it('month and year, and a year after "in"', () => {
    const t = 'The factory opened in June 2019 after construction began in 2018.';
    check(t, '2021-05-10', 'June 2019', { value: '2019-06', granularity: 'month', anchor: 'none', tense: 'past' });
    check(t, '2021-05-10', '2018', { value: '2018', granularity: 'year', anchor: 'none', tense: 'past' });
  });

  it('absolute dates resolve even without a trusted publication date', () => {
    const t = 'The treaty was signed on 12 June 1998.';
    check(t, null, '12 June 1998', { value: '1998-06-12', granularity: 'day', anchor: 'none' });
  });

  it('a weekday written with a full date is absorbed into it', () => {
    const t = 'The ceasefire took effect on Thursday, March 3, 2022, at midnight.';
    assert.deepEqual(texts(t, '2022-03-05'), ['Thursday, March 3, 2022']);
    check(t, '2022-03-05', 'Thursday, March 3, 2022', { value: '2022-03-03', granularity: 'day', anchor: 'none' });
  });

  it('numeric dates resolve only when the day/month order can be told', () => {
    const t = 'The accord, signed 03/04/2021 and ratified 25/12/2021, remains in force.';
    check(t, null, '03/04/2021', { value: null, reason: 'day and month order is ambiguous' });
    check(t, null, '25/12/2021', { value: '2021-12-25', granularity: 'day' });
  });
});

describe('partial dates: choosing the year', () => {
  it('past-tense "in February" is the most recent February', () => {
    const t = 'Prices rose sharply in February, the statistics office said.';
    check(t, '2021-05-13', 'February', { value: '2021-02', granularity: 'month', anchor: 'published', tense: 'past' });
  });

  it('year rollover: a January article saying the company cut jobs "in December"', () => {
    const t = 'The company said in December that it would cut 300 jobs.';
    check(t, '2022-01-05', 'December', { value: '2021-12', granularity: 'month', anchor: 'published', tense: 'past' });
  });

  it('year rollover the other way: a vote due in December, from a January article', () => {
    const t = 'The referendum is due to take place in December.';
    check(t, '2022-01-05', 'December', { value: '2022-12', granularity: 'month', tense: 'future' });
  });

  it('"on June 30" past and future from a June 30 article both name the same day', () => {
    const t = 'Elections will be held on June 30. The last vote was held on June 30 too.';
    check(t, '2021-06-30', 'June 30', { value: '2021-06-30', tense: 'future' }, 0);
    check(t, '2021-06-30', 'June 30', { value: '2021-06-30', tense: 'past' }, 1);
  });

  it('"on June 30" in past tense read in early June is last year', () => {
    const t = 'The contract expired on June 30, officials said.';
    check(t, '2021-06-02', 'June 30', { value: '2020-06-30', granularity: 'day', anchor: 'published', tense: 'past' });
  });

  it('unknown tense picks the nearest such date', () => {
    const t = 'New rules: Jan. 1 for landlords.';
    check(t, '2021-11-20', 'Jan. 1', { value: '2022-01-01', tense: 'unknown' });
    check(t, '2021-02-20', 'Jan. 1', { value: '2021-01-01', tense: 'unknown' });
  });

  it('the Nov. 3 presidential election, after it and before it', () => {
    const after = 'Biden won the Nov. 3 presidential election, networks projected.';
    check(after, '2020-11-07', 'Nov. 3', { value: '2020-11-03', tense: 'past' });
    const before = 'Campaigns are spending heavily ahead of the Nov. 3 presidential election.';
    check(before, '2020-09-15', 'Nov. 3', { value: '2020-11-03', tense: 'future' });
  });

  it('a range within one month: October 14-15 set for a future summit', () => {
    const t = 'The summit is set for October 14-15 in Brussels.';
    check(t, '2021-05-13', 'October 14-15', {
      value: '2021-10-14',
      endValue: '2021-10-15',
      granularity: 'range',
      anchor: 'published',
      tense: 'future',
    });
  });

  it('February 27-28 in a past report, read in May', () => {
    const t = 'Talks held February 27-28 ended without a deal.';
    check(t, '2021-05-13', 'February 27-28', { value: '2021-02-27', endValue: '2021-02-28', granularity: 'range' });
  });

  it('a range crossing months: March 30-April 2', () => {
    const t = 'The festival runs March 30-April 2 in the old town.';
    check(t, '2022-01-05', 'March 30-April 2', { value: '2022-03-30', endValue: '2022-04-02', granularity: 'range' });
  });

  it('a range crossing the new year takes the next year for its end', () => {
    const t = 'The summit, scheduled for Dec. 30-Jan. 2, was cancelled.';
    check(t, '2021-11-20', 'Dec. 30-Jan. 2', { value: '2021-12-30', endValue: '2022-01-02', tense: 'future' });
  });

  it('a weekday written with a partial date picks the year it fits', () => {
    // March 3 was a Thursday in 2022 and a Friday in 2023: the weekday outvotes "most recent".
    const t = 'The ceasefire was agreed on Thursday, March 3.';
    check(t, '2023-03-10', 'Thursday, March 3', { value: '2022-03-03', granularity: 'day', reason: /weekday/ });
    check('The ceasefire was agreed on March 3.', '2023-03-10', 'March 3', { value: '2023-03-03' });
  });
});

describe('compound dates with their own reference', () => {
  it('"March 3 last year" in a May 2021 article', () => {
    const t = 'The firm was founded on March 3 last year by two former bankers.';
    check(t, '2021-05-10', 'March 3 last year', { value: '2020-03-03', granularity: 'day', anchor: 'published', tense: 'past' });
  });

  it('"June 12 last year" in a 2019 article', () => {
    const t = 'The two leaders first met on June 12 last year in Singapore.';
    check(t, '2019-02-27', 'June 12 last year', { value: '2018-06-12', granularity: 'day' });
  });

  it('"in June last year" with a bare month', () => {
    const t = 'He stepped down in June last year.';
    check(t, '2021-03-01', 'June last year', { value: '2020-06', granularity: 'month' });
  });

  it('"two days after March 3" counts from the date it names', () => {
    const t = 'Two days after March 3, the envoy left the capital.';
    check(t, '2021-05-13', 'Two days after March 3', { value: '2021-03-05', granularity: 'day', tense: 'past' });
  });
});

describe('relative expressions against the publication date', () => {
  it('"yesterday" and "last year" alone', () => {
    const t = 'Officials said yesterday that inflation last year was the highest in decades.';
    check(t, '2021-05-13', 'yesterday', { value: '2021-05-12', granularity: 'day', anchor: 'published', tense: 'past' });
    check(t, '2021-05-13', 'last year', { value: '2020', granularity: 'year', anchor: 'published', tense: 'past' });
  });

  it('"last June" in July is this year; in May it is last year', () => {
    const t = 'The mayor resigned last June.';
    check(t, '2021-07-20', 'last June', { value: '2021-06', granularity: 'month', tense: 'past' });
    check(t, '2021-05-20', 'last June', { value: '2020-06', granularity: 'month', tense: 'past' });
  });

  it('"next week" is Monday to Sunday of the following week', () => {
    const t = 'The board will meet next week to approve the budget.';
    check(t, '2020-11-07', 'next week', { value: '2020-11-09', endValue: '2020-11-15', granularity: 'range', tense: 'future' });
  });

  it('"this month" and "the end of this month"', () => {
    const t = 'Sales this month were weak, and the quarter closes at the end of this month.';
    check(t, '2021-05-13', 'this month', { value: '2021-05', granularity: 'month', anchor: 'published' });
    check(t, '2021-05-13', 'the end of this month', { value: '2021-05-21', endValue: '2021-05-31', granularity: 'range' });
  });

  it('a future deadline: "by the end of this month" is its last day', () => {
    const t = 'The government will publish the report by the end of this month.';
    check(t, '2021-02-10', 'the end of this month', { value: '2021-02-28', granularity: 'day', tense: 'future' });
  });

  it('"before the end of 2019" is a deadline on the last day of 2019', () => {
    const t = 'Britain must leave the bloc before the end of 2019, the prime minister said.';
    check(t, '2019-06-10', 'the end of 2019', { value: '2019-12-31', granularity: 'day', anchor: 'none' });
  });

  it('"a year ago" and "a year after"', () => {
    const t = 'A year ago, the plant closed. A year after, it reopened under new owners.';
    check(t, '2019-06-10', 'A year ago', { value: '2018', granularity: 'year', anchor: 'published', tense: 'past' });
    check(t, '2019-06-10', 'A year after', { value: '2019', granularity: 'year', anchor: 'previous' });
  });

  it('"the past few months" is a stretch ending at the anchor, and says it guessed "few"', () => {
    const t = 'Over the past few months, rents have climbed.';
    check(t, '2019-06-10', 'the past few months', {
      value: '2019-03',
      endValue: '2019-06',
      granularity: 'range',
      tense: 'past',
      reason: /few/,
    });
  });

  it('"in the coming weeks" starts at the anchor', () => {
    const t = 'The court is expected to rule in the coming weeks.';
    const s = check(t, '2019-06-10', 'the coming weeks', { value: '2019-06-10', granularity: 'range', tense: 'future' });
    assert.equal(s.endValue, '2019-07-01');
  });

  it('"in two weeks" points forward; "for two years" stays a duration', () => {
    const t = 'Talks will resume in two weeks. He served for two years.';
    check(t, '2021-11-20', 'two weeks', { value: '2021-12-04', granularity: 'day', anchor: 'published', tense: 'future' });
    check(t, '2021-11-20', 'two years', { value: 'P2Y', granularity: 'duration', anchor: 'none' });
  });

  it('"earlier this year" runs from January to the anchor month', () => {
    const t = 'The chief executive said earlier this year that margins would recover.';
    check(t, '2021-05-13', 'earlier this year', { value: '2021-01', endValue: '2021-05', granularity: 'range', tense: 'past' });
  });

  it('"late last year" and "early next week" as thirds', () => {
    const t = 'The plan, drafted late last year, will be debated early next week.';
    check(t, '2021-05-13', 'late last year', { value: '2020-09', endValue: '2020-12', granularity: 'range' });
    check(t, '2021-05-13', 'early next week', { value: '2021-05-17', endValue: '2021-05-18', granularity: 'range' });
  });
});

describe('more relative forms', () => {
  it('"today", "the day before yesterday" and "this weekend"', () => {
    const t = 'The day before yesterday, it snowed. Today, roads reopened, and more snow will fall this weekend.';
    check(t, '2021-05-13', 'The day before yesterday', { value: '2021-05-11', granularity: 'day', tense: 'past' });
    check(t, '2021-05-13', 'Today', { value: '2021-05-13', granularity: 'day', anchor: 'published' });
    check(t, '2021-05-13', 'this weekend', { value: '2021-05-15', endValue: '2021-05-16', tense: 'future' });
  });

  it('stretches counted in years keep month precision: "over the next two years", "in recent years"', () => {
    const t = 'Growth slowed in recent years, and the bank expects it to recover over the next two years.';
    check(t, '2021-05-13', 'recent years', { value: '2018-05', endValue: '2021-05', granularity: 'range', reason: /recent/ });
    check(t, '2021-05-13', 'the next two years', { value: '2021-05', endValue: '2023-05', tense: 'future' });
  });

  it('quarters of a year', () => {
    const t = 'Profit fell in the third quarter of 2021 after a strong Q1 2021.';
    check(t, null, 'the third quarter of 2021', { value: '2021-07', endValue: '2021-09', granularity: 'range', anchor: 'none' });
    check(t, null, 'Q1 2021', { value: '2021-01', endValue: '2021-03', granularity: 'range' });
  });
});

describe('weekdays', () => {
  // 2021-05-13 is a Thursday.
  it('"said Thursday" in a Thursday article is the same day', () => {
    const t = 'The central bank said Thursday that it would hold rates.';
    check(t, '2021-05-13', 'Thursday', { value: '2021-05-13', granularity: 'day', anchor: 'published', tense: 'past' });
  });

  it('past tense "on Thursday" in a Friday article is yesterday', () => {
    const t = 'Protesters gathered on Thursday outside parliament.';
    check(t, '2021-05-14', 'Thursday', { value: '2021-05-13', tense: 'past' });
  });

  it('future "on Thursday" in a Friday article is six days ahead', () => {
    const t = 'Ministers will meet on Thursday to discuss the budget.';
    check(t, '2021-05-14', 'Thursday', { value: '2021-05-20', tense: 'future' });
  });

  it('"early Friday morning" in past tense', () => {
    const t = 'Police said the attack happened early Friday morning.';
    check(t, '2021-05-13', 'early Friday morning', { value: '2021-05-07', granularity: 'day', tense: 'past' });
  });

  it('"last Thursday" in a Thursday article is a week back; "next Thursday" a week ahead', () => {
    const t = 'It happened last Thursday. He will visit next Thursday.';
    check(t, '2021-05-13', 'last Thursday', { value: '2021-05-06', tense: 'past' });
    check(t, '2021-05-13', 'next Thursday', { value: '2021-05-20', tense: 'future' });
  });

  it('past "on Monday" and future "on Friday" in one sentence', () => {
    const t = 'The talks, which began on Monday, are expected to conclude on Friday.';
    check(t, '2021-06-30', 'Monday', { value: '2021-06-28', tense: 'past' });
    check(t, '2021-06-30', 'Friday', { value: '2021-07-02', tense: 'future' });
  });
});

describe('the previous date as anchor', () => {
  it('"On March 3 … The next day … Two days later …"', () => {
    const t = 'On March 3, the army entered the city. The next day, it withdrew. Two days later, talks began.';
    check(t, '2022-01-05', 'March 3', { value: '2021-03-03', anchor: 'published', tense: 'past' });
    check(t, '2022-01-05', 'The next day', { value: '2021-03-04', granularity: 'day', anchor: 'previous' });
    check(t, '2022-01-05', 'Two days later', { value: '2021-03-06', granularity: 'day', anchor: 'previous' });
  });

  it('chains from an absolute date resolve even with no trusted document date', () => {
    const t = 'On March 3, 2015, the war began. The next day, troops advanced. A year later, peace came.';
    check(t, null, 'The next day', { value: '2015-03-04', anchor: 'previous' });
    check(t, null, 'A year later', { value: '2016', granularity: 'year', anchor: 'previous' });
  });

  it('"the day after the vote" counts from an event and stays unresolved', () => {
    const t = 'The day after the vote, crowds gathered in the square.';
    check(t, '2021-05-13', 'The day after', { value: null, reason: 'counted from an event, not a date' });
  });

  it('with nothing before it, "the next day" is unresolved', () => {
    const t = 'The next day, the rebels retreated.';
    check(t, '2021-05-13', 'The next day', { value: null, anchor: 'previous', reason: /no earlier date/ });
  });
});

describe('tense from the verb context', () => {
  const cases: [string, string, 'past' | 'future' | 'unknown'][] = [
    ['The two sides met on June 12.', 'June 12', 'past'],
    ['The two sides will meet on June 12.', 'June 12', 'future'],
    ['The final report is due to be published on June 12.', 'June 12', 'future'],
    ['A hearing has been set for June 12.', 'June 12', 'future'],
    ['Shares rallied ahead of the June 12 deadline.', 'June 12', 'future'],
    ['Elections will be held in June, the commission said.', 'June', 'future'],
    ['The union plans to strike on June 12.', 'June 12', 'future'],
    ['Negotiators, who went to Geneva and signed the accord on June 12, returned home.', 'June 12', 'past'],
    ['On June 12, the minister announced her resignation.', 'June 12', 'past'],
    ['On June 12, the minister will announce her plans.', 'June 12', 'future'],
    ["We'll know more on June 12.", 'June 12', 'future'],
    ['June 12: a timeline of the crisis', 'June 12', 'unknown'],
  ];
  for (const [text, phrase, tense] of cases) {
    it(`${tense}: ${text}`, () => {
      const m = parseTimeMentions(text).find((x) => x.text === phrase);
      assert.ok(m, `no mention "${phrase}"`);
      assert.equal(m.tense, tense);
      assert.equal(text.slice(m.start, m.end), phrase);
    });
  }
});

describe('no trusted document date', () => {
  it('every expression that needs the publication date is unresolved with the reason', () => {
    const t = 'Officials said Thursday that the deal, agreed in February and due next week, was signed on 4 May 2021.';
    const spans = findTimes(t, { anchor: null });
    const byText = new Map(spans.map((s) => [t.slice(s.start, s.end), s]));
    for (const p of ['Thursday', 'February', 'next week']) {
      assert.equal(byText.get(p)?.value, null, p);
      assert.equal(byText.get(p)?.reason, 'no trusted document date', p);
    }
    assert.equal(byText.get('4 May 2021')?.value, '2021-05-04');
  });
});

describe('durations, decades and year ranges', () => {
  it('two weeks, three days, 24 hours', () => {
    const t = 'The strike lasted two weeks; a second walkout took three days and a third 24 hours.';
    check(t, '2021-05-10', 'two weeks', { value: 'P2W', granularity: 'duration', anchor: 'none', tense: 'past' });
    check(t, '2021-05-10', 'three days', { value: 'P3D', granularity: 'duration' });
    check(t, '2021-05-10', '24 hours', { value: 'PT24H', granularity: 'duration' });
    assert.ok(!texts(t, '2021-05-10').some((x) => /second/.test(x)), 'ordinal "a second" is not a duration');
  });

  it('the 1950-53 war is a range of years', () => {
    const t = 'Veterans of the 1950-53 war gathered in Seoul.';
    check(t, '2021-05-10', '1950-53', { value: '1950', endValue: '1953', granularity: 'range', anchor: 'none' });
  });

  it('the 2020 election is the year 2020, future ahead of it', () => {
    const t = 'Donors are lining up ahead of the 2020 election.';
    check(t, '2019-06-10', '2020', { value: '2020', granularity: 'year', anchor: 'none', tense: 'future' });
  });

  it('decades and parts of decades', () => {
    const t = 'The town boomed in the 1990s and shrank in the early 2000s.';
    check(t, null, 'the 1990s', { value: '1990', endValue: '1999', granularity: 'range' });
    check(t, null, 'the early 2000s', { value: '2000', endValue: '2002', granularity: 'range' });
  });
});

describe('numbers that are not times', () => {
  it('counts, money, labels, clock times and anniversaries are not tagged', () => {
    const t =
      'About 1,000 citizens and 28,500 troops marked the 10th anniversary. Some 2000 people, more than 1500 ' +
      'officers, $2020 in cash, a curfew from 2000 GMT, Flight 1549, a 3-year-old girl, once a year, $5m a year.';
    assert.deepEqual(texts(t, '2021-05-10'), []);
  });

  it('named days and newspaper titles are not weekdays', () => {
    const t = 'The Sunday Times reported that Good Friday marches and Super Tuesday ballots were delayed.';
    assert.deepEqual(texts(t, '2021-05-13'), []);
  });

  it('"may" the verb and "May" the politician are not months', () => {
    const t = 'He may resign. May said on Monday that she would stay.';
    assert.deepEqual(texts(t, '2021-05-13'), ['Monday']);
  });
});

describe('offsets', () => {
  it('every span slices exactly the expression, including after multi-byte characters', () => {
    const t = 'Café owners — “furious” — said on 3 March 2021 that prices rose last year, and will rise next month.';
    const spans = findTimes(t, { anchor: '2021-03-05' });
    assert.deepEqual(
      spans.map((s) => t.slice(s.start, s.end)),
      ['3 March 2021', 'last year', 'next month'],
    );
    const start = t.indexOf('3 March');
    assert.equal(spans[0].start, start);
    assert.equal(spans[0].end, start + '3 March 2021'.length);
  });
});

describe('two layers: one parse, several anchors', () => {
  it('the same mention resolved against candidate publication dates', () => {
    const t = 'The minister said on Thursday that the deal struck in December was dead.';
    const ms = parseTimeMentions(t);
    const dec = ms.find((m) => m.text === 'December')!;
    assert.equal(dec.kind, 'partial');
    assert.deepEqual({ month: dec.fields.month, year: dec.fields.year }, { month: 12, year: undefined });
    assert.equal(dec.tense, 'past');
    assert.equal(resolveMention(dec, '2022-01-05').value, '2021-12');
    assert.equal(resolveMention(dec, '2021-12-20').value, '2021-12');
    assert.equal(resolveMention(dec, '2021-11-30').value, '2020-12');
    const thu = ms.find((m) => m.text === 'Thursday')!;
    assert.equal(thu.kind, 'weekday');
    assert.equal(thu.fields.weekday, 4);
    assert.equal(resolveMention(thu, '2021-05-13').value, '2021-05-13');
    assert.equal(resolveMention(thu, '2021-05-15').value, '2021-05-13');
  });

  it('resolveMention takes the previous resolved value for narrative expressions', () => {
    const [m] = parseTimeMentions('A week later, the border reopened.');
    assert.equal(m.kind, 'relative');
    assert.deepEqual(m.fields.shift, { unit: 'week', n: 1 });
    const r = resolveMention(m, '2021-05-13', { previous: { value: '2021-03-03', granularity: 'day' } });
    assert.equal(r.value, '2021-03-10');
    assert.equal(r.anchor, 'previous');
  });

  it('a bad anchor is reported, not guessed around', () => {
    const [m] = parseTimeMentions('Shares fell yesterday.');
    const r = resolveMention(m, 'May 2021');
    assert.equal(r.value, null);
    assert.match(r.reason ?? '', /not a YYYY-MM-DD/);
  });
});
