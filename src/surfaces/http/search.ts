import type Database from 'better-sqlite3';
import type { Store } from '../../store/index.js';
import { sqliteOf } from './analysis.js';
import { HttpError } from './errors.js';

/**
 * Document listing and full-text search over the FTS5 index.
 *
 * User input never reaches FTS5 as query syntax: every word becomes a double-quoted string
 * (quotes inside doubled), so AND/OR/NOT/NEAR, column filters ("title:"), "^", "-" and
 * parentheses are searched for as text instead of being interpreted. Words are implicitly
 * ANDed; "a phrase in quotes" stays a phrase; a trailing * on a word asks for a prefix.
 */

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface DocumentListItem {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  ingestedAt: string | null;
  /** Matching passage, for searches: parts with hit=true matched the query. */
  snippet?: SnippetPart[];
}

export interface DocumentList {
  total: number;
  limit: number;
  offset: number;
  query: string | null;
  documents: DocumentListItem[];
}

const MAX_TERMS = 16;
const MAX_TERM_CHARS = 64;

/** The FTS5 MATCH expression for a user query, or null when it has no searchable word. */
export function ftsQuery(q: string): string | null {
  const terms: string[] = [];
  for (const m of q.normalize('NFKC').matchAll(/"([^"]*)"?|(\S+)/g)) {
    if (terms.length >= MAX_TERMS) break;
    const phrase = m[1] !== undefined;
    let word = (m[1] ?? m[2] ?? '').trim();
    const prefix = !phrase && word.length > 1 && word.endsWith('*');
    // Only letters, digits and marks carry meaning to the unicode61 tokenizer; the rest would
    // split tokens anyway, so dropping it changes nothing but keeps the expression plain.
    word = word.replace(/[^\p{L}\p{N}\p{M}\s'’-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, phrase ? MAX_TERM_CHARS * 4 : MAX_TERM_CHARS);
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    terms.push(`"${word.replace(/"/g, '""')}"${prefix ? '*' : ''}`);
  }
  return terms.length ? terms.join(' ') : null;
}

const HIT_OPEN = '\u0002';
const HIT_CLOSE = '\u0003';

export function snippetParts(s: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = new RegExp(`${HIT_OPEN}([^${HIT_CLOSE}]*)${HIT_CLOSE}`, 'g');
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index! > last) parts.push({ text: s.slice(last, m.index), hit: false });
    parts.push({ text: m[1], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < s.length) parts.push({ text: s.slice(last), hit: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, '') }));
}

interface Row {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  ingested_at: string | null;
  snippet?: string;
}

function toItem(r: Row): DocumentListItem {
  return {
    id: r.id,
    source: r.source,
    url: r.url,
    title: r.title,
    outlet: r.outlet,
    published: r.published,
    ingestedAt: r.ingested_at,
    ...(r.snippet !== undefined ? { snippet: snippetParts(r.snippet) } : {}),
  };
}

export class DocumentSearch {
  private readonly db: Database.Database | null;
  private readonly stmts;

  constructor(private readonly store: Store) {
    this.db = sqliteOf(store);
    const cols = 'd.id, d.source, d.url, d.title, d.outlet, d.published_date AS published, d.ingested_at';
    this.stmts = this.db
      ? {
          count: this.db.prepare('SELECT count(*) FROM documents').pluck(),
          list: this.db.prepare(`SELECT ${cols} FROM documents d ORDER BY d.published_date IS NULL, d.published_date DESC, d.seq DESC LIMIT ? OFFSET ?`),
          searchCount: this.db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck(),
          search: this.db.prepare(
            `SELECT ${cols}, snippet(documents_fts, 1, char(2), char(3), '…', 16) AS snippet
             FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
             WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 4.0, 1.0), d.seq DESC LIMIT ? OFFSET ?`,
          ),
        }
      : null;
  }

  list(q: string | undefined, limit: number, offset: number): DocumentList {
    const query = q?.trim() ? q.trim() : null;
    if (!this.stmts) return this.fallback(query, limit, offset);
    if (!query) {
      return { total: this.stmts.count.get() as number, limit, offset, query, documents: (this.stmts.list.all(limit, offset) as Row[]).map(toItem) };
    }
    const match = ftsQuery(query);
    if (!match) return { total: 0, limit, offset, query, documents: [] };
    try {
      return {
        total: this.stmts.searchCount.get(match) as number,
        limit,
        offset,
        query,
        documents: (this.stmts.search.all(match, limit, offset) as Row[]).map(toItem),
      };
    } catch (err) {
      // Should not happen with quoted terms; if SQLite still refuses, it is the query's fault.
      throw new HttpError(400, `search query not understood: ${(err as Error).message}`);
    }
  }

  /** Stores without SQL (a future adapter): a case-insensitive title scan. */
  private fallback(query: string | null, limit: number, offset: number): DocumentList {
    const all = this.store.listDocuments().filter((d) => !query || (d.title ?? '').toLowerCase().includes(query.toLowerCase()));
    return {
      total: all.length,
      limit,
      offset,
      query,
      documents: all.slice(offset, offset + limit).map((d) => ({ ...d, url: null, outlet: null, ingestedAt: null })),
    };
  }
}
