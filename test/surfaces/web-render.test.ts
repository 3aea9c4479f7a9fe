import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markText } from '../../src/surfaces/web/highlight.js';
import { html, join, safeHttpUrl } from '../../src/surfaces/web/html.js';
import { factHref, formatDate, formatFigure, parseHighlight } from '../../src/surfaces/web/pages.js';

// Rendering without a browser: escaping, mark nesting and splitting, link formats.

/** The text a rendered fragment shows, tags removed and entities decoded. */
function visible(s: string): string {
  return s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('html template', () => {
  it('escapes every interpolation unless it is Html', () => {
    const evil = `<script>alert("x")</script><img src=x onerror='y'>&`;
    const out = html`<p title="${evil}">${evil}${html`<b>ok</b>`}${[evil, html`<i>i</i>`]}</p>`.value;
    assert.ok(!out.includes('<script>'));
    assert.ok(!out.includes('<img'));
    assert.ok(out.includes('<b>ok</b>') && out.includes('<i>i</i>'));
    assert.ok(out.includes('title="&lt;script&gt;alert(&quot;x&quot;)'));
    assert.equal(join([html`a`, html`b`], ',').value, 'a,b');
  });

  it('only links http(s) URLs', () => {
    assert.equal(safeHttpUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example', 'not a url', null]) assert.equal(safeHttpUrl(bad), null, String(bad));
  });
});

describe('markText', () => {
  const text = 'Costa said "repairs will cost 2.4 million euros" on Monday & left.';

  it('keeps the text exact and escaped, with one id per range', () => {
    const out = markText(text, [
      { start: 0, end: 5, id: 'span-0-5', classes: ['k-entity'] },
      { start: 11, end: 48, id: 'span-11-48', classes: ['k-quote'] },
      { start: 30, end: 41, id: 'span-30-41', classes: ['k-figure'] },
    ]).value;
    assert.equal(visible(out), text);
    assert.ok(out.includes('&amp;'));
    for (const id of ['span-0-5', 'span-11-48', 'span-30-41']) assert.equal(out.split(`id="${id}"`).length, 2, id);
    // Nested: the figure's mark lies inside the quote's.
    assert.ok(out.indexOf('id="span-11-48"') < out.indexOf('id="span-30-41"'));
  });

  it('splits crossing ranges into properly nested pieces', () => {
    const out = markText('abcdefghij', [
      { start: 1, end: 6, id: 'a', classes: ['x'] },
      { start: 4, end: 9, id: 'b', classes: ['y'] },
    ]).value;
    assert.equal(visible(out), 'abcdefghij');
    // Balanced tags.
    let depth = 0;
    for (const m of out.matchAll(/<(\/?)mark/g)) {
      depth += m[1] ? -1 : 1;
      assert.ok(depth >= 0);
    }
    assert.equal(depth, 0);
    assert.equal(out, 'a<mark id="a" class="x" tabindex="-1">bcd<mark id="b" class="y" tabindex="-1">ef</mark></mark><mark class="y cont" data-for="b">ghi</mark>j');
  });

  it('merges ranges with the same id and ignores empty or out-of-range ones', () => {
    const out = markText('hello world', [
      { start: 0, end: 5, id: 'span-0-5', classes: ['k-entity'] },
      { start: 0, end: 5, id: 'span-0-5', classes: ['target'] },
      { start: 3, end: 3, id: 'empty', classes: [] },
      { start: 8, end: 99, id: 'tail', classes: ['t'] },
    ]).value;
    assert.ok(out.startsWith('<mark id="span-0-5" class="k-entity target" tabindex="-1">hello</mark>'));
    assert.ok(!out.includes('empty'));
    assert.ok(out.endsWith('<mark id="tail" class="t" tabindex="-1">rld</mark>'));
  });

  it('handles a whole text of untrusted markup as text', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const out = markText(evil, [{ start: 8, end: 16, id: 'span-8-16', classes: ['k-quote'] }]).value;
    assert.ok(!/<script|<img/i.test(out));
    assert.equal(visible(out), evil);
  });
});

describe('links and dates', () => {
  it('links facts to the document with a highlight query and fragment', () => {
    assert.equal(factHref('0123456789abcdef', 10, 42), '/documents/0123456789abcdef?hl=10-42#span-10-42');
  });

  it('accepts only in-range highlight ranges', () => {
    assert.deepEqual(parseHighlight('3-9', 20), { start: 3, end: 9 });
    for (const bad of ['9-3', '3-3', '3-21', 'x', '-1-4', '1-2-3', undefined]) assert.equal(parseHighlight(bad, 20), null, String(bad));
  });

  it('writes figure units for people', () => {
    assert.equal(formatFigure(2_400_000, undefined, 'currency:EUR'), 'EUR 2,400,000');
    assert.equal(formatFigure(12.5, undefined, 'percent'), '12.5%');
    assert.equal(formatFigure(9000, undefined, 'count'), '9,000');
    assert.equal(formatFigure(3, 5, 'km'), '3–5 km');
    assert.equal(formatFigure(25, undefined, 'basis-point'), '25 basis points');
  });

  it('formats dates the same in every locale', () => {
    assert.equal(formatDate('2025-03-04'), '4 Mar 2025');
    assert.equal(formatDate('2025-03'), 'Mar 2025');
    assert.equal(formatDate('2025'), '2025');
    assert.equal(formatDate(null), '');
  });
});
