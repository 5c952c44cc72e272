// A PostgreSQL connection pool for Roundup (the `pg` driver), its schema migrated on open, and the small
// helpers every PostgreSQL repository uses: one-shot queries, transactions, and the database's clock.
import pg from 'pg';
import { RoundupError, errorMessage } from '../../errors.js';
import { PG_MIGRATIONS, type PgMigration } from './pg-migrations.js';
import { describePostgresUrl } from '../postgres-url.js';

/** 64-bit integers (ids, counts, milliseconds) as numbers: Roundup's are all far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A pool on `url`, its schema migrated (DB_ERROR naming the server, never the password, and the fix). */
export async function openPostgresPool(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: TYPES, connectionTimeoutMillis: 15_000 });
  pool.on('error', () => {}); // an idle client's socket error: the next query reports it
  try {
    await migratePostgres(pool);
    return pool;
  } catch (cause) {
    await pool.end().catch(() => undefined);
    if (cause instanceof RoundupError) throw cause;
    throw new RoundupError(
      'DB_ERROR',
      `${describePostgresUrl(url)} could not be opened (${errorMessage(cause)}). Check ROUNDUP_DB (postgres://USER:PASS@HOST:PORT/DATABASE), ` +
        'that the server runs and takes connections from here, and that the user may create tables in that database.',
      { cause },
    );
  }
}

/** Applies the steps newer than the database's version, each in its own transaction, one process at a time. */
export async function migratePostgres(pool: pg.Pool, steps: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727102)'); // one migrator at a time, whoever else starts now
    await client.query('CREATE TABLE IF NOT EXISTS roundup_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM roundup_schema');
    const onDisk = rows[0]?.version ?? 0;
    const known = steps[steps.length - 1]?.version ?? 0;
    if (onDisk > known) {
      throw new RoundupError(
        'DB_ERROR',
        `The database has schema version ${onDisk}, newer than this Roundup knows (${known}): it was written by a newer release. Upgrade Roundup.`,
      );
    }
    for (const step of steps) {
      if (step.version <= onDisk) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO roundup_schema (version, name) VALUES ($1, $2)', [step.version, step.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727102)').catch(() => undefined);
    client.release();
  }
}

/** Runs `work` in one transaction (READ COMMITTED; the repositories lock the rows they read then change). */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The database's clock, in milliseconds since 1970 (leases and the shared send rate use it on every machine). */
export const DB_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
