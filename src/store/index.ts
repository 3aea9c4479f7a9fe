export type { DocumentSummary, IdResolution, Store, StoredDocument } from './types.js';
export { MIN_ID_PREFIX } from './types.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { SqliteStore, migrate, openSqliteStore } from './sqlite.js';
