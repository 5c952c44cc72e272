// Many senders, one issue, one PostgreSQL: `roundup send` processes started together share the list through
// the ledger's leases (each recipient once); one killed with SIGKILL half-way loses nobody, and what it had in
// flight is the most that can go out twice; `delivery.rateLimit` holds for all of them together.
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, makeJobSite, WEEK, type JobSite } from '../job/helpers/job-site.js';
import { startPostgres, type PostgresCluster } from '../store/helpers/postgres-cluster.js';

const NOW = new Date('2026-11-30T07:00:00Z');
let cluster: PostgresCluster;
let peer: SmtpPeer | undefined;
let site: JobSite | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => cluster?.stop());
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await peer?.close();
  site?.cleanup();
  peer = undefined;
  site = undefined;
});

/** A PostgreSQL database with `count` subscribers, and the sample site pointed at it. */
async function setUp(count: number, delivery: Record<string, unknown> = {}): Promise<{ url: string; site: JobSite }> {
  const url = await cluster.database();
  const store = await openPostgresStore(url, { max: 2 });
  try {
    const rows = Array.from({ length: count }, (_, i) => ({ line: i + 2, email: `reader${i}@example.com`, name: `Reader ${i}`, topics: [] }));
    for (let i = 0; i < rows.length; i += 1000) await store.subscribers.importBatch(rows.slice(i, i + 1000), { via: 'import', now: NOW });
  } finally {
    await store.close();
  }
  site = makeJobSite(peer!.url, (c) => (c.delivery = { ...c.delivery, ...delivery }));
  site.vars.ROUNDUP_DB = url;
  return { url, site };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function send(s: JobSite, args: string[] = []): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, 'send', '--week', WEEK, '--json', ...args], { env: { ...process.env, ...s.vars } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

function perAddress(p: SmtpPeer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of p.received) counts.set(m.rcpt, (counts.get(m.rcpt) ?? 0) + 1);
  return counts;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('many senders on PostgreSQL', () => {
  it('three `roundup send` processes on one issue of 3,000: each recipient exactly once, every sender took part', async () => {
    peer = await startSmtpPeer({ delayMs: 2 });
    const { site: s } = await setUp(3000);
    const runs = [send(s), send(s), send(s)];
    const exits = await Promise.all(runs.map((r) => r.done));
    for (const e of exits) {
      expect(e.code, e.stderr).toBe(0);
      expect(['sent', 'already-sent']).toContain((JSON.parse(e.stdout) as { status: string }).status);
    }
    const counts = perAddress(peer);
    expect(counts.size).toBe(3000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    // `roundup send --status` lists the three with what each sent: together, the whole list
    const status = send(s, ['--status']);
    const shown = await status.done;
    expect(shown.code, shown.stderr).toBe(0);
    const report = JSON.parse(shown.stdout) as { counts: { submitted: number }; senders: { submitted: number; status: string }[] };
    expect(report.counts.submitted).toBe(3000);
    expect(report.senders).toHaveLength(3);
    expect(report.senders.reduce((sum, x) => sum + x.submitted, 0)).toBe(3000);
    expect(report.senders.filter((x) => x.submitted > 0).length).toBeGreaterThanOrEqual(2);
  }, 400_000);

  it('one of three killed with SIGKILL half-way: nobody is lost, and no more than its in-flight go out twice', async () => {
    peer = await startSmtpPeer({ delayMs: 5 });
    const inFlight = 4;
    const { url, site: s } = await setUp(3000, { inFlight });
    const runs = [send(s), send(s), send(s)];
    await until(() => peer!.received.length >= 1000, 'a third of the list');
    // the victim: a sender holding rows right now (its pid is in its worker name, host:pid:random)
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let victimPid: number;
    try {
      const { rows } = await client.query<{ owner: string }>(
        "SELECT lease_owner AS owner FROM deliveries WHERE state IN ('pending', 'submitting') AND lease_owner IS NOT NULL LIMIT 1",
      );
      victimPid = Number(rows[0]!.owner.split(':')[1]);
    } finally {
      await client.end();
    }
    const victim = runs.find((r) => r.child.pid === victimPid)!;
    expect(victim, 'the lease holder is one of the three').toBeDefined();
    victim.child.kill('SIGKILL');
    const exits = await Promise.all(runs.map((r) => r.done));
    expect(exits.filter((e) => e.signal === 'SIGKILL')).toHaveLength(1);
    for (const e of exits.filter((x) => x.signal === null)) {
      expect(e.code, e.stderr).toBe(0);
      expect((JSON.parse(e.stdout) as { status: string }).status).toBe('sent');
    }
    const counts = perAddress(peer);
    expect(counts.size).toBe(3000); // nobody lost
    const twice = [...counts.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(inFlight);
  }, 400_000);

  it('delivery.rateLimit holds for all the senders together', async () => {
    peer = await startSmtpPeer();
    const rate = 20;
    const inFlight = 4;
    const { site: s } = await setUp(160, { rateLimit: rate, inFlight });
    const exits = await Promise.all([send(s), send(s)].map((r) => r.done));
    for (const e of exits) expect(e.code, e.stderr).toBe(0);
    expect(perAddress(peer).size).toBe(160);
    // The limit paces the starts; a message arrives after its trip through the pool, so a sender whose
    // connections stalled can deliver its in-flight messages together. In any second: the rate, one for the
    // edges of the window, and each sender's in-flight messages. Twice the rate would be two separate limits.
    const times = peer.received.map((m) => m.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(rate + 1 + 2 * inFlight);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((160 - rate - 1) / rate) * 1000);
  }, 400_000);
});
