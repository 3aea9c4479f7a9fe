import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod, mkdir, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { readInputs, type IngestOptions, type IngestOutcome, type RawInput } from '../../src/ingest/index.js';

let dir: string;

async function collect(specs: string[], opts?: IngestOptions): Promise<IngestOutcome[]> {
  const out: IngestOutcome[] = [];
  for await (const o of readInputs(specs, opts)) out.push(o);
  return out;
}

function input(o: IngestOutcome | undefined): RawInput {
  assert.ok(o, 'no outcome');
  if (!o.ok) assert.fail(`expected ok for ${o.source}, got: ${o.reason}`);
  return o.input;
}

function failure(o: IngestOutcome | undefined): { source: string; reason: string } {
  assert.ok(o, 'no outcome');
  if (o.ok) assert.fail(`expected failure for ${o.input.source}`);
  return o;
}

const PAGE = '<!doctype html><html><head><title>Storm</title></head><body><p>Rain.</p></body></html>';
const LEGACY = iconv.encode('<html><head><meta charset="windows-1252"></head><body>\u201chi\u201d</body></html>', 'windows-1252');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dateline-ingest-'));
  await writeFile(join(dir, 'page.html'), PAGE);
  await writeFile(join(dir, 'notes.txt'), 'Plain dump of an article.\nSecond line.');
  await writeFile(join(dir, 'empty.html'), '');
  await writeFile(join(dir, 'image.png'), PNG);
  await writeFile(join(dir, 'disguised.html'), PNG);
  await writeFile(join(dir, 'legacy.htm'), LEGACY);
  await writeFile(join(dir, 'page.html.gz'), gzipSync(Buffer.from(PAGE)));

  const tree = join(dir, 'tree');
  await mkdir(join(tree, 'nested', 'deeper'), { recursive: true });
  await mkdir(join(tree, '.git'), { recursive: true });
  await mkdir(join(tree, 'story_files'), { recursive: true });
  await writeFile(join(tree, 'b.htm'), PAGE);
  await writeFile(join(tree, 'a.txt'), 'Alpha.');
  await writeFile(join(tree, 'story.html'), PAGE.replace('Rain', 'Story'));
  await writeFile(join(tree, 'story_files', 'ad-frame.html'), '<html><body>ad</body></html>');
  await writeFile(join(tree, 'nested', 'deeper', 'c.html'), PAGE.replace('Rain', 'Deep'));
  await writeFile(join(tree, 'nested', 'logo.png'), PNG);
  await writeFile(join(tree, 'nested', 'script.js'), 'var x = 1;');
  await writeFile(join(tree, '.hidden.html'), PAGE);
  await writeFile(join(tree, '.git', 'index.html'), PAGE);
  await mkdir(join(dir, 'nothing-here'));
  await writeFile(join(dir, 'nothing-here', 'readme.md'), '# no inputs');

  const lines = [
    JSON.stringify({ url: 'https://news.example/a', html: PAGE, title: 'Storm', authors: 'Ann Lee', outlet: 'Example News', published: '2024-03-01' }),
    '{"url": "https://news.example/b", "html": "<p>broken", ',
    JSON.stringify({ url: 'https://news.example/c', text: 'Plain text story.', authors: ['Bo Ma', ' ', 'Cy Ng'] }),
    '',
    JSON.stringify({ url: 'https://news.example/d', title: 'no body' }),
    JSON.stringify([1, 2]),
    JSON.stringify({ url: 42, text: 'x' }),
    JSON.stringify({ text: 'No url is fine.' }) + '\r',
  ];
  await writeFile(join(dir, 'batch.jsonl'), lines.join('\n') + '\n');
  await writeFile(join(dir, 'batch.jsonl.gz'), gzipSync(Buffer.from(lines.slice(0, 3).join('\n'))));
  await writeFile(join(dir, 'records.json'), JSON.stringify([{ url: 'https://x.example/1', html: PAGE }, { nope: true }]));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs: files', () => {
  it('reads an HTML file with its format and an ISO timestamp', async () => {
    const [o] = await collect([join(dir, 'page.html')]);
    const i = input(o);
    assert.equal(i.source, join(dir, 'page.html'));
    assert.equal(i.url, null);
    assert.equal(i.format, 'html');
    assert.equal(i.bytes.toString(), PAGE);
    assert.deepEqual(i.headers, {});
    assert.ok(!Number.isNaN(Date.parse(i.fetchedAt)));
  });

  it('reads text files as text and keeps legacy bytes untouched for the decoder', async () => {
    const [t, l] = await collect([join(dir, 'notes.txt'), join(dir, 'legacy.htm')]);
    assert.equal(input(t).format, 'text');
    assert.equal(input(l).format, 'html');
    assert.ok(input(l).bytes.equals(LEGACY), 'bytes must reach the decoder exactly as stored');
  });

  it('gunzips .gz files and detects the format from the inner name', async () => {
    const i = input((await collect([join(dir, 'page.html.gz')]))[0]);
    assert.equal(i.bytes.toString(), PAGE);
    assert.equal(i.format, 'html');
  });

  it('accepts file:// URLs', async () => {
    const i = input((await collect([pathToFileURL(join(dir, 'page.html')).href]))[0]);
    assert.equal(i.source, join(dir, 'page.html'));
  });

  it('refuses empty files, binaries and missing paths with clear reasons, and carries on', async () => {
    const out = await collect([join(dir, 'empty.html'), join(dir, 'image.png'), join(dir, 'disguised.html'), join(dir, 'missing.html'), join(dir, 'page.html')]);
    assert.equal(out.length, 5);
    assert.deepEqual(failure(out[0]), { ok: false, source: join(dir, 'empty.html'), reason: 'empty file' });
    assert.equal(failure(out[1]).reason, 'binary data (looks like PNG)');
    assert.equal(failure(out[2]).reason, 'binary data (looks like PNG)');
    assert.equal(failure(out[3]).reason, 'not found');
    assert.equal(input(out[4]).format, 'html');
  });

  it('refuses a 50 MB file by its size without reading it', async () => {
    const big = join(dir, 'huge.html');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024); // sparse: instant, and all NUL bytes
    const started = process.hrtime.bigint();
    const [o] = await collect([big]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Had it been read, the NULs would have been reported as binary data instead.
    assert.equal(failure(o).reason, 'too large: file is 50.0 MiB, over the 20.0 MiB limit');
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('honours a custom maxBytes', async () => {
    const [o] = await collect([join(dir, 'page.html')], { maxBytes: 10 });
    assert.match(failure(o).reason, /^too large: file is \d+ bytes, over the 10 bytes limit$/);
  });

  it('reports permission denied', { skip: process.getuid?.() === 0 ? 'running as root: permissions are not enforced' : false }, async () => {
    const locked = join(dir, 'locked.html');
    await writeFile(locked, PAGE);
    await chmod(locked, 0o000);
    const [o] = await collect([locked]);
    assert.equal(failure(o).reason, 'permission denied');
  });

  it('hints at https:// for a missing path that looks like a domain', async () => {
    const [o] = await collect(['news.example.com/story']);
    assert.equal(failure(o).reason, 'not found (for a web page, use https://news.example.com/story)');
    const [file] = await collect(['no-such-article.html']);
    assert.equal(failure(file).reason, 'not found');
  });

  it('refuses unsupported URL schemes', async () => {
    const [o] = await collect(['ftp://example.com/a.html']);
    assert.match(failure(o).reason, /^unsupported URL scheme ftp:/);
  });
});

