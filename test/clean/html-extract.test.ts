import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../src/clean/html/extract.js';

const STORY_1 =
  'The city council voted on Tuesday to approve the new transit plan, which had been debated for nearly two years, officials said.';
const STORY_2 =
  'Residents were divided over the decision, and several neighbourhood groups said they would appeal it in court before the spring.';
const STORY_3 =
  'The first new bus lines are expected to open next autumn, according to a timetable published by the transport authority.';

const FULL_PAGE = `<!doctype html><html><head><title>Council approves transit plan | Daily Example</title>
<meta property="og:title" content="Council approves transit plan">
<style>.x{color:red}</style><script>var tracking = "Tracking code should never appear";</script></head>
<body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header class="site-header"><a href="/">Daily Example</a>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
 <article>
  <h1>Council approves transit plan</h1>
  <div class="byline">By Jane Doe, City Reporter</div>
  <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
  <figure><img src="stock.jpg"><figcaption>A stock photo of a bus. Photo: Getty Images</figcaption></figure>
  <p>${STORY_1}</p>
  <p>${STORY_2}</p>
  <p>${STORY_3}</p>
 </article>
 <section class="related-stories"><h3>Related stories</h3><ul>
  <li><a href="/a">Bus fares to rise in January as operators cite costs</a></li>
  <li><a href="/b">Cycle lanes plan faces fresh opposition from shop owners</a></li>
  <li><a href="/c">Airport rail link delayed again, say officials</a></li></ul></section>
 <section id="comments" class="comments"><h3>Comments</h3>
  <div class="comment"><p>This is a terrible idea and a waste of taxpayers' money, in my honest opinion, and I will vote against them.</p></div>
  <div class="comment"><p>Finally some progress on public transport in this city, it has been far too long coming, well done to all.</p></div>
 </section>
</main>
<div class="newsletter-signup"><p>Sign up for our newsletter to get the best stories of the day delivered to your inbox every morning.</p></div>
<footer><p>© 2024 Daily Example. All rights reserved.</p><a href="/about">About</a></footer>
</body></html>`;

test('a news page yields only the story body', () => {
  const r = extractArticle(FULL_PAGE);
  assert.equal(r.text, `${STORY_1}\n\n${STORY_2}\n\n${STORY_3}`);
  for (const junk of ['World', 'Jane Doe', 'Facebook', 'stock photo', 'Bus fares', 'terrible idea', 'newsletter', 'cookies', '©', 'Tracking']) {
    assert.ok(!r.text.includes(junk), `should not contain ${junk}`);
  }
  assert.equal(r.title, 'Council approves transit plan');
  assert.ok(r.evidence.some((e) => e.includes('container')));
});

test('block offsets slice the text exactly and raw ranges point at the source', () => {
  const r = extractArticle(FULL_PAGE);
  assert.equal(r.blocks.length, 3);
  assert.equal(r.rawRanges.length, r.blocks.length);
  const expected = [STORY_1, STORY_2, STORY_3];
  r.blocks.forEach((b, i) => {
    assert.equal(b.kind, 'block');
    assert.equal(b.block, 'paragraph');
    assert.equal(r.text.slice(b.start, b.end), expected[i]);
    const raw = FULL_PAGE.slice(r.rawRanges[i].start, r.rawRanges[i].end);
    assert.ok(raw.startsWith('<p>') && raw.endsWith('</p>') && raw.includes(expected[i]));
  });
});

