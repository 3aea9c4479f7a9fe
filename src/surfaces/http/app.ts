import { Hono } from 'hono';
import type { Store } from '../../store/index.js';
import { webRoutes } from '../web/routes.js';
import { errorPage } from '../web/pages.js';
import { isLoopbackHostHeader } from './access.js';
import { StoreAnalysis } from './analysis.js';
import { apiRoutes, openApiRoute } from './api.js';
import { SECURITY_HEADERS, type Services } from './context.js';
import { HttpError, jsonError } from './errors.js';
import { JobQueue } from './jobs.js';
import { DEFAULT_LIMITS, type Limits } from './schemas.js';
import { DocumentSearch } from './search.js';

export interface AppOptions {
  store: Store;
  /** When set, every write needs `Authorization: Bearer <token>`; when not, writes are accepted from localhost only. */
  token?: string;
  limits?: Partial<Limits>;
  /** Let URL ingestion fetch loopback, private and link-local addresses. */
  allowPrivate?: boolean;
  /**
   * Answer only requests whose Host header is a loopback name (startServer sets it when
   * bound to loopback). A page on another site can point its own domain at 127.0.0.1 (DNS
   * rebinding) and then read a local server as same-origin; the Host header still carries
   * that domain, so refusing it keeps a local server local, for reads too.
   */
  loopbackHostsOnly?: boolean;
}

export type DatelineApp = Hono & {
  services: Services;
  /** Stops the job runner after the document in progress and the analysis worker; does not close the store. */
  close(): Promise<void>;
};

export function createApp(opts: AppOptions): DatelineApp {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const analysis = new StoreAnalysis(opts.store);
  const services: Services = {
    store: opts.store,
    analysis,
    search: new DocumentSearch(opts.store),
    jobs: new JobQueue(opts.store, {
      allowPrivate: opts.allowPrivate ?? false,
      maxPageBytes: limits.maxPageBytes,
      fetchTimeoutMs: limits.fetchTimeoutMs,
      maxPendingPages: limits.maxPendingPages,
      maxJobsKept: limits.maxJobsKept,
      onWrite: () => analysis.invalidate(),
    }),
    limits,
    token: opts.token || undefined,
    allowPrivate: opts.allowPrivate ?? false,
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  const isApi = (path: string) => path.startsWith('/api/') || path === '/api' || path === '/openapi.json';
  if (opts.loopbackHostsOnly) {
    app.use('*', async (c, next) => {
      if (!isLoopbackHostHeader(c.req.header('host'))) throw new HttpError(403, 'this server is bound to loopback and answers only requests addressed to localhost, 127.0.0.1 or [::1]');
      await next();
    });
  }

  app.onError((err, c) => {
    const known = err instanceof HttpError ? err : null;
    const status = known?.status ?? 500;
    const message = known ? known.message : 'internal server error';
    if (!known) console.error(`dateline serve: ${c.req.method} ${c.req.path}:`, err);
    if (isApi(c.req.path)) return jsonError(c, status, message, known?.headers);
    for (const [k, v] of Object.entries(known?.headers ?? {})) c.header(k, v);
    return c.html(errorPage(status, message).value, status);
  });
  app.notFound((c) => {
    if (isApi(c.req.path)) return jsonError(c, 404, `no route ${c.req.method} ${c.req.path}`);
    return c.html(errorPage(404, 'There is no page at this address.').value, 404);
  });

  app.route('/api', apiRoutes(services));
  app.route('/', openApiRoute(services));
  app.route('/', webRoutes(services));

  return Object.assign(app, {
    services,
    close: async () => {
      await services.jobs.close();
      await analysis.close();
    },
  });
}
