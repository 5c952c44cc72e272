import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer.js';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-wal-'));
  db = openDatabase(join(dir, 'roundup.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** About 4 MB in commits of 40 KB, as a send's ledger writes: the log passes 1,000 pages without a checkpoint of ours. */
function write(): void {
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let i = 0; i < 100; i++) db.transaction(() => { for (let k = 0; k < 10; k++) insert.run('x'.repeat(4000)); })();
}

const fileBytes = () => statSync(join(dir, 'roundup.db')).size;
const until = async (check: () => boolean, ms = 15_000) => {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('startWalCheckpointer', () => {
  it('copies the log into the database file from its own thread while the writer only writes', async () => {
    const before = fileBytes();
    const checkpointer = startWalCheckpointer(db, 20)!;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000); // the writer's own: a backstop only
    write();
    expect(await until(() => fileBytes() > before + 3_000_000)).toBe(true); // the worker did
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 1000 });
  });

  it('without it, the same writes stay in the log (what the test above would see with no worker)', async () => {
    db.pragma('wal_autocheckpoint = 10000');
    const before = fileBytes();
    write();
    await new Promise((r) => setTimeout(r, 200));
    expect(fileBytes()).toBeLessThan(before + 1_000_000);
  });

  it('has nothing to do for an in-memory database; stop can be called twice', async () => {
    const memory = openDatabase(':memory:');
    expect(startWalCheckpointer(memory)).toBeUndefined();
    memory.close();
    const checkpointer = startWalCheckpointer(db)!;
    await Promise.all([checkpointer.stop(), checkpointer.stop()]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });
});

describe('startWalCheckpointer in a process with nothing else to do', () => {
  it('keeps the process alive while stop() waits for the worker (a CLI awaiting it exits 0, not 13)', () => {
    const file = join(dir, 'roundup.db');
    db.close();
    const source = fileURLToPath(new URL('../../src/store/', import.meta.url));
    const script = `
      const { openDatabase } = await import(${JSON.stringify(`${source}open-database.ts`)});
      const { startWalCheckpointer } = await import(${JSON.stringify(`${source}wal-checkpointer.ts`)});
      const db = openDatabase(${JSON.stringify(file)});
      const checkpointer = startWalCheckpointer(db, 50);
      await checkpointer.stop();
      db.close();
      process.stdout.write('stopped');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('stopped');
    expect(child.status).toBe(0);
  });
});
