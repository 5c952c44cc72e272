// SQLite's own errors, produced for real on temp files, become one line that names the file and the fix.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatCliError } from '../../src/cli/main.js';
import { RoundupError } from '../../src/errors.js';
import { isBusyError, retryOnBusy, storageError, writeTransaction } from '../../src/store/index.js';
import { openTempDb, tempDir } from './temp-db.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('storageError', () => {
  it('a busy database, a read-only one and a file that is not a database each get their own one-line fix', () => {
    const db = openTempDb();
    const holder = new BetterSqlite3(db.file);
    holder.exec('BEGIN IMMEDIATE');
    const impatient = new BetterSqlite3(db.file);
    impatient.pragma('busy_timeout = 0');
    const busy = thrown(() => impatient.prepare("UPDATE subscribers SET name = 'x'").run());
    holder.exec('ROLLBACK');
    expect(isBusyError(busy)).toBe(true);
    expect(storageError(busy, db.file)).toMatchObject({ code: 'DB_BUSY' });
    expect(storageError(busy, db.file)!.message).toContain(db.file);

    const readonly = new BetterSqlite3(db.file, { readonly: true });
    const denied = thrown(() => readonly.prepare("UPDATE subscribers SET name = 'x'").run());
    expect(storageError(denied, db.file)!.message).toMatch(/cannot be written: make the file, its folder and its -wal\/-shm files writable/);

    const text = join(tempDir(), 'notes.db');
    writeFileSync(text, 'these are my notes, not a database\n'.repeat(100));
    const notDb = thrown(() => new BetterSqlite3(text).pragma('user_version'));
    expect(storageError(notDb, text)!.message).toMatch(/damaged or not a Roundup database/);
    for (const c of [impatient, readonly, holder]) c.close();

    expect(storageError(new Error('something else'), db.file)).toBeUndefined();
    expect(storageError(new RoundupError('DB_ERROR', 'ours'), db.file)).toBeUndefined();
  });

  it('the CLI prints a storage error as one line with the fix, and only a real bug with its stack', () => {
    const db = openTempDb();
    const readonly = new BetterSqlite3(db.file, { readonly: true });
    const denied = thrown(() => readonly.prepare("UPDATE subscribers SET name = 'x'").run());
    readonly.close();
    const printed = formatCliError(denied, { ROUNDUP_DB: db.file });
    expect(printed.trimEnd().split('\n')).toHaveLength(1);
    expect(printed).toMatch(/^roundup: The database `.*roundup\.db` cannot be written/);
    expect(formatCliError(new TypeError('x is undefined'), {})).toMatch(/^roundup: unexpected error: x is undefined\nTypeError: x is undefined\n\s+at /);
    // a PostgreSQL ROUNDUP_DB is named without its password
    const onPostgres = formatCliError(denied, { ROUNDUP_DB: 'postgres://roundup:s3cret-pw@db.example.net:5433/news' });
    expect(onPostgres).toContain('`PostgreSQL roundup@db.example.net:5433/news`');
    expect(onPostgres).not.toContain('s3cret-pw');
  });
});

describe('retryOnBusy and writeTransaction', () => {
  it('tries again while the database is busy, not on other errors, and gives up after the tries', () => {
    let calls = 0;
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(retryOnBusy(() => (++calls < 3 ? (() => { throw busy; })() : 'done'))).toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    expect(() => retryOnBusy(() => { calls++; throw busy; }, 2)).toThrow('database is locked');
    expect(calls).toBe(2);
    calls = 0;
    expect(() => retryOnBusy(() => { calls++; throw new Error('other'); })).toThrow('other');
    expect(calls).toBe(1);
  });

  it('takes the write lock when it begins, and is all or nothing', () => {
    const db = openTempDb();
    db.prepare("INSERT INTO subscribers (email, email_key, joined_at, joined_via, updated_at) VALUES ('a@x.example', 'a@x.example', 'now', 'test', 'now')").run();
    const other = new BetterSqlite3(db.file);
    other.pragma('busy_timeout = 0');
    let otherCouldWrite = true;
    writeTransaction(db, () => {
      // before any write of ours, another connection already cannot write: the lock was taken at BEGIN
      otherCouldWrite = !isBusyError(thrown(() => other.prepare("UPDATE subscribers SET name = 'o'").run()));
    });
    expect(otherCouldWrite).toBe(false);
    expect(() =>
      writeTransaction(db, () => {
        db.prepare("UPDATE subscribers SET name = 'half'").run();
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(db.prepare('SELECT name FROM subscribers').get()).toEqual({ name: '' });
    other.close();
  });
});
