import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import {
  BUSY_TIMEOUT_MS,
  MIGRATIONS,
  SCHEMA_VERSION,
  addSubscriber,
  getSubscriberByEmail,
  migrate,
  openDatabase,
  schemaVersion,
} from '../../src/store/index.js';
import { openTempDb, reopen, tempDir } from './temp-db.js';

function tables(db: BetterSqlite3.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('openDatabase', () => {
  it('creates the folder and file, sets the pragmas and migrates an empty file', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'roundup.db');
    const db = openTempDb(file);
    expect(existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(['clicks', 'confirmations', 'deliveries', 'feedback', 'issues', 'limit_events', 'locks', 'opens', 'send_pace', 'send_workers', 'snapshot_stories', 'snapshots', 'subscribers', 'webhook_messages']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('re-opens an existing file without migrating again and keeps the data', () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'ann@example.com', name: 'Ann' }, { via: 'cli' });
    db.close();
    const again = reopen(db.file);
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    expect(getSubscriberByEmail(again, 'ann@example.com')?.name).toBe('Ann');
  });

  it('refuses a file written by a newer schema, naming the file and the fix', () => {
    const db = openTempDb();
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const error = catchError(() => openDatabase(db.file));
    expect(isRoundupError(error, 'DB_ERROR')).toBe(true);
    expect((error as Error).message).toContain(db.file);
    expect((error as Error).message).toContain('upgrade Roundup');
  });

  it('reports a file that is not a database as DB_ERROR', () => {
    const file = join(tempDir(), 'not-a-db.db');
    writeFileSync(file, 'this is plain text, not SQLite, and long enough to have a header page'.repeat(20));
    const error = catchError(() => openDatabase(file));
    expect(isRoundupError(error, 'DB_ERROR')).toBe(true);
    expect((error as Error).message).toContain(file);
  });

  it('applies only the steps newer than the file, each once', () => {
    const db = openTempDb();
    const steps = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'test step', sql: 'CREATE TABLE extra (x INTEGER)' },
    ];
    migrate(db, db.file, steps);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    expect(tables(db)).toContain('extra');
    // a second run would fail on CREATE TABLE if it applied the step again
    migrate(db, db.file, steps);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
  });

  it('rolls a failing step back entirely (no half-applied schema, version unchanged)', () => {
    const db = openTempDb();
    const steps = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table' },
    ];
    expect(() => migrate(db, db.file, steps)).toThrow();
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half');
  });
});
