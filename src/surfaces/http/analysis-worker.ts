import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../store/index.js';
import { DocCache } from './analysis.js';
import { buildReport } from '../report/build.js';

/**
 * The story analysis off the main thread. It is CPU-bound and grows faster than linearly
 * with the collection (seconds at a thousand documents), and on the main thread it would
 * freeze every request, progress polls included, for that long. The worker keeps its own
 * read-only connection (WAL lets it read while the server writes) and its own parsed
 * documents, and answers each request with a fresh report.
 */

const db = new Database((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const cache = new DocCache(new SqliteStore(db));

parentPort!.on('message', (msg: { id: number }) => {
  try {
    const report = buildReport(cache.load());
    parentPort!.postMessage({ id: msg.id, report });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message ?? String(err) });
  }
});
