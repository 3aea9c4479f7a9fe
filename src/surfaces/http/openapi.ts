import { z } from 'zod';
import { IngestBodySchema, type Limits, PageSchema } from './schemas.js';

/**
 * The OpenAPI 3.1 description of /api. Request bodies come from the zod schemas that
 * validate them; responses are described by hand, close to the TypeScript types they
 * serialise (the report types in surfaces/report/build.ts). A test walks every path here
 * against the running app, so a route cannot be documented without existing.
 */

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), json(ref('Error'), ERROR_TEXT[code] ?? 'Error')]));

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (validation errors are listed in the message)',
  401: 'A token is configured and the request did not carry it',
  403: 'Writes refused: cross-site request, or no token configured and the request is not from localhost',
  404: 'Not found',
  409: 'Ambiguous id prefix',
  413: 'Body, page or batch over the limits',
  415: 'Unsupported content type',
  503: 'Ingest queue full; retry after the Retry-After seconds',
};

function toSchema(schema: z.ZodType): Json {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete s.$schema;
  return s;
}

const span = { type: 'object', required: ['doc', 'start', 'end'], properties: { doc: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } };

export function openApiDocument(limits: Limits): Json {
  const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  const page = (name: string, description: string, def?: number) => ({ name, in: 'query', required: false, description, schema: { type: 'integer', minimum: 0, ...(def !== undefined ? { default: def } : {}) } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dateline API',
      version: '0.1.0',
      description:
        'Ingest news pages and explore the stories they tell. Every fact carries a document id and character offsets into that document\'s cleaned text. ' +
        'Reads are open. Writes need `Authorization: Bearer <token>` when the server has a token; without one, writes are accepted only from localhost. ' +
        `Limits: body ${limits.maxBodyBytes} bytes, ${limits.maxPagesPerBatch} pages and URLs per request, ${limits.maxPageBytes} bytes per page.`,
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['status', 'message'], properties: { status: { type: 'integer' }, message: { type: 'string' } } } },
        },
        IngestBody: { ...toSchema(IngestBodySchema), description: 'At least one URL or page. Each page needs a non-empty html or text.' },
        Page: { ...toSchema(PageSchema), description: 'One page; html or text is required.' },
        Job: {
          type: 'object',
          required: ['id', 'state', 'done', 'total', 'failures', 'documents'],
          properties: {
            id: { type: 'string' },
            state: { enum: ['queued', 'running', 'done', 'failed'] },
            phase: { enum: ['queued', 'fetching', 'processing', 'finished'] },
            done: { type: 'integer' },
            total: { type: 'integer' },
            inserted: { type: 'integer' },
            duplicates: { type: 'integer' },
            failures: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, reason: { type: 'string' } } } },
            documents: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, title: { type: ['string', 'null'] }, source: { type: 'string' }, duplicate: { type: 'boolean' } } },
            },
          },
        },
        DocumentListItem: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            source: { type: 'string' },
            url: { type: ['string', 'null'] },
            title: { type: ['string', 'null'] },
            outlet: { type: ['string', 'null'] },
            published: { type: ['string', 'null'] },
            snippet: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, hit: { type: 'boolean' } } } },
          },
        },
        Document: {
          type: 'object',
          description: 'The report document (facts with provenance and the cleaned text) plus every span; offsets index `text` unless a span says in="raw".',
          properties: {
            id: { type: 'string' },
            title: { type: ['string', 'null'] },
            authors: { type: 'array', items: { type: 'string' } },
            outlet: { type: ['string', 'null'] },
            published: { type: 'object' },
            provenance: { type: 'object' },
            text: { type: 'string' },
            story: { type: ['string', 'null'] },
            spans: { type: 'array', items: { type: 'object', required: ['kind', 'start', 'end'] } },
          },
        },
        Report: {
          type: 'object',
          description: 'The report JSON (version 1) that `dateline story --format json` prints, for one story\'s documents.',
          required: ['version', 'documents', 'entities', 'quotes', 'figures', 'times', 'stories', 'timeline', 'disagreements', 'summary'],
          properties: {
            version: { const: 1 },
            documents: { type: 'array', items: { type: 'object' } },
            entities: { type: 'array', items: ref('Entity') },
            quotes: { type: 'array', items: span },
            figures: { type: 'array', items: span },
            times: { type: 'array', items: span },
            stories: { type: 'array', items: ref('StorySummary') },
            timeline: { type: 'array', items: { type: 'object', properties: { date: { type: 'string' }, title: { type: 'string' }, sentences: { type: 'array', items: span } } } },
            disagreements: { type: 'array', items: { type: 'object', properties: { topic: { type: 'string' }, sides: { type: 'array', items: span } } } },
            summary: { type: 'array', items: span },
          },
        },
        StorySummary: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: ['string', 'null'] },
            documents: { type: 'array', items: { type: 'string' } },
            first: { type: ['string', 'null'] },
            last: { type: ['string', 'null'] },
          },
        },
        Entity: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            type: { enum: ['person', 'organization', 'place', 'other'] },
            aliases: { type: 'array', items: { type: 'string' } },
            mentions: { type: 'array', items: span },
            stories: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    paths: {
      '/api/health': {
        get: { summary: 'Liveness, document count, queue state and write mode', responses: { '200': json({ type: 'object' }, 'OK') } },
      },
      '/api/documents': {
        get: {
          summary: 'List documents, or search them (FTS5, words ANDed, "phrases", word* prefixes)',
          parameters: [
            { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 500 } },
            page('limit', '1..200', 50),
            page('offset', 'Rows to skip', 0),
          ],
          responses: {
            '200': json({ type: 'object', properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, query: { type: ['string', 'null'] }, documents: { type: 'array', items: ref('DocumentListItem') } } }, 'Documents'),
            ...errors(400),
          },
        },
        post: {
          summary: 'Ingest pages and URLs; processing happens in a job',
          security: [{ bearer: [] }, {}],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('IngestBody') },
              'application/x-ndjson': { schema: { type: 'string', description: 'One Page JSON object per line' } },
              'text/plain': { schema: { type: 'string', description: 'One URL per line, or else one page of text' } },
              'text/html': { schema: { type: 'string', description: 'One HTML page' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' }, description: 'HTML, text, .jsonl/.ndjson or .json batch files' },
                    urls: { type: 'string', description: 'One URL per line' },
                    text: { type: 'string', description: 'A pasted page' },
                    title: { type: 'string' },
                    url: { type: 'string' },
                    outlet: { type: 'string' },
                    published: { type: 'string' },
                    token: { type: 'string', description: 'The write token, for HTML forms that cannot set headers' },
                  },
                },
              },
            },
          },
          responses: {
            '202': {
              ...json({ type: 'object', required: ['job'], properties: { job: { type: 'string' }, total: { type: 'integer' } } }, 'Accepted; poll /api/jobs/{id}'),
              headers: { Location: { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 403, 413, 415, 503),
          },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'One document: facts with provenance, cleaned text and every span',
          parameters: [idParam('id', 'Document id or a unique prefix of at least 6 hex digits')],
          responses: { '200': json(ref('Document'), 'The document'), ...errors(400, 404, 409) },
        },
      },
      '/api/documents/{id}/raw': {
        get: {
          summary: 'The raw input bytes as ingested, always as an attachment of type text/plain',
          parameters: [idParam('id', 'Document id or prefix')],
          responses: { '200': { description: 'Raw bytes', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(400, 404, 409) },
        },
      },
      '/api/jobs/{id}': {
        get: { summary: 'Progress of an ingest job', parameters: [idParam('id', 'Job id from POST /api/documents')], responses: { '200': json(ref('Job'), 'The job'), ...errors(400, 404) } },
      },
      '/api/stories': {
        get: {
          summary: 'Stories over every stored document, largest first',
          responses: {
            '200': json({ type: 'object', properties: { stories: { type: 'array', items: { allOf: [ref('StorySummary'), { type: 'object', properties: { entities: { type: 'array', items: { type: 'object' } }, outlets: { type: 'array', items: { type: 'string' } } } }] } } } }, 'Stories'),
          },
        },
      },
      '/api/stories/{id}': {
        get: { summary: 'The full report for one story', parameters: [idParam('id', 'Story id (s-…)')], responses: { '200': json(ref('Report'), 'The report'), ...errors(400, 404) } },
      },
      '/api/entities': {
        get: {
          summary: 'People, organisations and places with their mentions and stories',
          parameters: [
            { name: 'q', in: 'query', required: false, description: 'Case- and accent-insensitive substring of the name or an alias', schema: { type: 'string' } },
            { name: 'type', in: 'query', required: false, schema: { enum: ['person', 'organization', 'place', 'other'] } },
            page('limit', '1..500', 100),
            page('offset', 'Rows to skip', 0),
          ],
          responses: { '200': json({ type: 'object', properties: { total: { type: 'integer' }, entities: { type: 'array', items: ref('Entity') } } }, 'Entities'), ...errors(400) },
        },
      },
    },
  };
}