test('headings, lists, blockquotes and pre are kept with their block types', () => {
  const html = `<html><body><nav><a href="/">Home</a> <a href="/x">Other</a></nav><div class="story-body">
    <p>${STORY_1}</p>
    <h2>What happens next</h2>
    <p>${STORY_2}</p>
    <ul><li>First line opens in autumn</li><li>Second line opens in spring</li></ul>
    <blockquote><p>We have waited a long time for this, and it will change how people move around the city.</p></blockquote>
    <pre>route  stops
1      12</pre>
    <table><tr><td>Line</td><td>Opening</td></tr><tr><td>Red</td><td>2025</td></tr></table>
    <p>${STORY_3}</p>
  </div></body></html>`;
  const r = extractArticle(html);
  const kinds = r.blocks.map((b) => b.block);
  assert.deepEqual(kinds, ['paragraph', 'heading', 'paragraph', 'list-item', 'list-item', 'quote', 'preformatted', 'table-row', 'table-row', 'paragraph']);
  assert.ok(r.text.includes('What happens next\n\n'));
  assert.ok(r.text.includes('First line opens in autumn\nSecond line opens in spring'), 'list items join with one newline');
  assert.ok(r.text.includes('route  stops\n1      12'), 'pre keeps its whitespace');
  for (const b of r.blocks) assert.equal(r.text.slice(b.start, b.end).trim(), r.text.slice(b.start, b.end));
  assert.ok(!r.text.includes('Home'));
});

test('JSON-LD articleBody tips the choice between competing prose regions', () => {
  const body = [STORY_1, STORY_2, STORY_3].join(' ');
  const promo = [
    'Our annual reader survey is open now and we would love to hear what you think about the coverage we offer every day.',
    'Members get early access to events, a weekly letter from the editor, and the satisfaction of supporting local journalism.',
    'Gift memberships are available too, and every one of them helps us keep reporting from the town hall and the courts.',
    'Become a member today: it takes two minutes, you can cancel at any time, and you will be helping your neighbours too.',
  ];
  const links = Array.from({ length: 20 }, (_, i) => `<li><a href="/s/${i}">Section number ${i} of the site index</a></li>`).join('');
  const page = (head: string) => `<html><head>${head}</head><body>
    <div class="a">${promo.map((p) => `<p>${p}</p>`).join('')}</div>
    <ul>${links}</ul>
    <div class="b"><p>${STORY_1}</p><p>${STORY_2}</p><p>${STORY_3}</p></div>
  </body></html>`;
  const ld = `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Council approves transit plan',
    articleBody: body,
  })}</script>`;
  // Without structured data the longer promo region wins; articleBody confirms the story.
  assert.ok(extractArticle(page('')).text.startsWith('Our annual reader survey'));
  const r = extractArticle(page(ld));
  assert.equal(r.text, `${STORY_1}\n\n${STORY_2}\n\n${STORY_3}`);
  assert.ok(r.evidence.some((e) => e.includes('JSON-LD')));
  assert.equal(r.title, 'Council approves transit plan');
});

test('malformed HTML does not throw', () => {
  const inputs = [
    '',
    'plain text with no tags at all, but long enough to be a sentence, surely.',
    '<p>unclosed paragraph <b>bold <i>italic</p><div><p>another',
    '<html><body><div><div><div><p>' + STORY_1 + '</span></table></body>',
    '<<<>>> </div></div> <p <p> &amp &#xZZ; &bogus; <!-- unterminated comment',
    '<table><tr><td><p>' + STORY_2 + '<td>cell</table></p></div>',
    '\u0000\uFFFD<script>never closed',
    '<svg><p>inside svg</p></svg><math><mi>x</mi></math>',
  ];
  for (const html of inputs) {
    const r = extractArticle(html);
    assert.equal(typeof r.text, 'string');
    for (const b of r.blocks) assert.ok(b.start >= 0 && b.end <= r.text.length && b.start <= b.end);
  }
  assert.ok(extractArticle(inputs[3]).text.includes('city council voted'));
  assert.ok(extractArticle(inputs[5]).text.includes('Residents were divided'));
});

test('deeply nested markup does not overflow the stack', () => {
  const depth = 3000;
  const html = '<div>'.repeat(depth) + `<p>${STORY_1}</p>` + '</div>'.repeat(depth);
  const r = extractArticle(html);
  assert.ok(r.text.includes('city council voted'));
});
