// Sending, against one SMTP sink in another process, every run a process of its own on the compiled code
// (bench/send-worker.mjs, dist/): (a) the send loop in one process on SQLite; (b) the naive way (nodemailer
// sendMail with html + text per subscriber, same pool); (c) a hand-written pipelined SMTP client sending one
// prebuilt message (the ceiling on this machine); (d) 1, 2 and 4 senders of one issue on PostgreSQL, sharing it
// through the ledger's leases; then (a) and (c) at 10x the list: the steady rates, and (a)'s peak RSS. msg/s and
// peak RSS per process.
// ROUNDUP_BENCH_QUICK=1 shrinks the sizes; BENCH_SEND_PG=0 leaves PostgreSQL out; BENCH_POOL=N gives every client N
// connections (default 10, the product default `delivery.pool.maxConnections`; nodemailer waits for each message's
// replies, so the send loop gains from more).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/index.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { startPostgres, type PostgresCluster } from '../test/store/helpers/postgres-cluster.js';
import { fmt, mb } from './measure.js';

export const name = 'send: one process on SQLite, 1/2/4 on PostgreSQL, naive sendMail, a pipelined hand-written client';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./send-worker.mjs', import.meta.url));
const QUICK = process.env.ROUNDUP_BENCH_QUICK === '1';

const SINK = `
import { SMTPServer } from 'smtp-server';
const server = new SMTPServer({ logger: false, disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true,
  disableReverseLookup: true, maxClients: 1000, size: 0,
  onData(stream, _s, cb) { stream.on('end', () => cb()); stream.resume(); } });
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.server.address().port) + '\\n'));
`;

function startSink(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SINK], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`sink exited (${code})`)));
  });
}

interface Figures {
  count: number;
  ms: number;
  peakRss: number;
}

function worker(mode: string, location: string, port: number, count: number): Promise<Figures> {
  const child = spawn(process.execPath, [WORKER, mode, location, String(port), String(count)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Figures) : reject(new Error(`${mode} run failed (${code})`))));
  });
}

function makeDb(file: string, count: number): void {
  const db = openDatabase(file);
  const insert = db.prepare(
    "INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, updated_at) VALUES (?, ?, ?, '[]', 'active', ?, 'bench', ?)",
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 1; i <= count; i++) insert.run(`reader${i}@example.org`, `reader${i}@example.org`, i % 7 === 0 ? `Zoë Reader ${i}` : `Reader ${i}`, now, now);
  })();
  db.close();
}

async function makePg(cluster: PostgresCluster, count: number): Promise<string> {
  const url = await cluster.database();
  const store = await openPostgresStore(url, { max: 1 });
  try {
    const now = new Date();
    for (let from = 1; from <= count; from += 2000) {
      const rows = Array.from({ length: Math.min(2000, count - from + 1) }, (_, k) => {
        const i = from + k;
        return { line: i, email: `reader${i}@example.org`, name: i % 7 === 0 ? `Zoë Reader ${i}` : `Reader ${i}`, topics: [] };
      });
      await store.subscribers.importBatch(rows, { via: 'bench', now });
    }
  } finally {
    await store.close();
  }
  return url;
}

const rate = (f: Figures) => (f.count * 1000) / f.ms;
const line = (label: string, f: Figures, rss = mb(f.peakRss)) =>
  console.log(`${label.padEnd(46)} ${fmt(f.count).padStart(7)} msgs ${fmt(rate(f)).padStart(7)} msg/s   peak RSS ${rss}`);

export async function run(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/deliver/send-issue.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const small = QUICK ? 2_000 : 20_000;
  const large = QUICK ? 20_000 : 200_000;
  const naiveCount = QUICK ? 500 : 4_000;
  const dir = mkdtempSync(join(tmpdir(), 'roundup-bench-send-'));
  const sink = await startSink();
  const { messageSize, POOL, IN_FLIGHT } = (await import(WORKER)) as { messageSize(): number; POOL: { maxConnections: number }; IN_FLIGHT: number };
  let cluster: PostgresCluster | undefined;
  try {
    console.log(
      `message: ${fmt(messageSize() / 1024, 1)} KB; pool ${POOL.maxConnections} connections; ${IN_FLIGHT} in flight; ` +
        `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures are only comparable on an idle machine)`,
    );
    makeDb(join(dir, 'small.db'), small);
    makeDb(join(dir, 'naive.db'), naiveCount);
    // The sink is one process for every run: warm it up first (its JIT, its buffers), or whichever run comes
    // first pays for the warm-up and the comparison measures the order, not the clients.
    await worker('ceiling', '-', sink.port, QUICK ? 1_000 : 5_000);
    const ours = await worker('ours', join(dir, 'small.db'), sink.port, small);
    const naiveFig = await worker('naive', join(dir, 'naive.db'), sink.port, naiveCount);
    const ceil = await worker('ceiling', '-', sink.port, small);
    line('(a) send loop, one process, SQLite', ours);
    line('(b) naive: sendMail({html, text}) per message', naiveFig);
    line('(c) hand-written pipelined client, prebuilt', ceil);
    console.log(`send loop vs naive: ${fmt(rate(ours) / rate(naiveFig), 1)}x; vs the pipelined client: ${fmt(rate(ours) / rate(ceil), 2)}x (aim >= 0.8x)`);

    if (process.env.BENCH_SEND_PG !== '0') {
      cluster = await startPostgres();
      for (const workers of [1, 2, 4]) {
        const url = await makePg(cluster, small);
        const started = performance.now();
        const each = await Promise.all(Array.from({ length: workers }, () => worker('ours', url, sink.port, small)));
        const all: Figures = { count: each.reduce((n, f) => n + f.count, 0), ms: performance.now() - started, peakRss: Math.max(...each.map((f) => f.peakRss)) };
        line(`(d) ${workers} sender${workers === 1 ? '' : 's'} on PostgreSQL`, all, `${each.map((f) => mb(f.peakRss)).join(', ')}`);
      }
    }

    makeDb(join(dir, 'large.db'), large);
    const big = await worker('ours', join(dir, 'large.db'), sink.port, large);
    const bigCeil = await worker('ceiling', '-', sink.port, large);
    line(`(a) send loop at ${fmt(large)}`, big);
    line(`(c) pipelined client at ${fmt(large)}`, bigCeil);
    // at 10x the list, start-up and warm-up (the first thousands of messages run before the JIT has compiled the
    // hot paths) weigh a tenth as much: this is the steady rate
    console.log(`send loop vs the pipelined client at ${fmt(large)}: ${fmt(rate(big) / rate(bigCeil), 2)}x`);
    console.log(`peak RSS at ${fmt(large)}: ${mb(big.peakRss)} (aim < 150 MB); against ${fmt(small)}: ${fmt(big.peakRss / ours.peakRss, 2)}x`);
  } finally {
    sink.stop();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
