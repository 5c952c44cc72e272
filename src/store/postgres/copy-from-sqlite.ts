// `roundup db copy --to postgres://...`: a SQLite list and its history moved into an empty PostgreSQL database,
// in one PostgreSQL transaction (all or nothing), checked by counting every table on both sides before it commits.
// Ids are kept: the signed unsubscribe and preferences links in mail already sent name subscribers by id, and must
// go on working after the move.
import type pg from 'pg';
import { RoundupError } from '../../errors.js';
import type { Database } from '../open-database.js';
import { describePostgresUrl } from '../postgres-url.js';
import { openPostgresPool } from './pg-pool.js';

/**
 * The tables moved, parents before children; each with the columns both sides have (the PostgreSQL schema's, read
 * from the database). Not moved: `locks` (held by processes of the old set-up, and expiring), `send_pace` (a rate
 * schedule of a send in progress), `limit_events` (sign-up attempts of the last hour) and `webhook_messages`
 * (relay call ids, kept only twice as long as a call's signed timestamp is accepted; a replay across the move
 * records nothing twice, feedback being idempotent): none of them is history, and each starts afresh.
 */
export const COPIED_TABLES = [
  'subscribers',
  'issues',
  'snapshots',
  'snapshot_stories',
  'confirmations',
  'deliveries',
  'send_workers',
  'feedback',
  'clicks',
  'opens',
] as const;

/** Tables whose ids PostgreSQL generates: copied as they were, so the generator goes on after the highest. */
const GENERATED_IDS = ['subscribers', 'clicks', 'opens'] as const;

export interface TableCopy {
  table: string;
  rows: number;
}

export interface CopyReport {
  target: string;
  tables: TableCopy[];
}

const BATCH_ROWS = 500;
const BATCH_CHARS = 8_000_000;

/** Copies `db` into the PostgreSQL database at `url` (migrated first), which must hold none of these rows yet. */
export async function copySqliteToPostgres(db: Database, url: string, options: { onTable?: (copy: TableCopy) => void } = {}): Promise<CopyReport> {
  const target = describePostgresUrl(url);
  const pool = await openPostgresPool(url, { max: 1 });
  const client = await pool.connect();
  // one read transaction on SQLite: every table as of one moment, whatever else writes meanwhile
  db.exec('BEGIN');
  try {
    await client.query('BEGIN');
    await refuseNonEmpty(client, target);
    const tables: TableCopy[] = [];
    for (const table of COPIED_TABLES) {
      const rows = await copyTable(db, client, table);
      const copied = { table, rows };
      tables.push(copied);
      options.onTable?.(copied);
    }
    for (const table of GENERATED_IDS) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1), (SELECT count(*) > 0 FROM ${table}))`);
    }
    await verifyCounts(db, client, tables, target);
    await client.query('COMMIT');
    return { target, tables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    client.release();
    await pool.end();
  }
}

async function refuseNonEmpty(client: pg.PoolClient, target: string): Promise<void> {
  for (const table of COPIED_TABLES) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${table}`);
    const n = rows[0]!.n;
    if (n > 0) {
      throw new RoundupError(
        'USAGE',
        `${target} already holds ${n} row${n === 1 ? '' : 's'} in \`${table}\`: db copy moves a list into an empty database only ` +
          '(nothing there is overwritten or merged). Create a new database (createdb roundup) and copy into that.',
      );
    }
  }
}

/** Streams one table's rows (a read of SQLite, a page of inserts at a time). Returns how many. */
async function copyTable(db: Database, client: pg.PoolClient, table: string): Promise<number> {
  const targetColumns = await columnsOf(client, table);
  const sourceColumns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
  const missing = targetColumns.filter((c) => !sourceColumns.includes(c.name) && !c.nullable && !c.hasDefault);
  if (missing.length > 0) {
    throw new RoundupError('DB_ERROR', `The SQLite table \`${table}\` has no ${missing.map((c) => `\`${c.name}\``).join(', ')}: upgrade it first (any roundup command on that file migrates it).`);
  }
  const columns = targetColumns.filter((c) => sourceColumns.includes(c.name));
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  let count = 0;
  let batch: unknown[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${names}) VALUES ${values}`, batch.flat());
    batch = [];
    bytes = 0;
  };
  for (const row of db.prepare(`SELECT ${names} FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row.map((value, i) => (columns[i]!.type === 'boolean' && value !== null ? value !== 0 : value)));
    for (const value of row) if (typeof value === 'string') bytes += value.length;
    count++;
    // a page of rows, or less when they are big (snapshots hold whole emails)
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_CHARS) await flush();
  }
  await flush();
  return count;
}

async function columnsOf(client: pg.PoolClient, table: string): Promise<{ name: string; type: string; nullable: boolean; hasDefault: boolean }[]> {
  const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
    `SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => ({
    name: r.column_name,
    type: r.data_type,
    nullable: r.is_nullable === 'YES',
    hasDefault: r.column_default !== null || r.is_identity === 'YES',
  }));
}

async function verifyCounts(db: Database, client: pg.PoolClient, tables: readonly TableCopy[], target: string): Promise<void> {
  for (const { table, rows } of tables) {
    const source = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const { rows: found } = await client.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${table}`);
    if (source !== rows || found[0]!.n !== source) {
      throw new RoundupError(
        'DB_ERROR',
        `Copying \`${table}\` to ${target} did not add up (SQLite ${source}, read ${rows}, PostgreSQL ${found[0]!.n}): nothing was committed. ` +
          'Check that nothing else writes to that PostgreSQL database during the copy, and copy again.',
      );
    }
  }
}
