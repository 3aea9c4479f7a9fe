/**
 * HTTP(S) fetch for one URL.
 *
 * Built on node:http/https rather than global fetch because the address check has to run
 * on the address actually connected to: a custom `lookup` lets us resolve, vet and pin the
 * IPs in one step (no DNS-rebinding gap between check and connect), which fetch (undici)
 * cannot do without an extra dependency. It also gives us the raw stream for byte limits.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isIpLiteral, nonPublicReason } from './address.js';
import { binaryReason, detectFormat } from './sniff.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  IngestError,
  formatBytes,
  type IngestOptions,
  type RawInput,
} from './types.js';

/** Response headers kept on the input: the ones that help decode and date a page. */
const KEPT_HEADERS = ['content-type', 'content-language', 'last-modified', 'date', 'etag'];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class PrivateAddressError extends Error {
  code = 'EPRIVATE';
}

function refuse(host: string, address: string, why: string): PrivateAddressError {
  const shown = host === address ? address : `${host} (${address})`;
  return new PrivateAddressError(`refused: ${shown} is a ${why} address; pass allowPrivate to fetch it`);
}

/** DNS lookup that only hands public addresses to the socket. */
/** Why an address may not be connected to, or null when it may. */
export type AddressPolicy = (address: string) => string | null;

const ANY_ADDRESS: AddressPolicy = () => null;

function guardedLookup(policy: AddressPolicy): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const usable = addresses.filter((a) => policy(a.address) === null);
      if (usable.length === 0) {
        const first = addresses[0];
        const error = first
          ? refuse(hostname, first.address, policy(first.address) ?? 'non-public')
          : Object.assign(new Error(`DNS lookup returned no addresses for ${hostname}`), { code: 'ENOTFOUND' });
        return callback(error);
      }
      if (options.all) callback(null, usable);
      else callback(null, usable[0].address, usable[0].family);
    });
  }) as LookupFunction;
}

function acceptableContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const mime = contentType.split(';')[0].trim().toLowerCase();
  if (!mime || mime.startsWith('text/') || mime.endsWith('+xml') || mime.endsWith('+json')) return null;
  // octet-stream is what misconfigured servers send for .html files; content sniffing
  // (the binary check) still rejects real binaries.
  if (['application/xml', 'application/json', 'application/octet-stream', 'application/x-httpd-php'].includes(mime)) return null;
  return `non-text content-type ${mime}`;
}

function describeError(err: unknown, url: URL, state: { timedOut: boolean }, timeoutMs: number): string {
  if (state.timedOut) return `timed out after ${timeoutMs} ms`;
  if (err instanceof IngestError || err instanceof PrivateAddressError) return err.message;
  const e = err as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  // With happy-eyeballs Node reports every failed address; the first is representative.
  const code = e.code ?? e.errors?.[0]?.code;
  const host = url.hostname;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  switch (code) {
    case 'ENOTFOUND':
      return `DNS lookup failed: host ${host} not found`;
    case 'EAI_AGAIN':
      return `DNS lookup failed for ${host} (temporary failure; offline?)`;
    case 'ECONNREFUSED':
      return `connection refused by ${host}:${port}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host ${host} unreachable`;
    case 'ETIMEDOUT':
      return `connection to ${host}:${port} timed out`;
    case 'EPRIVATE':
      return e.message;
    case 'HPE_HEADER_OVERFLOW':
      return 'response headers too large';
  }
  if (code && (/CERT|SSL|TLS/.test(code) || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')) {
    return `TLS error: ${e.message}`;
  }
  if (code?.startsWith('HPE_')) return `malformed HTTP response (${code})`;
  return code ? `${code}: ${e.message}` : e.message;
}

interface Hop {
  res: http.IncomingMessage;
  req: http.ClientRequest;
}

function request(url: URL, headers: Record<string, string>, policy: AddressPolicy, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, {
      method: 'GET',
      headers,
      signal,
      lookup: guardedLookup(policy),
      // A fresh connection per hop: a pooled socket would skip the lookup (and its check)
      // and idle keep-alive sockets would hold the process open.
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      // Errors on a response we discard (redirects, refusals) must not crash the process;
      // a body being read still sees them through its async iterator.
      res.on('error', () => {});
      resolve({ res, req });
    });
    if (policy !== ANY_ADDRESS) {
      // Belt and braces for IP literals and anything that bypasses lookup.
      req.on('socket', (socket: Socket) => {
        socket.once('connect', () => {
          const addr = socket.remoteAddress;
          const why = addr ? policy(addr) : null;
          if (addr && why) req.destroy(refuse(url.hostname, addr, why));
        });
      });
    }
    req.end();
  });
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return null;
  if (enc === 'gzip' || enc === 'x-gzip') return zlib.createGunzip();
  if (enc === 'deflate') return zlib.createInflate();
  if (enc === 'br') return zlib.createBrotliDecompress();
  throw new IngestError(`unsupported content-encoding ${enc}`);
}

