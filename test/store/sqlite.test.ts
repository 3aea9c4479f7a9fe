import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { emptyFacts, type Doc } from '../../src/core/doc.js';
import { documentId } from '../../src/core/hash.js';
import { MIGRATIONS, migrate, openSqliteStore } from '../../src/store/index.js';

function makeDoc(html: string, over: Partial<Doc> = {}): { doc: Doc; raw: Buffer } {
  const raw = Buffer.from(html, 'utf8');
  const text = 'Storm hits coast. "We are ready," said Mayor Ann Lee on Monday.';
  const facts = emptyFacts();
  facts.title = 'Storm hits coast';
  facts.authors = ['Bo Ma'];
  facts.outlet = 'Example News';
  facts.published = { date: '2024-03-04', datetime: '2024-03-04T09:30:00+01:00', updated: null, earliest: '2024-03-04', latest: '2024-03-04', confidence: 0.9 };
  const doc: Doc = {
    id: documentId(raw),
    raw: {
      source: 'https://news.example/storm',
      url: 'https://news.example/storm',
      format: 'html',
      encoding: 'utf-8',
      encodingEvidence: 'HTTP header charset=utf-8',
      fetchedAt: '2024-03-05T10:00:00.000Z',
      headers: { 'last-modified': 'Mon, 04 Mar 2024 08:30:00 GMT' },
      supplied: { title: 'Storm', authors: ['Bo Ma'] },
    },
    rawText: html,
    text,
    spans: [
      { kind: 'block', block: 'paragraph', start: 0, end: text.length },
      { kind: 'title', value: 'Storm hits coast', start: 7, end: 23, in: 'raw', evidence: ['<title>'] },
      { kind: 'sentence', start: 0, end: 17 },
      { kind: 'quote', quoteKind: 'direct', speaker: 'Ann Lee', speakerStart: 43, speakerEnd: 50, cue: 'said', start: 18, end: 33 },
      { kind: 'entity', type: 'person', score: 0.97, start: 43, end: 50 },
      {
        kind: 'date-candidate',
        source: 'meta',
        value: '2024-03-04T09:30:00+01:00',
        date: '2024-03-04',
        datetime: '2024-03-04T09:30:00+01:00',
        role: 'published',
        score: 0.8,
        start: 0,
        end: 5,
        in: 'raw',
      },
      { kind: 'figure', value: 3.5, endValue: 4, unit: 'm', about: 'waves', start: 0, end: 4 },
    ],
    facts,
    ...over,
  };
  return { doc, raw };
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dateline-store-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('openSqliteStore', () => {
  it('round-trips a Doc with spans exactly, plus its raw bytes', () => {
    const store = openSqliteStore(':memory:');
    const { doc, raw } = makeDoc('<html><title>Storm hits coast</title></html>');
    assert.deepEqual(store.putDocument(doc, raw), { inserted: true });
    const got = store.getDocument(doc.id);
    assert.ok(got);
    assert.deepStrictEqual(got.doc, doc);
    assert.ok(got.rawBytes.equals(raw));
    assert.ok(!Number.isNaN(Date.parse(got.ingestedAt)));
    assert.ok(store.getRaw(doc.id)?.equals(raw));
    assert.equal(store.hasDocument(doc.id), true);
    store.close();
  });

  it('stores spans in queryable form and keeps the full-text index in sync', () => {
    const store = openSqliteStore(':memory:');
    const { doc, raw } = makeDoc('<p>a</p>');
    store.putDocument(doc, raw);
    const rows = store.db.prepare("SELECT kind, target, start, \"end\", json_extract(data, '$.speaker') AS speaker FROM spans WHERE doc_id = ? ORDER BY ord").all(doc.id) as {
      kind: string;
      target: string;
      speaker: string | null;
    }[];
    assert.deepEqual(
      rows.map((r) => r.kind),
      doc.spans.map((s) => s.kind),
    );
    assert.equal(rows[1].target, 'raw');
    assert.equal(rows.find((r) => r.kind === 'quote')?.speaker, 'Ann Lee');

    const search = store.db.prepare('SELECT d.id FROM documents_fts f JOIN documents d ON d.seq = f.rowid WHERE documents_fts MATCH ?').pluck();
    assert.deepEqual(search.all('mayor'), [doc.id]);
    assert.deepEqual(search.all('title:coast'), [doc.id]);
    assert.deepEqual(store.db.prepare('SELECT id, source, title, published_date FROM documents').get(), {
      id: doc.id,
      source: 'https://news.example/storm',
      title: 'Storm hits coast',
      published_date: '2024-03-04',
    });

    assert.equal(store.deleteDocument(doc.id), true);
    assert.deepEqual(search.all('mayor'), []);
    assert.equal(store.db.prepare('SELECT count(*) FROM spans').pluck().get(), 0);
    assert.equal(store.db.prepare('SELECT count(*) FROM raw_inputs').pluck().get(), 0);
    assert.equal(store.getDocument(doc.id), null);
    assert.equal(store.deleteDocument(doc.id), false);
    store.close();
  });

  it('stores the same page once', () => {
    const store = openSqliteStore(':memory:');
    const { doc, raw } = makeDoc('<p>same</p>');
    assert.deepEqual(store.putDocument(doc, raw), { inserted: true });
    const before = store.getDocument(doc.id);
    const changed = { ...doc, text: 'different text', raw: { ...doc.raw, source: 'elsewhere.html' } };
    assert.deepEqual(store.putDocument(changed, raw), { inserted: false });
    assert.deepStrictEqual(store.getDocument(doc.id), before);
    assert.equal(store.listDocuments().length, 1);
    assert.equal(store.db.prepare('SELECT count(*) FROM spans').pluck().get(), doc.spans.length);
    store.close();
  });

  it('refuses a Doc whose id is not the hash of its raw bytes', () => {
    const store = openSqliteStore(':memory:');
    const { doc } = makeDoc('<p>one</p>');
    assert.throws(() => store.putDocument(doc, Buffer.from('<p>two</p>')), /is not the hash of its raw bytes/);
    assert.deepEqual(store.listDocuments(), []);
    store.close();
  });

  it('resolves unique id prefixes of at least 6 characters, and not ambiguous ones', () => {
    const store = openSqliteStore(':memory:');
    // Two pages whose ids share their first 6 hex digits: a birthday search over fixed
    // inputs, so deterministic, and a few thousand hashes at most.
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const html = `<p>page ${i}</p>`;
      const p6 = documentId(Buffer.from(html)).slice(0, 6);
      const other = seen.get(p6);
      if (other) pair = [other, html];
      else seen.set(p6, html);
    }
    const [a, b] = pair.map((html) => makeDoc(html));
    store.putDocument(a.doc, a.raw);
    store.putDocument(b.doc, b.raw);
    const shared = a.doc.id.slice(0, 6);
    assert.equal(b.doc.id.slice(0, 6), shared);
    assert.deepEqual(store.resolveId(shared), { status: 'ambiguous', candidates: [a.doc.id, b.doc.id].sort() });
    assert.equal(store.getDocument(shared), null);
    assert.equal(store.deleteDocument(shared), false);

    const longer = a.doc.id.slice(0, commonPrefix(a.doc.id, b.doc.id).length + 1);
    assert.deepEqual(store.resolveId(longer), { status: 'found', id: a.doc.id });
    assert.equal(store.getDocument(longer)?.doc.id, a.doc.id);
    assert.equal(store.getDocument(b.doc.id.slice(0, 15).toUpperCase())?.doc.id, b.doc.id);
    assert.ok(store.getRaw(longer)?.equals(a.raw));
    assert.equal(store.hasDocument(longer), true);
    assert.equal(store.getDocument(a.doc.id.slice(0, 5)), null, 'too short');
    assert.equal(store.getDocument('zzzzzzzz'), null);
    assert.equal(store.getDocument(a.doc.id + '0'), null);
    assert.deepEqual(store.resolveId('0123456789abcdef'), { status: 'not-found' });
    store.close();
  });

  it('lists documents in ingestion order', () => {
    const store = openSqliteStore(':memory:');
    const a = makeDoc('<p>a</p>');
    const b = makeDoc('<p>b</p>');
    b.doc.facts = { ...b.doc.facts, title: null, published: { ...b.doc.facts.published, date: null } };
    store.putDocument(a.doc, a.raw);
    store.putDocument(b.doc, b.raw);
    assert.deepEqual(store.listDocuments(), [
      { id: a.doc.id, source: 'https://news.example/storm', title: 'Storm hits coast', published: '2024-03-04' },
      { id: b.doc.id, source: 'https://news.example/storm', title: null, published: null },
    ]);
    store.close();
  });

  it('rolls back a write that fails midway and keeps what was stored', () => {
    const store = openSqliteStore(':memory:');
    const good = makeDoc('<p>good</p>');
    store.putDocument(good.doc, good.raw);

    // The document and raw rows insert fine; the last span violates end >= start.
    const bad = makeDoc('<p>bad</p>');
    bad.doc.spans.push({ kind: 'sentence', start: 10, end: 2 });
    assert.throws(() => store.putDocument(bad.doc, bad.raw), /CHECK constraint failed/);

    assert.equal(store.hasDocument(bad.doc.id), false);
    assert.equal(store.getRaw(bad.doc.id), null);
    const count = (sql: string) => store.db.prepare(sql).pluck().get();
    assert.equal(count('SELECT count(*) FROM documents'), 1);
    assert.equal(count('SELECT count(*) FROM raw_inputs'), 1);
    assert.equal(count('SELECT count(*) FROM spans'), good.doc.spans.length);
    assert.equal(count("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'mayor'"), 1);
    assert.deepStrictEqual(store.getDocument(good.doc.id)?.doc, good.doc);

    // And the store is still usable for the corrected document.
    bad.doc.spans.pop();
    assert.deepEqual(store.putDocument(bad.doc, bad.raw), { inserted: true });
    store.close();
  });

  it('uses WAL and foreign keys, and data survives reopening the file', () => {
    const path = join(dir, 'dateline.db');
    const { doc, raw } = makeDoc('<p>persist</p>');
    const first = openSqliteStore(path);
    assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(first.db.pragma('foreign_keys', { simple: true }), 1);
    first.putDocument(doc, raw);
    first.close();
    first.close(); // idempotent

    const second = openSqliteStore(path);
    assert.deepStrictEqual(second.getDocument(doc.id)?.doc, doc);
    assert.deepEqual(
      second.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(),
      MIGRATIONS.map((m) => m.version),
    );
    assert.deepEqual(second.putDocument(doc, raw), { inserted: false });
    second.close();
  });

  it('applies pending migrations in a transaction and refuses a newer schema', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE later (x); SELECT nonsense FROM nowhere;' }];
    assert.throws(() => migrate(db, broken), /no such table: nowhere/);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('documents', 'later')").pluck().get(), 0, 'all or nothing');
    assert.equal(migrate(db), 1);
    assert.equal(migrate(db), 1, 'idempotent');
    db.prepare("INSERT INTO schema_migrations VALUES (7, 'future', '2030-01-01')").run();
    assert.throws(() => migrate(db), /schema version 7 is newer than this Dateline supports \(1\)/);
    db.close();

    const path = join(dir, 'future.db');
    const f = new Database(path);
    migrate(f);
    f.prepare("INSERT INTO schema_migrations VALUES (7, 'future', '2030-01-01')").run();
    f.close();
    assert.throws(() => openSqliteStore(path), /newer than this Dateline supports/);
  });
});

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

