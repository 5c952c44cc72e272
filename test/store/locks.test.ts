import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireLock, releaseLock } from '../../src/store/index.js';
import { openTempDb, reopen } from './temp-db.js';

const t0 = new Date('2026-11-30T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('locks', () => {
  it('a second holder cannot take a held lock, and learns who has it until when', () => {
    const db = openTempDb();
    expect(acquireLock(db, 'send:2026-W48', 'run-a', 60_000, t0)).toEqual({
      acquired: true,
      holder: 'run-a',
      expiresAt: '2026-11-30T08:01:00.000Z',
    });
    expect(acquireLock(db, 'send:2026-W48', 'run-b', 60_000, at(30_000))).toEqual({
      acquired: false,
      holder: 'run-a',
      expiresAt: '2026-11-30T08:01:00.000Z',
    });
    // other names are independent
    expect(acquireLock(db, 'send:2026-W49', 'run-b', 60_000, at(30_000)).acquired).toBe(true);
  });

  it('the holder renews by acquiring again; release frees it only for its holder', () => {
    const db = openTempDb();
    acquireLock(db, 'job', 'a', 1000, t0);
    expect(acquireLock(db, 'job', 'a', 1000, at(900))).toMatchObject({ acquired: true, expiresAt: at(1900).toISOString() });
    expect(acquireLock(db, 'job', 'b', 1000, at(1500)).acquired).toBe(false);
    expect(releaseLock(db, 'job', 'b')).toBe(false);
    expect(releaseLock(db, 'job', 'a')).toBe(true);
    expect(acquireLock(db, 'job', 'b', 1000, at(1600)).acquired).toBe(true);
  });

  it('an expired lock (a crashed run) is taken over', () => {
    const db = openTempDb();
    acquireLock(db, 'job', 'crashed', 1000, t0);
    expect(acquireLock(db, 'job', 'next', 1000, at(999)).acquired).toBe(false);
    expect(acquireLock(db, 'job', 'next', 1000, at(1000))).toMatchObject({ acquired: true, holder: 'next' });
    // the old holder cannot release the new holder's lock
    expect(releaseLock(db, 'job', 'crashed')).toBe(false);
    const row = db.prepare('SELECT holder, acquired_at FROM locks').get();
    expect(row).toEqual({ holder: 'next', acquired_at: at(1000).toISOString() });
  });

  it('two connections to the same file cannot both hold it', () => {
    const db = openTempDb();
    const other = reopen(db.file);
    const now = new Date();
    const results = [acquireLock(db, 'send', 'pid-1', 60_000, now), acquireLock(other, 'send', 'pid-2', 60_000, now)];
    expect(results.map((r) => r.acquired)).toEqual([true, false]);
    expect(results[1]!.holder).toBe('pid-1');
    releaseLock(db, 'send', 'pid-1');
    expect(acquireLock(other, 'send', 'pid-2', 60_000, now).acquired).toBe(true);
  });

  it('processes racing for the lock at the same moment: exactly one wins', { timeout: 120_000 }, async () => {
    const db = openTempDb();
    const dir = dirname(db.file);
    const script = join(dir, 'race.mts');
    const store = pathToFileURL(resolve('src/store/index.ts')).href;
    const go = join(dir, 'go');
    // each process opens the database, says it is ready, then waits for the `go` file: all start together
    writeFileSync(
      script,
      `import { existsSync } from 'node:fs';
       import { openDatabase, acquireLock } from ${JSON.stringify(store)};
       const db = openDatabase(process.argv[2]);
       process.stdout.write('ready\\n');
       const nap = new Int32Array(new SharedArrayBuffer(4));
       while (!existsSync(process.argv[3])) Atomics.wait(nap, 0, 0, 1);
       const r = acquireLock(db, 'send', 'pid-' + process.pid, 60_000);
       process.stdout.write(JSON.stringify(r));`,
    );
    let ready = 0;
    const run = () =>
      new Promise<{ acquired: boolean; holder: string }>((done, fail) => {
        const child = execFile(process.execPath, ['--import', 'tsx', script, db.file, go], (error, stdout) =>
          error ? fail(error) : done(JSON.parse(stdout.slice(stdout.indexOf('\n') + 1))),
        );
        child.stdout!.once('data', () => {
          if (++ready === 3) writeFileSync(go, '');
        });
      });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    const winner = results.find((r) => r.acquired)!.holder;
    expect(results.every((r) => r.holder === winner)).toBe(true);
  });

  it('a writer waits out another connection’s transaction (busy_timeout) instead of failing', () => {
    const db = openTempDb();
    const other = reopen(db.file);
    other.exec('BEGIN IMMEDIATE');
    db.pragma('busy_timeout = 0');
    expect(() => acquireLock(db, 'send', 'pid-1', 1000)).toThrow(/locked|busy/i);
    other.exec('COMMIT');
    db.pragma('busy_timeout = 5000');
    expect(acquireLock(db, 'send', 'pid-1', 1000).acquired).toBe(true);
  });
});