async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const dec = decompressor(res.headers['content-encoding']);
  let stream: Readable = res;
  if (dec) {
    stream = dec;
    pipeline(res, dec, () => {});
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    // Counted after decompression so a small gzip bomb cannot expand past the limit.
    if (total > maxBytes) {
      res.destroy();
      throw new IngestError(`too large: response body exceeds the ${formatBytes(maxBytes)} limit`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Fetch one http(s) URL into a RawInput; throws with a user-facing message on failure.
 * `policy` decides which addresses are off limits (tests narrow it to exercise redirects).
 */
export async function fetchUrl(spec: string, opts: IngestOptions = {}, policy: AddressPolicy = nonPublicReason): Promise<RawInput> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (opts.allowPrivate) policy = ANY_ADDRESS;
  const headers = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };

  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new IngestError('invalid URL');
  }

  const state = { timedOut: false };
  const controller = new AbortController();
  // One deadline for the whole fetch, redirects and body included, so a server that
  // trickles bytes cannot hold an ingest run hostage.
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort();
  }, timeoutMs);

  try {
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IngestError(`unsupported URL scheme ${url.protocol}`);
      if (url.username || url.password) throw new IngestError('URLs with credentials are not fetched');
      // Node connects to IP literals without calling lookup, so they are vetted here, on every hop.
      if (isIpLiteral(url.hostname)) {
        const why = policy(url.hostname.replace(/^\[|\]$/g, ''));
        if (why) throw refuse(url.hostname, url.hostname, why);
      }

      const { res } = await request(url, headers, policy, controller.signal);
      const status = res.statusCode ?? 0;

      if (REDIRECTS.has(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) throw new IngestError(`HTTP ${status} redirect without a Location header`);
        if (redirects >= maxRedirects) throw new IngestError(`too many redirects (more than ${maxRedirects})`);
        try {
          url = new URL(location, url);
        } catch {
          throw new IngestError(`HTTP ${status} redirect to an invalid URL: ${location}`);
        }
        continue;
      }
      if (status >= 400) {
        res.resume();
        throw new IngestError(`HTTP ${status}${res.statusMessage ? ' ' + res.statusMessage : ''}`);
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new IngestError(`unexpected HTTP status ${status}`);
      }

      const contentType = res.headers['content-type'];
      const unacceptable = acceptableContentType(contentType);
      if (unacceptable) {
        res.destroy();
        throw new IngestError(unacceptable);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw new IngestError(`too large: Content-Length ${formatBytes(declared)} exceeds the ${formatBytes(maxBytes)} limit`);
      }

      const bytes = await readBody(res, maxBytes);
      if (bytes.length === 0) throw new IngestError('empty response body');
      const binary = binaryReason(bytes);
      if (binary) throw new IngestError(binary);

      const kept: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const v = res.headers[name];
        if (typeof v === 'string') kept[name] = v;
      }
      return {
        source: spec,
        url: url.href,
        bytes,
        contentType: contentType ?? null,
        headers: kept,
        format: detectFormat(bytes, { name: url.pathname, contentType }),
        fetchedAt: new Date().toISOString(),
      };
    }
  } catch (err) {
    throw new IngestError(describeError(err, url, state, timeoutMs));
  } finally {
    clearTimeout(timer);
  }
}
