import type { Database } from './open-database.js';

/**
 * Makes a per-connection cache for a table's prepared statements: `build(db)` runs once per Database and its
 * result is reused (statements are compiled once, not at every call).
 */
export function cachedStatements<T>(build: (db: Database) => T): (db: Database) => T {
  const cache = new WeakMap<Database, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
