import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes, decodeInput, type Decoded } from '../../src/ingest/decode.js';
import { recordToInput } from '../../src/ingest/files.js';
import { binaryReason, detectFormat, looksLikeHtml } from '../../src/ingest/sniff.js';

function ok(result: Decoded | { error: string }): Decoded {
  if ('error' in result) assert.fail(`expected text, got error: ${result.error}`);
  return result;
}

// "ニュース" in ISO-2022-JP: escape sequences switch into JIS X 0208 and back.
const ISO_2022_JP_NEWS = Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x4b, 0x25, 0x65, 0x21, 0x3c, 0x25, 0x39, 0x1b, 0x28, 0x42]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('decodeBytes: byte order marks', () => {
  it('strips a UTF-8 BOM and says so', () => {
    const d = ok(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café', 'utf8')])));
    assert.equal(d.text, 'café');
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.evidence, 'BOM (utf-8)');
  });

  it('decodes UTF-16LE and UTF-16BE by BOM, even though they contain NUL bytes', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Zürich</p>', 'utf16le')]);
    const d1 = ok(decodeBytes(le));
    assert.equal(d1.text, '<p>Zürich</p>');
    assert.equal(d1.encoding, 'utf-16le');

    const be = Buffer.from(Buffer.from('<p>Zürich</p>', 'utf16le')).swap16();
    const d2 = ok(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    assert.equal(d2.text, '<p>Zürich</p>');
    assert.equal(d2.evidence, 'BOM (utf-16be)');
  });

  it('a BOM beats a conflicting HTTP charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('naïve', 'utf8')]);
    const d = ok(decodeBytes(bytes, { contentType: 'text/plain; charset=windows-1252' }));
    assert.equal(d.text, 'naïve');
    assert.equal(d.evidence, 'BOM (utf-8)');
  });

  it('recognises UTF-16LE without a BOM instead of calling it binary', () => {
    const d = ok(decodeBytes(Buffer.from('<html><body>Hello world</body></html>', 'utf16le')));
    assert.equal(d.text, '<html><body>Hello world</body></html>');
    assert.match(d.evidence, /utf-16le without BOM/);
  });
});

describe('decodeBytes: declarations', () => {
  it('uses <meta charset=windows-1252>', () => {
    const html = '<html><head><meta charset="windows-1252"><title>x</title></head><body>\u201cQuoted\u201d caf\u00e9 \u2014 \u20ac5</body></html>';
    const d = ok(decodeBytes(iconv.encode(html, 'windows-1252'), { format: 'html' }));
    assert.equal(d.text, html);
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(d.evidence, '<meta charset=windows-1252>');
  });

  it('reads iso-8859-1 from http-equiv and decodes it as windows-1252 (curly quotes survive)', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>\u201cSmart\u201d na\u00efve</body></html>';
    const d = ok(decodeBytes(iconv.encode(html, 'windows-1252')));
    assert.equal(d.text, html);
    assert.equal(d.encoding, 'windows-1252');
    assert.match(d.evidence, /^<meta http-equiv="Content-Type" charset=ISO-8859-1>/);
    assert.match(d.evidence, /decoded as windows-1252/);
  });

  it('decodes Shift_JIS declared in <meta>', () => {
    const html = '<html><head><meta charset="Shift_JIS"><title>速報</title></head><body><p>東京で震度５強の地震。「被害なし」と気象庁。</p></body></html>';
    const bytes = iconv.encode(html, 'shift_jis');
    assert.notEqual(bytes.toString('utf8'), html);
    const d = ok(decodeBytes(bytes));
    assert.equal(d.text, html);
    assert.equal(d.encoding, 'shift_jis');
    assert.equal(d.evidence, '<meta charset=Shift_JIS>');
  });

  it('decodes ISO-2022-JP, which iconv-lite lacks, through TextDecoder', () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="iso-2022-jp"></head><body>'), ISO_2022_JP_NEWS, Buffer.from('</body></html>')]);
    const d = ok(decodeBytes(bytes));
    assert.equal(d.encoding, 'iso-2022-jp');
    assert.match(d.text, /<body>ニュース<\/body>/);
  });

  it('takes the charset from the HTTP Content-Type over <meta>, and says it overrode it', () => {
    const html = '<html><head><meta charset="utf-8"></head><body>caf\u00e9</body></html>';
    const d = ok(decodeBytes(iconv.encode(html, 'windows-1252'), { contentType: 'text/html; charset="iso-8859-1"' }));
    assert.equal(d.text, html);
    assert.match(d.evidence, /^HTTP header charset=iso-8859-1 \(overrides <meta charset=utf-8>\)/);
  });

  it('ignores a <meta charset> inside a comment or past the first 4 KB', () => {
    const commented = '<html><head><!-- <meta charset="shift_jis"> --></head><body>plain</body></html>';
    assert.equal(ok(decodeBytes(Buffer.from(commented))).evidence, 'valid UTF-8 (pure ASCII)');
    const late = '<html><head><title>t</title>' + ' '.repeat(5000) + '<meta charset="shift_jis"></head></html>';
    assert.equal(ok(decodeBytes(Buffer.from(late))).evidence, 'valid UTF-8 (pure ASCII)');
  });

  it('does not look for <meta> in plain text', () => {
    const text = 'A note about markup: <meta charset="shift_jis"> sets an encoding. Caf\u00e9.';
    const d = ok(decodeBytes(Buffer.from(text, 'utf8'), { format: 'text' }));
    assert.equal(d.evidence, 'valid UTF-8');
    assert.equal(d.text, text);
  });

  it('falls through an unknown declared charset and says it ignored it', () => {
    const d = ok(decodeBytes(Buffer.from('<html><head><meta charset="klingon-8"></head><body>ok</body></html>')));
    assert.equal(d.encoding, 'utf-8');
    assert.match(d.evidence, /^valid UTF-8 \(pure ASCII\); ignored unknown <meta charset=klingon-8>/);
  });
});

