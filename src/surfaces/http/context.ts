import type { Store } from '../../store/index.js';
import type { StoreAnalysis } from './analysis.js';
import type { JobQueue } from './jobs.js';
import type { Limits } from './schemas.js';
import type { DocumentSearch } from './search.js';

/** What the API and the web pages share: one store, one analysis cache, one job queue. */
export interface Services {
  store: Store;
  analysis: StoreAnalysis;
  search: DocumentSearch;
  jobs: JobQueue;
  limits: Limits;
  token?: string;
  allowPrivate: boolean;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
