import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { formatBytes } from '../../ingest/types.js';
import { checkWrite, isLoopbackAddress, remoteAddress, writeMode } from '../http/access.js';
import { filterEntities, resolveDocument } from '../http/api.js';
import { parseIngest } from '../http/body.js';
import type { Services } from '../http/context.js';
import { HttpError } from '../http/errors.js';
import { JobIdParam, StoryIdParam } from '../http/schemas.js';
import { loadAssets } from './assets.js';
import { documentListPage, documentPage, entitiesPage, ingestPage, jobPage, rawPage, storyListPage, storyPage } from './pages.js';

/** The web UI: GET pages rendered from the same services as the API, and the ingest form post. */

const PAGE_SIZE = 50;

export function webRoutes(s: Services): Hono {
  const web = new Hono();
  const assets = loadAssets();

  web.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) throw new HttpError(404, 'no such asset');
    const etag = `"${asset.hash}"`;
    const headers = { 'Content-Type': asset.type, ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, headers);
  });
  web.get('/favicon.ico', (c) => c.body(null, 204));

  web.get('/', async (c) => c.html(storyListPage(await s.analysis.current()).value));

  web.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    if (!StoryIdParam.safeParse(id).success) throw new HttpError(404, 'There is no story with this id.');
    const report = await s.analysis.story(id);
    if (!report) throw new HttpError(404, 'There is no story with this id; stories are recomputed as pages arrive, so it may have merged into another.');
    return c.html(storyPage(report, id).value);
  });

  web.get('/documents', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 500);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    return c.html(documentListPage(s.search.list(q, PAGE_SIZE, (page - 1) * PAGE_SIZE), page).value);
  });

  web.get('/documents/:id', async (c) => {
    const stored = resolveDocument(s, c.req.param('id'));
    const storyId = await s.analysis.storyOf(stored.doc.id);
    const storyTitle = storyId ? ((await s.analysis.current()).stories.find((x) => x.id === storyId)?.title ?? null) : null;
    return c.html(documentPage(stored.doc, { ingestedAt: stored.ingestedAt, storyId, storyTitle, hl: c.req.query('hl') }).value);
  });

  web.get('/documents/:id/raw', (c) => {
    const stored = resolveDocument(s, c.req.param('id'));
    return c.html(rawPage(stored.doc, { hl: c.req.query('hl') }).value);
  });

  web.get('/entities', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const typeParam = c.req.query('type') ?? '';
    const type = ['person', 'organization', 'place', 'other'].includes(typeParam) ? typeParam : '';
    const report = await s.analysis.current();
    const titles = new Map(report.stories.map((st) => [st.id, st.title]));
    return c.html(entitiesPage(filterEntities(report, q, type || undefined), titles, q, type).value);
  });

  const writable = (c: Context) => Boolean(s.token) || isLoopbackAddress(remoteAddress(c));

  web.get('/ingest', (c) => c.html(ingestPage({ limits: s.limits, mode: writeMode(s), writable: writable(c) }).value));

  web.post(
    '/ingest',
    bodyLimit({
      maxSize: s.limits.maxBodyBytes,
      onError: (c) => c.html(ingestPage({ limits: s.limits, mode: writeMode(s), writable: true, error: `the upload is over the ${formatBytes(s.limits.maxBodyBytes)} limit` }).value, 413),
    }),
    async (c) => {
      try {
        if (!s.token) checkWrite(c, s);
        const { items, formToken } = await parseIngest(c, s.limits, s.allowPrivate);
        if (s.token) checkWrite(c, s, formToken);
        const job = s.jobs.submit(items);
        if (!job) throw new HttpError(503, 'the ingest queue is full; try again in a moment', { 'Retry-After': '5' });
        return c.redirect(`/jobs/${job.id}`, 303);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
        // Give back what was typed, so a wrong token does not cost a long paste. Hono keeps
        // the parsed body, so reading it again is free; files cannot be refilled by a page.
        const form = (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;
        const values: Record<string, string> = {};
        for (const k of ['urls', 'text', 'title', 'url', 'outlet', 'published']) if (typeof form[k] === 'string') values[k] = form[k] as string;
        return c.html(ingestPage({ limits: s.limits, mode: writeMode(s), writable: writable(c), error: err.message, values }).value, err.status);
      }
    },
  );

  web.get('/jobs/:id', (c) => {
    const id = c.req.param('id');
    const job = JobIdParam.safeParse(id).success ? s.jobs.get(id) : null;
    if (!job) throw new HttpError(404, 'There is no such ingest job (jobs are forgotten when the server restarts).');
    return c.html(jobPage(job).value);
  });

  return web;
}