describe('decodeBytes: content', () => {
  it('accepts valid UTF-8 without a declaration', () => {
    const d = ok(decodeBytes(Buffer.from('Zoë said “no”.', 'utf8')));
    assert.equal(d.text, 'Zoë said “no”.');
    assert.equal(d.evidence, 'valid UTF-8');
  });

  it('falls back to windows-1252 when bytes are not valid UTF-8', () => {
    const d = ok(decodeBytes(iconv.encode('Caf\u00e9 \u201cnoir\u201d', 'windows-1252')));
    assert.equal(d.text, 'Caf\u00e9 \u201cnoir\u201d');
    assert.equal(d.encoding, 'windows-1252');
    assert.equal(d.evidence, 'fallback windows-1252: bytes are not valid UTF-8');
  });

  it('decodes invalid UTF-8 in a page that declares UTF-8 with replacement, and says so', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="utf-8"></head><body>ok \u2713 '),
      Buffer.from([0xe9, 0x20, 0xff]),
      Buffer.from(' end</body></html>'),
    ]);
    const d = ok(decodeBytes(bytes));
    assert.equal(d.encoding, 'utf-8');
    assert.match(d.text, /ok \u2713 \uFFFD \uFFFD end/);
    assert.match(d.evidence, /^<meta charset=utf-8>, but the bytes are not valid UTF-8: decoded with replacement \(2 invalid sequences/);
  });

  it('refuses empty and binary input', () => {
    assert.deepEqual(decodeBytes(Buffer.alloc(0)), { error: 'empty input' });
    assert.deepEqual(decodeBytes(PNG), { error: 'binary data (looks like PNG)' });
    assert.deepEqual(decodeBytes(Buffer.from([0x41, 0x00, 0x42, 0x43, 0x00, 0x00, 0x01, 0x44, 0x41, 0x41])), {
      error: 'binary data (contains NUL bytes)',
    });
  });

  it('decodeInput does not claim a JSON Lines record came with an HTTP header', () => {
    const input = recordToInput('batch.jsonl#1', { url: 'https://example.com/a', html: '<meta charset="windows-1252"><p>caf\u00e9</p>' }, 1 << 20);
    const d = ok(decodeInput(input));
    assert.equal(d.text, '<meta charset="windows-1252"><p>caf\u00e9</p>');
    assert.match(d.evidence, /^declared Content-Type charset=utf-8/);
  });
});

describe('format sniffing', () => {
  it('knows HTML by doctype, structure tags or tag density', () => {
    assert.ok(looksLikeHtml('  <!DOCTYPE html><p>x'));
    assert.ok(looksLikeHtml('<HTML lang="en">'));
    assert.ok(looksLikeHtml('Saved page\n<body class="x">hi</body>'));
    assert.ok(looksLikeHtml('<div><p>One</p><p>Two</p><p>Three <a href="#">link</a></p></div>'));
    assert.ok(!looksLikeHtml('Shares fell 3% as x < y and y > z; see <https://example.com>.'));
  });

  it('trusts .html and text/html over content; sniffs otherwise', () => {
    const prose = Buffer.from('Just words.');
    assert.equal(detectFormat(prose, { name: 'a.HTM' }), 'html');
    assert.equal(detectFormat(prose, { contentType: 'text/html; charset=utf-8' }), 'html');
    assert.equal(detectFormat(prose, { name: 'a.txt' }), 'text');
    assert.equal(detectFormat(Buffer.from('<!doctype html><title>x</title>'), { name: 'saved.txt' }), 'html');
  });

  it('names binaries by their magic numbers and leaves text with ESC alone', () => {
    assert.equal(binaryReason(Buffer.from('%PDF-1.7\n%\xe2\xe3')), 'binary data (looks like PDF)');
    assert.equal(binaryReason(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])), 'binary data (looks like JPEG)');
    assert.equal(binaryReason(ISO_2022_JP_NEWS), null);
    assert.match(binaryReason(Buffer.from([1, 2, 3, 4, 5, 6, 0x41, 0x42, 7, 8]))!, /control characters/);
  });
});
