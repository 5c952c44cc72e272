// Real SQLite files in fresh temp folders, removed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Database } from '../../src/store/index.js';

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-store-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a database file in a new temp folder (closed after the test). */
export function openTempDb(file = join(tempDir(), 'roundup.db')): Database & { file: string } {
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return Object.assign(db, { file });
}

/** Another connection to the same file (closed after the test). */
export function reopen(file: string): Database {
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return db;
}
