/**
 * The embedded store: one SQLite file. better-sqlite3 is synchronous, which suits a CLI
 * and keeps every write a plain transaction with no interleaving to reason about.
 */
import Database from 'better-sqlite3';
import type { Doc, Span } from '../core/doc.js';
import { documentId } from '../core/hash.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { MIN_ID_PREFIX, type DocumentSummary, type IdResolution, type Store, type StoredDocument } from './types.js';

type Db = Database.Database;

/** Bring the schema up to date; refuses a database written by a newer Dateline. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const currentVersion = () => db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  // IMMEDIATE takes the write lock before reading the version, so two processes opening
  // a fresh file at once cannot both apply the same migration.
  return db
    .transaction(() => {
      const current = currentVersion();
      if (current > latest) {
        throw new Error(`database schema version ${current} is newer than this Dateline supports (${latest}); upgrade Dateline`);
      }
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (m.version <= current) continue;
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
      }
      return currentVersion();
    })
    .immediate();
}

interface DocumentRow {
  id: string;
  text: string;
  doc_json: string;
  ingested_at: string;
}

export class SqliteStore implements Store {
  /** Exposed for search and reporting code that needs SQL (FTS5 queries over documents_fts). */
  readonly db: Db;
  private readonly stmt;

  constructor(db: Db) {
    this.db = db;
    this.stmt = {
      exists: db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck(),
      byPrefix: db.prepare('SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 6').pluck(),
      insertDoc: db.prepare(`INSERT INTO documents
        (id, source, url, format, encoding, title, outlet, published_date, ingested_at, text, doc_json)
        VALUES (@id, @source, @url, @format, @encoding, @title, @outlet, @published_date, @ingested_at, @text, @doc_json)`),
      insertRaw: db.prepare('INSERT INTO raw_inputs (doc_id, bytes) VALUES (?, ?)'),
      insertSpan: db.prepare('INSERT INTO spans (doc_id, ord, kind, target, start, "end", data) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      getDoc: db.prepare('SELECT id, text, doc_json, ingested_at FROM documents WHERE id = ?'),
      getRaw: db.prepare('SELECT bytes FROM raw_inputs WHERE doc_id = ?').pluck(),
      list: db.prepare('SELECT id, source, title, published_date AS published FROM documents ORDER BY ingested_at, seq'),
      delete: db.prepare('DELETE FROM documents WHERE id = ?'),
    };
  }

  resolveId(idOrPrefix: string): IdResolution {
    const ref = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(ref) || ref.length < MIN_ID_PREFIX || ref.length > 16) return { status: 'not-found' };
    if (ref.length === 16) return this.stmt.exists.get(ref) ? { status: 'found', id: ref } : { status: 'not-found' };
    // Ids are lower-case hex, so every id with this prefix sorts below prefix + 'g'; a range
    // scan uses the unique index where LIKE would not.
    const ids = this.stmt.byPrefix.all(ref, ref + 'g') as string[];
    if (ids.length === 0) return { status: 'not-found' };
    if (ids.length === 1) return { status: 'found', id: ids[0] };
    return { status: 'ambiguous', candidates: ids };
  }

  private resolve(idOrPrefix: string): string | null {
    const r = this.resolveId(idOrPrefix);
    return r.status === 'found' ? r.id : null;
  }

  putDocument(doc: Doc, rawBytes: Buffer): { inserted: boolean } {
    const actual = documentId(rawBytes);
    if (doc.id !== actual) throw new Error(`document id ${doc.id} is not the hash of its raw bytes (${actual})`);

    // Serialised before the transaction opens: a Doc that cannot be stored fails fast.
    // text has its own column, so doc_json leaves it out rather than storing it twice.
    const { text, ...rest } = doc;
    const docJson = JSON.stringify(rest);
    const spans = doc.spans.map((span, ord) => {
      const { kind, start, end, in: target, ...data } = span as Span & Record<string, unknown>;
      return [doc.id, ord, kind, target ?? 'text', start, end, JSON.stringify(data)] as const;
    });

    return this.db.transaction(() => {
      if (this.stmt.exists.get(doc.id)) return { inserted: false };
      this.stmt.insertDoc.run({
        id: doc.id,
        source: doc.raw.source,
        url: doc.raw.url,
        format: doc.raw.format,
        encoding: doc.raw.encoding,
        title: doc.facts.title,
        outlet: doc.facts.outlet,
        published_date: doc.facts.published.date,
        ingested_at: new Date().toISOString(),
        text,
        doc_json: docJson,
      });
      this.stmt.insertRaw.run(doc.id, rawBytes);
      for (const row of spans) this.stmt.insertSpan.run(...row);
      return { inserted: true };
    })();
  }

  getDocument(idOrPrefix: string): StoredDocument | null {
    const id = this.resolve(idOrPrefix);
    if (!id) return null;
    const row = this.stmt.getDoc.get(id) as DocumentRow | undefined;
    const raw = this.stmt.getRaw.get(id) as Buffer | undefined;
    if (!row || !raw) return null;
    const doc = { ...(JSON.parse(row.doc_json) as Omit<Doc, 'text'>), text: row.text } as Doc;
    return { doc, rawBytes: raw, ingestedAt: row.ingested_at };
  }

  getRaw(idOrPrefix: string): Buffer | null {
    const id = this.resolve(idOrPrefix);
    return id ? ((this.stmt.getRaw.get(id) as Buffer | undefined) ?? null) : null;
  }

  listDocuments(): DocumentSummary[] {
    return this.stmt.list.all() as DocumentSummary[];
  }

  hasDocument(idOrPrefix: string): boolean {
    return this.resolve(idOrPrefix) !== null;
  }

  deleteDocument(idOrPrefix: string): boolean {
    const id = this.resolve(idOrPrefix);
    if (!id) return false;
    // Raw bytes and spans go by ON DELETE CASCADE, the FTS rows by trigger.
    return this.db.transaction(() => this.stmt.delete.run(id).changes > 0)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Open (creating if needed) a store at `path`; ':memory:' gives a throwaway one. */
export function openSqliteStore(path: string): SqliteStore {
  const db = new Database(path);
  try {
    // WAL lets readers (a report, a search) run while an ingest writes; NORMAL sync is
    // durable across application crashes in WAL mode, which is the failure that matters here.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new SqliteStore(db);
  } catch (err) {
    db.close();
    throw err;
  }
}
