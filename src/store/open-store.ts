import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { isPostgresUrl } from './postgres-url.js';

/**
 * The store ROUNDUP_DB names: `postgres://USER:PASS@HOST:PORT/DATABASE` (or postgresql://) for PostgreSQL, anything
 * else a SQLite file (created and migrated on first use).
 */
export async function openStore(location: string): Promise<Store> {
  if (!isPostgresUrl(location)) return openSqliteStore(location);
  // loaded only for PostgreSQL: a SQLite command never pays for the driver
  const { openPostgresStore } = await import('./postgres/postgres-store.js');
  return openPostgresStore(location);
}
