import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { RoundupError, errorMessage } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 15_000;

/** A connection to Roundup's SQLite database (better-sqlite3; synchronous). */
export type Database = BetterSqlite3.Database;

/**
 * Opens (creating the folder and file if needed) and migrates the database at `file` (`ROUNDUP_DB`).
 * WAL journal, `busy_timeout` 15 s (a second process waits for a writer instead of failing at once; see
 * write-transaction.ts for what waits longer),
 * foreign keys on, `synchronous=NORMAL` (durable at each WAL checkpoint; a power cut may lose the last
 * commits, never corrupt the file).
 */
export function openDatabase(file: string): Database {
  const inMemory = file === ':memory:';
  let db: Database;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
    db = new BetterSqlite3(file);
  } catch (cause) {
    throw new RoundupError(
      'DB_ERROR',
      `Database \`${file}\` could not be opened (${errorMessage(cause)}). ` +
        'Check that the folder is writable, or point ROUNDUP_DB at another file.',
      { cause },
    );
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, file);
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof RoundupError) throw cause;
    throw new RoundupError(
      'DB_ERROR',
      `Database \`${file}\` could not be prepared (${errorMessage(cause)}). ` +
        'If it is not a Roundup database, point ROUNDUP_DB at another file; if it is, restore it from a backup.',
      { cause },
    );
  }
}

/** The schema version stored in the file (`PRAGMA user_version`). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the steps newer than the file's version, each in its own IMMEDIATE transaction (the version is
 * read again inside it, so two processes opening a new file at once do not both create the tables).
 */
export function migrate(db: Database, file: string, steps: readonly Migration[] = MIGRATIONS): void {
  const known = steps[steps.length - 1]?.version ?? SCHEMA_VERSION;
  const onDisk = schemaVersion(db);
  if (onDisk > known) {
    throw new RoundupError(
      'DB_ERROR',
      `Database \`${file}\` has schema version ${onDisk}, newer than this Roundup knows (${known}). ` +
        'It was written by a newer release: upgrade Roundup, or point ROUNDUP_DB at another file.',
    );
  }
  for (const step of steps) {
    if (step.version <= onDisk) continue;
    db.transaction(() => {
      if (schemaVersion(db) >= step.version) return;
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
