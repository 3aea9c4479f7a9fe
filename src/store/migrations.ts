/**
 * Schema history. Append only: a migration that has shipped is never edited, because
 * databases in the wild already carry its version number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, raw inputs, spans, full-text index',
    sql: `
      -- seq is the integer rowid the FTS index keys on: an implicit rowid may be renumbered
      -- by VACUUM, which would silently point search hits at the wrong documents. id (the
      -- content hash) is the key everything else references.
      CREATE TABLE documents (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        source         TEXT NOT NULL,
        url            TEXT,
        format         TEXT NOT NULL CHECK (format IN ('html', 'text')),
        encoding       TEXT NOT NULL,
        title          TEXT,
        outlet         TEXT,
        published_date TEXT,
        ingested_at    TEXT NOT NULL,
        text           TEXT NOT NULL,
        doc_json       TEXT NOT NULL
      );
      CREATE INDEX documents_published ON documents (published_date);

      CREATE TABLE raw_inputs (
        doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        bytes  BLOB NOT NULL
      );

      CREATE TABLE spans (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        ord    INTEGER NOT NULL,
        kind   TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT 'text' CHECK (target IN ('text', 'raw')),
        start  INTEGER NOT NULL CHECK (start >= 0),
        "end"  INTEGER NOT NULL CHECK ("end" >= start),
        data   TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (doc_id, ord)
      );
      CREATE INDEX spans_kind ON spans (kind, doc_id);

      CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text,
        content = 'documents', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
      END;
      CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
    `,
  },
];
