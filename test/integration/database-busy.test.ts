// The database shared by processes: a send in one process and `roundup serve` (or anything holding the file)
// in another. SQLite has one writer at a time; nothing may be lost to that: every one-click unsubscribe posted
// during a send is recorded, and a send that finds the database held by another process for seconds waits and
// goes on.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getSubscriber, openDatabase, sqliteStore, type Database } from '../../src/store/index.js';
import { serveHandler, type RunningServer } from '../../src/web/serve-handler.js';
import { signToken } from '../../src/tokens/signed-token.js';
import { createSubscriberApp } from '../../src/web/subscriber/index.js';
import { makeFixture, SECRET, type Fixture } from '../deliver/helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { sampleConfig } from '../web/subscriber/fixture.js';

const SEND_CHILD = fileURLToPath(new URL('../deliver/helpers/send-child.ts', import.meta.url));
const HOLDER = fileURLToPath(new URL('../store/helpers/hold-database.ts', import.meta.url));

let fixture: Fixture | undefined;
let peer: SmtpPeer | undefined;
let server: RunningServer | undefined;
let serverDb: Database | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await server?.close();
  serverDb?.close();
  await peer?.close();
  fixture?.cleanup();
  fixture = peer = server = serverDb = undefined;
});

/** Runs `node --import tsx SCRIPT ...args`; `lines` sees each stdout line; resolves with the exit code and output. */
function child(script: string, args: string[], lines: (line: string) => void = () => {}) {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    stdout += text;
    for (const line of text.split('\n')) if (line) lines(line);
  });
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return { proc, done };
}

describe('a database shared by processes', () => {
  it('every one-click unsubscribe posted while a send runs in another process is recorded', async () => {
    const SUBSCRIBERS = 1500;
    const POSTS = 400;
    fixture = makeFixture(SUBSCRIBERS);
    peer = await startSmtpPeer({ delayMs: 4 });
    serverDb = openDatabase(fixture.dbFile);
    const app = createSubscriberApp({ store: sqliteStore(serverDb), config: sampleConfig(), secret: SECRET, log: () => {} });
    server = await serveHandler(app, { port: 0 });

    let started!: () => void;
    const sending = new Promise<void>((resolve) => (started = resolve));
    const send = child(SEND_CHILD, [fixture.dbFile, peer.url, '10'], (line) => {
      if (line.startsWith('progress ') && Number(line.split(' ')[1]) > 20) started();
    });
    await sending;
    // the last POSTS subscribers unsubscribe while their messages are still to come, 16 requests at a time
    const ids = [...fixture.ids.values()].slice(-POSTS);
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const token = signToken({ p: 'unsubscribe', s: id, i: '2026-W48' }, SECRET);
        const res = await fetch(`${server!.url}/u/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const result = await send.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('done sent');

    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses).toHaveLength(POSTS);
    const db = openDatabase(fixture.dbFile);
    try {
      for (const id of ids) expect(getSubscriber(db, id)!.status, `subscriber ${id}`).toBe('unsubscribed');
    } finally {
      db.close();
    }
  }, 120_000);

  it('a send that finds the database held by another process for 10 s waits and finishes: nobody lost, nobody twice', async () => {
    const SUBSCRIBERS = 600;
    fixture = makeFixture(SUBSCRIBERS);
    peer = await startSmtpPeer({ delayMs: 50 }); // about 5 s of sending: the hold starts well inside it
    let startHolding!: () => void;
    const midway = new Promise<void>((resolve) => (startHolding = resolve));
    let progressWhenHeld = -1;
    let lastProgress = 0;
    const send = child(SEND_CHILD, [fixture.dbFile, peer.url, '6'], (line) => {
      if (!line.startsWith('progress ')) return;
      lastProgress = Number(line.split(' ')[1]);
      if (lastProgress >= 50) startHolding();
    });
    await midway;
    const holder = child(HOLDER, [fixture.dbFile, '10000'], (line) => {
      if (line === 'held') progressWhenHeld = lastProgress;
    });
    const [result, hold] = await Promise.all([send.done, holder.done]);
    expect(hold.code, hold.stderr).toBe(0);
    // the database was held while the send still had most of its list to go
    expect(progressWhenHeld).toBeGreaterThanOrEqual(50);
    expect(progressWhenHeld).toBeLessThan(SUBSCRIBERS - 100);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(result.stdout).toContain('done sent');
    const counts = new Map<string, number>();
    for (const m of peer.received) counts.set(m.rcpt, (counts.get(m.rcpt) ?? 0) + 1);
    expect(counts.size).toBe(SUBSCRIBERS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
