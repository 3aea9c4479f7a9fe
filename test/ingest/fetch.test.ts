import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { nonPublicReason } from '../../src/ingest/address.js';
import { fetchUrl } from '../../src/ingest/fetch.js';
import { decodeInput, readInputs, type IngestOptions, type IngestOutcome, type RawInput } from '../../src/ingest/index.js';

const PAGE = '<!doctype html><html><head><title>Quake</title></head><body><p>It shook.</p></body></html>';
const LATIN = iconv.encode('<html><body>\u201cCaf\u00e9\u201d</body></html>', 'windows-1252');

let server: http.Server;
let base: string;
let port: number;

before(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      // Alternate absolute and relative Locations: both must resolve.
      res.writeHead(n % 2 ? 302 : 301, { location: n === 0 ? '/page' : n % 2 ? `${base}/hop/${n - 1}` : `/hop/${n - 1}` });
      return res.end();
    }
    switch (path) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'last-modified': 'Tue, 05 Mar 2024 10:00:00 GMT', 'x-secret': 'no' });
        return res.end(PAGE);
      case '/latin':
        res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
        return res.end(LATIN);
      case '/gzip':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(gzipSync(Buffer.from(PAGE)));
      case '/plain':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('Just a text dump.');
      case '/to-other-host':
        res.writeHead(302, { location: `http://127.0.0.2:${port}/page` });
        return res.end();
      case '/to-ftp':
        res.writeHead(301, { location: 'ftp://files.example/a.html' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html>');
        return; // never finishes
      case '/big': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        return pump();
      }
      case '/big-declared':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
        return res.end();
      case '/png':
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      case '/octet-png':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
      case '/empty':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end();
      default:
        res.writeHead(404, { 'content-type': 'text/html' });
        return res.end('<p>nope</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const LOCAL: IngestOptions = { allowPrivate: true, timeoutMs: 5000 };

async function one(spec: string, opts: IngestOptions = LOCAL): Promise<IngestOutcome> {
  const out: IngestOutcome[] = [];
  for await (const o of readInputs([spec], opts)) out.push(o);
  assert.equal(out.length, 1);
  return out[0];
}

function input(o: IngestOutcome): RawInput {
  if (!o.ok) assert.fail(`expected ok, got: ${o.reason}`);
  return o.input;
}

function reason(o: IngestOutcome): string {
  if (o.ok) assert.fail(`expected failure for ${o.input.source}`);
  return o.reason;
}

describe('readInputs: URLs', () => {
  it('fetches a page and keeps the headers that matter', async () => {
    const i = input(await one(`${base}/page`));
    assert.equal(i.source, `${base}/page`);
    assert.equal(i.url, `${base}/page`);
    assert.equal(i.bytes.toString(), PAGE);
    assert.equal(i.format, 'html');
    assert.equal(i.contentType, 'text/html; charset=utf-8');
    assert.equal(i.headers['last-modified'], 'Tue, 05 Mar 2024 10:00:00 GMT');
    assert.ok(i.headers.date);
    assert.equal(i.headers['x-secret'], undefined);
  });

  it('decodes with the charset from the Content-Type header', async () => {
    const i = input(await one(`${base}/latin`));
    assert.ok(i.bytes.equals(LATIN));
    const d = decodeInput(i);
    assert.ok(!('error' in d));
    assert.equal(d.text, '<html><body>\u201cCaf\u00e9\u201d</body></html>');
    assert.equal(d.evidence, 'HTTP header charset=ISO-8859-1, decoded as windows-1252');
  });

  it('follows a redirect chain within the limit and reports the final URL', async () => {
    // hop/4 -> 3 -> 2 -> 1 -> 0 -> /page: exactly the default limit of 5 redirects.
    const i = input(await one(`${base}/hop/4`));
    assert.equal(i.url, `${base}/page`);
    assert.equal(i.source, `${base}/hop/4`);
    assert.equal(i.bytes.toString(), PAGE);
  });

  it('refuses a chain longer than maxRedirects, and a loop', async () => {
    assert.equal(reason(await one(`${base}/hop/3`, { ...LOCAL, maxRedirects: 2 })), 'too many redirects (more than 2)');
    assert.equal(reason(await one(`${base}/loop`)), 'too many redirects (more than 5)');
  });

  it('times out on a server that never finishes', async () => {
    const started = Date.now();
    assert.equal(reason(await one(`${base}/slow`, { ...LOCAL, timeoutMs: 300 })), 'timed out after 300 ms');
    assert.ok(Date.now() - started < 3000);
  });

  it('stops reading a streamed body past maxBytes', async () => {
    assert.equal(reason(await one(`${base}/big`, { ...LOCAL, maxBytes: 1024 * 1024 })), 'too large: response body exceeds the 1.0 MiB limit');
    assert.match(reason(await one(`${base}/big-declared`)), /^too large: Content-Length 50\.0 MiB exceeds the 20\.0 MiB limit$/);
  });

  it('decompresses gzip content-encoding', async () => {
    assert.equal(input(await one(`${base}/gzip`)).bytes.toString(), PAGE);
  });

  it('sniffs text/plain as text', async () => {
    assert.equal(input(await one(`${base}/plain`)).format, 'text');
  });

  it('refuses HTTP errors, non-text content, binary bodies and empty bodies', async () => {
    assert.equal(reason(await one(`${base}/missing`)), 'HTTP 404 Not Found');
    assert.equal(reason(await one(`${base}/png`)), 'non-text content-type image/png');
    assert.equal(reason(await one(`${base}/octet-png`)), 'binary data (looks like PNG)');
    assert.equal(reason(await one(`${base}/empty`)), 'empty response body');
  });

  it('reports a closed port clearly', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.equal(reason(await one(`http://127.0.0.1:${closedPort}/`)), `connection refused by 127.0.0.1:${closedPort}`);
  });

  it('refuses loopback addresses unless allowPrivate, by literal and after DNS', async () => {
    const strict: IngestOptions = { timeoutMs: 5000 };
    assert.match(reason(await one(`${base}/page`, strict)), /^refused: 127\.0\.0\.1 is a loopback address/);
    assert.match(reason(await one(`http://[::1]:${port}/page`, strict)), /^refused: \[::1\] is a loopback address/);
    assert.match(reason(await one(`http://[::ffff:127.0.0.1]:${port}/page`, strict)), /loopback \(IPv4-mapped 127\.0\.0\.1\)/);
    // localhost resolves from the hosts file, so this exercises the checked lookup offline.
    assert.match(reason(await one(`http://localhost:${port}/page`, strict)), /^refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
  });

  it('re-checks the address on every redirect hop', async () => {
    // Trust exactly the test server's address, as if it were public; everything else keeps the default rules.
    const onlyThisServer = (addr: string) => (addr === '127.0.0.1' ? null : nonPublicReason(addr));
    await assert.rejects(fetchUrl(`${base}/to-other-host`, { timeoutMs: 5000 }, onlyThisServer), {
      message: /^refused: 127\.0\.0\.2 is a loopback address/,
    });
    const ok = await fetchUrl(`${base}/hop/1`, { timeoutMs: 5000 }, onlyThisServer);
    assert.equal(ok.url, `${base}/page`);
    assert.equal(reason(await one(`${base}/to-ftp`)), 'unsupported URL scheme ftp:');
  });

  it('refuses URLs carrying credentials', async () => {
    assert.equal(reason(await one(`http://user:pw@127.0.0.1:${port}/page`)), 'URLs with credentials are not fetched');
  });
});
