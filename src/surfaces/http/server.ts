import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type Store, openSqliteStore } from '../../store/index.js';
import { isLoopbackAddress } from './access.js';
import { type DatelineApp, createApp } from './app.js';
import type { Limits } from './schemas.js';

export interface ServerOptions {
  port: number;
  host: string;
  dbPath: string;
  token?: string;
  allowPrivate?: boolean;
  limits?: Partial<Limits>;
  /** Use this store instead of opening dbPath (it is then not closed by close()). */
  store?: Store;
}

export interface RunningServer {
  app: DatelineApp;
  store: Store;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  host: string;
  /** Whether writes are possible without a token (loopback bind, no token). */
  warnings: string[];
  close(): Promise<void>;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host.replace(/^\[|\]$/g, ''));
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const ownStore = !opts.store;
  const store = opts.store ?? openSqliteStore(opts.dbPath);
  const app = createApp({ store, token: opts.token, limits: opts.limits, allowPrivate: opts.allowPrivate, loopbackHostsOnly: isLoopbackHost(opts.host) });
  const warnings: string[] = [];
  if (!opts.token && !isLoopbackHost(opts.host)) {
    warnings.push(`listening on ${opts.host} without a token: the server is read-only for every client except this machine (via localhost); set --token or DATELINE_TOKEN to accept remote writes`);
  }
  if (opts.token && opts.token.length < 16) warnings.push('the token is shorter than 16 characters; use a long random one');

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }) as Server;
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await app.close();
    if (ownStore) store.close();
    throw err;
  }
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | null = null;
  return {
    app,
    store,
    url: `http://${hostForUrl}:${addr.port}`,
    port: addr.port,
    host: addr.address,
    warnings,
    close() {
      closing ??= (async () => {
        await app.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open until they time out.
          server.closeAllConnections?.();
        });
        if (ownStore) store.close();
      })();
      return closing;
    },
  };
}
