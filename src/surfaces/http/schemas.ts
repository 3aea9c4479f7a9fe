import { z } from 'zod';

/**
 * Request schemas. They validate every input the API takes and are also the source of the
 * request schemas in /openapi.json, so the document cannot drift from what is enforced.
 * Refinements that JSON Schema cannot express (a page needs html or text) are described
 * in the OpenAPI text instead.
 */

export interface Limits {
  /** Whole request body, bytes. */
  maxBodyBytes: number;
  /** Pages plus URLs in one request. */
  maxPagesPerBatch: number;
  /** One page (html/text of a record, an uploaded file, a fetched response), bytes. */
  maxPageBytes: number;
  /** Pages waiting or running across all jobs; beyond it new jobs get 503. */
  maxPendingPages: number;
  /** Finished jobs remembered for GET /api/jobs/:id. */
  maxJobsKept: number;
  /** Fetching one URL, milliseconds. */
  fetchTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxPagesPerBatch: 200,
  maxPageBytes: 5 * 1024 * 1024,
  maxPendingPages: 2000,
  maxJobsKept: 1000,
  fetchTimeoutMs: 15_000,
};

export const HttpUrl = z
  .string()
  .max(2048)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL' },
  )
  .describe('An absolute http or https URL');

export const PageSchema = z
  .object({
    url: HttpUrl.optional().describe('Where the page was published; not fetched'),
    html: z.string().optional().describe('The page as HTML; one of html or text is required'),
    text: z.string().optional().describe('The page as plain text (a page dump); one of html or text is required'),
    title: z.string().max(1000).optional(),
    authors: z.union([z.string().max(300), z.array(z.string().max(300)).max(50)]).optional(),
    outlet: z.string().max(300).optional(),
    published: z.string().max(100).optional().describe('Publication date or datetime as the source states it'),
  })
  .refine((p) => Boolean(p.html) || Boolean(p.text), { message: 'a page needs a non-empty "html" or "text"' });

export type Page = z.infer<typeof PageSchema>;

export const IngestBodySchema = z
  .object({
    urls: z.array(HttpUrl).optional().describe('Pages to fetch'),
    pages: z.array(PageSchema).optional().describe('Pages supplied inline'),
  })
  .refine((b) => (b.urls?.length ?? 0) + (b.pages?.length ?? 0) > 0, { message: 'nothing to ingest: give "urls" or "pages"' });

export type IngestBody = z.infer<typeof IngestBodySchema>;

const intParam = (def: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a non-negative integer')
    .optional()
    .transform((s) => (s === undefined ? def : Number(s)))
    .pipe(z.number().int().min(min).max(max));

export const DocumentListQuery = z.object({
  q: z.string().max(500).optional(),
  limit: intParam(50, 1, 200),
  offset: intParam(0, 0, 1_000_000),
});

export const EntityListQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(['person', 'organization', 'place', 'other']).optional(),
  limit: intParam(100, 1, 500),
  offset: intParam(0, 0, 1_000_000),
});

export const DocIdParam = z.string().regex(/^[0-9a-fA-F]{6,16}$/, 'document ids are 6 to 16 hex digits');
export const StoryIdParam = z.string().regex(/^s-[0-9a-f]{1,64}$/, 'story ids look like s-0123456789');
export const JobIdParam = z.string().regex(/^[0-9a-f]{32}$/, 'job ids are 32 hex digits');
