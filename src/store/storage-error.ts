import { RoundupError } from '../errors.js';
import { isBusyError } from './write-transaction.js';

// SQLite's errors reach the person running Roundup as one line that says what is wrong with the database file
// and what to do, never as a stack trace. better-sqlite3 throws `SqliteError` with SQLite's (extended) result
// code in `code`, e.g. `SQLITE_BUSY`, `SQLITE_READONLY_DBMOVED`.

/**
 * The RoundupError for a storage failure of the database at `file` (ROUNDUP_DB), or undefined when `error` is
 * not one of SQLite's.
 */
export function storageError(error: unknown, file: string): RoundupError | undefined {
  if (error instanceof RoundupError) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const db = `The database \`${file}\``;
  const say = (message: string, errorCode: 'DB_BUSY' | 'DB_ERROR' = 'DB_ERROR') =>
    new RoundupError(errorCode, `${message} (${code})`, { cause: error });
  if (isBusyError(error)) {
    return say(
      `${db} stayed locked by another process for over a minute (a send, \`roundup serve\`, a backup or a tool holding a transaction). ` +
        'Nothing was lost: run the command again; if it stays locked, find the process holding the file (e.g. `fuser` on it).',
      'DB_BUSY',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return say(`${db} cannot be written: make the file, its folder and its -wal/-shm files writable by this user, or point ROUNDUP_DB at a writable file.`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return say(`${db} is damaged or not a Roundup database: restore it from a backup, or point ROUNDUP_DB at another file.`);
  }
  if (code.startsWith('SQLITE_FULL')) return say(`${db} could not grow: the disk is full. Free some space and run the command again.`);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return say(`${db} could not be opened: check that its folder exists and is writable by this user, or point ROUNDUP_DB elsewhere.`);
  }
  if (code.startsWith('SQLITE_IOERR')) return say(`${db} could not be read or written (a disk or file system error). Check the disk, then run the command again.`);
  return say(`${db} reported an error: ${(error as Error).message}. If it persists, restore the file from a backup.`);
}
