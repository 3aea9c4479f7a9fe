import type { Doc } from '../core/doc.js';

export interface StoredDocument {
  doc: Doc;
  rawBytes: Buffer;
  ingestedAt: string;
}

export interface DocumentSummary {
  id: string;
  source: string;
  title: string | null;
  published: string | null;
}

/** How a full id or a short prefix of one maps to a stored document. */
export type IdResolution =
  | { status: 'found'; id: string }
  | { status: 'not-found' }
  | { status: 'ambiguous'; candidates: string[] };

/** Shortest id prefix accepted wherever an id is; shorter ones match too much to be safe. */
export const MIN_ID_PREFIX = 6;

/**
 * Persistence for documents. SQLite is the embedded default; a PostgreSQL adapter is
 * planned. Every method that takes an id also accepts a unique prefix of at least
 * MIN_ID_PREFIX characters; an ambiguous prefix behaves like a missing id (use resolveId
 * to tell the two apart for the user).
 */
export interface Store {
  /** Keyed by doc.id, which must be the hash of rawBytes; storing the same page again changes nothing. */
  putDocument(doc: Doc, rawBytes: Buffer): { inserted: boolean };
  getDocument(id: string): StoredDocument | null;
  getRaw(id: string): Buffer | null;
  listDocuments(): DocumentSummary[];
  hasDocument(id: string): boolean;
  deleteDocument(id: string): boolean;
  resolveId(idOrPrefix: string): IdResolution;
  close(): void;
}