describe('readInputs: folders', () => {
  it('walks recursively in name order, skipping hidden entries, non-inputs and saved-page asset folders', async () => {
    const out = await collect([join(dir, 'tree')]);
    const sources = out.map((o) => input(o).source.slice(join(dir, 'tree').length + 1));
    assert.deepEqual(sources, ['a.txt', 'b.htm', join('nested', 'deeper', 'c.html'), 'story.html']);
  });

  it('says when a folder holds nothing to read', async () => {
    const [o, more] = await collect([join(dir, 'nothing-here')]);
    assert.match(failure(o).reason, /^folder has no input files/);
    assert.equal(more, undefined);
  });
});

describe('readInputs: JSON Lines and JSON batches', () => {
  it('turns each line into an input with supplied facts; bad lines fail alone, named by line number', async () => {
    const path = join(dir, 'batch.jsonl');
    const out = await collect([path]);
    assert.deepEqual(
      out.map((o) => (o.ok ? o.input.source : o.source)),
      [1, 2, 3, 5, 6, 7, 8].map((n) => `${path}#${n}`),
    );

    const first = input(out[0]);
    assert.equal(first.url, 'https://news.example/a');
    assert.equal(first.format, 'html');
    assert.equal(first.bytes.toString('utf8'), PAGE);
    assert.deepEqual(first.supplied, { title: 'Storm', authors: ['Ann Lee'], outlet: 'Example News', published: '2024-03-01' });

    assert.match(failure(out[1]).reason, /^malformed JSON on line 2: /);

    const third = input(out[2]);
    assert.equal(third.format, 'text');
    assert.deepEqual(third.supplied, { authors: ['Bo Ma', 'Cy Ng'] });

    assert.equal(failure(out[3]).reason, 'record has no "html" or "text" string');
    assert.equal(failure(out[4]).reason, 'record is not a JSON object');
    assert.equal(failure(out[5]).reason, '"url" must be a string');
    const last = input(out[6]);
    assert.equal(last.url, null);
    assert.equal(last.supplied, undefined);
  });

  it('streams gzipped JSON Lines', async () => {
    const out = await collect([join(dir, 'batch.jsonl.gz')]);
    assert.deepEqual(
      out.map((o) => o.ok),
      [true, false, true],
    );
  });

  it('refuses a line longer than maxBytes without failing the rest', async () => {
    const path = join(dir, 'long.jsonl');
    await writeFile(path, [JSON.stringify({ text: 'x'.repeat(5000) }), JSON.stringify({ text: 'short' })].join('\n'));
    const out = await collect([path], { maxBytes: 1000 });
    assert.match(failure(out[0]).reason, /^too large: line is over/);
    assert.equal(input(out[1]).bytes.toString(), 'short');
  });

  it('reads a .json array of records, numbering items', async () => {
    const path = join(dir, 'records.json');
    const out = await collect([path]);
    assert.equal(input(out[0]).source, `${path}#1`);
    assert.equal(failure(out[1]).source, `${path}#2`);
  });
});

describe('readInputs: stdin', () => {
  it("reads '-' from the given stream", async () => {
    const out = await collect(['-'], { stdin: Readable.from([Buffer.from('<html><body>'), Buffer.from('piped</body></html>')]) });
    const i = input(out[0]);
    assert.equal(i.source, 'stdin');
    assert.equal(i.format, 'html');
    assert.equal(i.bytes.toString(), '<html><body>piped</body></html>');
  });

  it('refuses empty or oversized stdin', async () => {
    const [empty] = await collect(['-'], { stdin: Readable.from([]) });
    assert.equal(failure(empty).reason, 'empty input on stdin');
    const [big] = await collect(['-'], { stdin: Readable.from([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)]), maxBytes: 1000 });
    assert.match(failure(big).reason, /^too large: stdin/);
  });
});
