import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { nonPublicReason } from '../../ingest/index.js';
import { HttpError } from './errors.js';

/**
 * Who may write. Reads are open. Writes (ingest) take one of two paths:
 *
 * - a token is configured: the request must carry `Authorization: Bearer <token>` (or, for
 *   the web form, the token in a form field). Browsers never attach a bearer header on
 *   their own, so a token also rules out cross-site request forgery.
 * - no token: writes are accepted only from this machine, i.e. over a loopback connection
 *   whose Host header names a loopback host. Checking the connection rather than the bind
 *   address keeps a server bound to 0.0.0.0 read-only for everyone else; checking Host
 *   stops DNS rebinding (evil.example resolving to 127.0.0.1) from turning a web page the
 *   user visits into a local writer.
 *
 * In both modes a browser request that says it comes from another site (Origin or
 * Sec-Fetch-Site) is refused: a cross-site form post is a "simple" request that no CORS
 * preflight would stop.
 */

export interface AccessOptions {
  token?: string;
}

const LOOPBACK_HOST = /^(?:localhost|[^.]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Constant-time on digests, so neither the token's content nor its length leaks by timing. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(token));
}

export function remoteAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

export function isLoopbackAddress(addr: string | null): boolean {
  return addr !== null && (nonPublicReason(addr) ?? '').startsWith('loopback');
}

/** Whether a Host header names this machine's loopback interface. */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  return LOOPBACK_HOST.test(hostName(hostHeader));
}

function hostName(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const h = hostHeader.trim();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

/**
 * Same-origin check for browser requests; non-browser clients send neither header.
 * Sec-Fetch-Site is preferred because it cannot be set by page script and is sent even
 * where Origin is "null": with Referrer-Policy no-referrer, Chrome posts same-origin forms
 * with `Origin: null`.
 */
function crossSiteReason(c: Context): string | null {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none' ? null : `cross-site request refused (Sec-Fetch-Site: ${site})`;
  const origin = c.req.header('origin');
  if (!origin) return null;
  if (origin === 'null') return 'cross-site request refused (opaque Origin)';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'cross-site request refused (malformed Origin)';
  }
  return originHost.toLowerCase() === (c.req.header('host') ?? '').toLowerCase() ? null : 'cross-site request refused (Origin does not match Host)';
}

export function bearerToken(c: Context): string | null {
  const h = c.req.header('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : null;
}

/** Throws the HttpError the client should see when this write is not allowed. */
export function checkWrite(c: Context, opts: AccessOptions, formToken?: string | null): void {
  const cross = crossSiteReason(c);
  if (cross) throw new HttpError(403, cross);
  if (opts.token) {
    const given = bearerToken(c) ?? formToken ?? null;
    if (!tokenMatches(given, opts.token)) {
      throw new HttpError(401, given ? 'invalid token' : 'this server requires a token for writes: send Authorization: Bearer <token>', {
        'WWW-Authenticate': 'Bearer realm="dateline"',
      });
    }
    return;
  }
  if (!isLoopbackAddress(remoteAddress(c)) || !LOOPBACK_HOST.test(hostName(c.req.header('host')))) {
    throw new HttpError(403, 'writes are disabled: this server has no token, so it only accepts writes from this machine via localhost; start it with --token (or DATELINE_TOKEN) to accept them remotely');
  }
}

/** How the current configuration treats writes, for /api/health and the ingest page. */
export function writeMode(opts: AccessOptions): 'token' | 'loopback-only' {
  return opts.token ? 'token' : 'loopback-only';
}
