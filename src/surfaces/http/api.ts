import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { StoredDocument } from '../../store/index.js';
import { formatBytes } from '../../ingest/types.js';
import { reportDocument, type Report, type ReportEntity } from '../report/build.js';
import { checkWrite, writeMode } from './access.js';
import { parseIngest } from './body.js';
import type { Services } from './context.js';
import { HttpError, jsonError, parseOr400 } from './errors.js';
import { openApiDocument } from './openapi.js';
import { DocIdParam, DocumentListQuery, EntityListQuery, JobIdParam, StoryIdParam } from './schemas.js';

/** The JSON API under /api, plus /openapi.json. Everything here answers JSON, errors included. */

export function resolveDocument(s: Services, idOrPrefix: string): StoredDocument {
  const ref = parseOr400(DocIdParam, idOrPrefix, 'id');
  const r = s.store.resolveId(ref);
  if (r.status === 'ambiguous') throw new HttpError(409, `id prefix ${ref} matches several documents (${r.candidates.join(', ')}); give more digits`);
  const stored = r.status === 'found' ? s.store.getDocument(r.id) : null;
  if (!stored) throw new HttpError(404, `no document with id ${ref}`);
  return stored;
}

/** Accent- and case-insensitive, so "Jose" finds "José" and "OKAFOR" finds "Okafor". */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function entityStories(report: Report): Map<string, string[]> {
  const storyOfDoc = new Map<string, string>();
  for (const st of report.stories) for (const d of st.documents) storyOfDoc.set(d, st.id);
  const out = new Map<string, string[]>();
  for (const e of report.entities) out.set(e.id, [...new Set(e.mentions.map((m) => storyOfDoc.get(m.doc)).filter((x): x is string => Boolean(x)))]);
  return out;
}

export function storyList(report: Report) {
  const docs = new Map(report.documents.map((d) => [d.id, d]));
  const entities = new Map(report.entities.map((e) => [e.id, e]));
  return report.stories.map((st) => ({
    id: st.id,
    title: st.title,
    documents: st.documents,
    first: st.first,
    last: st.last,
    outlets: [...new Set(st.documents.map((d) => docs.get(d)?.outlet).filter((o): o is string => Boolean(o)))],
    entities: st.entities
      .slice(0, 8)
      .map((id) => entities.get(id))
      .filter((e): e is ReportEntity => Boolean(e))
      .map((e) => ({ id: e.id, name: e.name, type: e.type })),
    timelineEvents: report.timeline.filter((t) => t.story === st.id).length,
  }));
}

export function filterEntities(report: Report, q: string | undefined, type: string | undefined) {
  const needle = q?.trim() ? fold(q.trim()) : null;
  const stories = entityStories(report);
  return report.entities
    .filter((e) => !type || e.type === type)
    .filter((e) => !needle || [e.name, ...e.aliases].some((n) => fold(n).includes(needle)))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
    .map((e) => ({ ...e, stories: stories.get(e.id) ?? [] }));
}

export function apiRoutes(s: Services): Hono {
  const api = new Hono();

  api.use('*', async (c, next) => {
    await next();
    // Answers depend on the store, which changes under them; never let a cache replay one.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  api.get('/health', (c) => {
    let documents: number | null = null;
    try {
      documents = s.search.list(undefined, 1, 0).total;
    } catch {
      documents = null;
    }
    return c.json({ status: 'ok', version: '0.1.0', documents, jobs: s.jobs.stats(), writes: writeMode(s), limits: s.limits });
  });

  api.post(
    '/documents',
    bodyLimit({
      maxSize: s.limits.maxBodyBytes,
      onError: (c) => jsonError(c, 413, `request body over the ${formatBytes(s.limits.maxBodyBytes)} limit`),
    }),
    async (c) => {
      const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      // Check before reading the body, except for a form that may carry its token inside it.
      const deferred = multipart && Boolean(s.token) && !c.req.header('authorization');
      if (!deferred) checkWrite(c, s);
      const { items, formToken } = await parseIngest(c, s.limits, s.allowPrivate);
      if (deferred) checkWrite(c, s, formToken);
      const job = s.jobs.submit(items);
      if (!job) return jsonError(c, 503, 'the ingest queue is full; retry shortly', { 'Retry-After': '5' });
      c.header('Location', `/api/jobs/${job.id}`);
      return c.json({ job: job.id, total: job.total }, 202);
    },
  );

  api.get('/documents', (c) => {
    const q = parseOr400(DocumentListQuery, c.req.query());
    return c.json(s.search.list(q.q, q.limit, q.offset));
  });

  api.get('/documents/:id', async (c) => {
    const stored = resolveDocument(s, c.req.param('id'));
    return c.json({ ...reportDocument(stored.doc), ingestedAt: stored.ingestedAt, story: await s.analysis.storyOf(stored.doc.id), spans: stored.doc.spans });
  });

  api.get('/documents/:id/raw', (c) => {
    const stored = resolveDocument(s, c.req.param('id'));
    const enc = stored.doc.raw.encoding;
    // The bytes are exactly what was ingested, possibly hostile HTML: text/plain plus
    // nosniff plus attachment means no browser renders them, and a sandbox CSP covers any
    // client that ignores all three.
    const charset = /^[a-z0-9_.:-]{1,40}$/i.test(enc) ? `; charset=${enc}` : '';
    return c.body(new Uint8Array(stored.rawBytes), 200, {
      'Content-Type': `text/plain${charset}`,
      'Content-Disposition': `attachment; filename="${stored.doc.id}.${stored.doc.raw.format === 'html' ? 'html' : 'txt'}.txt"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  api.get('/jobs/:id', (c) => {
    const id = parseOr400(JobIdParam, c.req.param('id'), 'id');
    const job = s.jobs.get(id);
    if (!job) throw new HttpError(404, `no job ${id} (jobs are kept in memory until the server restarts)`);
    return c.json(job);
  });

  api.get('/stories', async (c) => c.json({ stories: storyList(await s.analysis.current()) }));

  api.get('/stories/:id', async (c) => {
    const id = parseOr400(StoryIdParam, c.req.param('id'), 'id');
    const json = await s.analysis.storyJson(id);
    if (json === null) throw new HttpError(404, `no story ${id}`);
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  api.get('/entities', async (c) => {
    const q = parseOr400(EntityListQuery, c.req.query());
    const all = filterEntities(await s.analysis.current(), q.q, q.type);
    return c.json({ total: all.length, limit: q.limit, offset: q.offset, entities: all.slice(q.offset, q.offset + q.limit) });
  });

  return api;
}

export function openApiRoute(s: Services): Hono {
  const app = new Hono();
  const doc = openApiDocument(s.limits);
  app.get('/openapi.json', (c) => c.json(doc));
  return app;
}
