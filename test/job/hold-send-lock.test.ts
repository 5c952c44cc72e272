import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { holdSendLock } from '../../src/job/hold-send-lock.js';
import { acquireLock } from '../../src/store/index.js';
import { openTempDb, reopen } from '../store/temp-db.js';

const lockRow = (db: ReturnType<typeof openTempDb>, issue: string) =>
  db.prepare<[string], { holder: string; expires_at: string }>('SELECT holder, expires_at FROM locks WHERE name = ?').get(`send:${issue}`);

describe('holdSendLock', () => {
  it('takes `send:<issue>`, and a second connection is refused with SEND_LOCKED naming the holder', () => {
    const db = openTempDb();
    const lock = holdSendLock(db, '2026-W48', { holder: 'box-a:1' });
    expect(lockRow(db, '2026-W48')?.holder).toBe('box-a:1');
    let error: unknown;
    try {
      holdSendLock(reopen(db.file), '2026-W48', { holder: 'box-b:2' });
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'SEND_LOCKED')).toBe(true);
    expect((error as Error).message).toContain('box-a:1');
    // another issue is another lock
    holdSendLock(reopen(db.file), '2026-W49', { holder: 'box-b:2' }).release();
    lock.release();
    expect(lockRow(db, '2026-W48')).toBeUndefined();
    holdSendLock(reopen(db.file), '2026-W48', { holder: 'box-b:2' }).release();
  });

  it('renews the lease while held', async () => {
    const db = openTempDb();
    const lock = holdSendLock(db, '2026-W48', { holder: 'box-a:1', ttlMs: 400 });
    const first = lockRow(db, '2026-W48')!.expires_at;
    await new Promise((r) => setTimeout(r, 250));
    expect(lockRow(db, '2026-W48')!.expires_at > first).toBe(true);
    lock.release();
  });

  it('takes over at once from a process on this host that is gone', () => {
    const db = openTempDb();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    acquireLock(db, 'send:2026-W48', `${hostname()}:${gone}`, 600_000);
    const lock = holdSendLock(db, '2026-W48', { holder: 'box-b:2' });
    expect(lockRow(db, '2026-W48')?.holder).toBe('box-b:2');
    lock.release();
  });

  it('does not take over from a live process on this host', () => {
    const db = openTempDb();
    acquireLock(db, 'send:2026-W48', `${hostname()}:${process.pid}`, 600_000);
    expect(() => holdSendLock(db, '2026-W48', { holder: 'box-b:2' })).toThrow(/is sending 2026-W48/);
  });
});
