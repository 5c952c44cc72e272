// Clicks: `roundup serve` (the real CLI, in its own process, on 127.0.0.1) answering `/c/<token>` (check the
// signature, find the frozen link, record the click in SQLite, 302) to many concurrent keep-alive clients,
// against the same server's 404 page in the same run (a page rendered, nothing written). Requests per second and
// p50/p99 latency; the goal is at least 0.5x the 404 page's rate. ROUNDUP_BENCH_QUICK=1 shortens the runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { addSubscriber, clicksByLink, markIssue, openDatabase, saveSnapshot } from '../src/store/index.js';
import { signCompact } from '../src/tokens/compact-token.js';
import type { IssueLink } from '../src/types.js';
import { testSnapshot } from '../test/snapshot/test-snapshot.js';
import { fmt } from './measure.js';

export const name = 'clicks: /c/<token> of roundup serve vs its 404 page (many concurrent clients)';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.env.ROUNDUP_BENCH_QUICK === '1';
const SECRET = 'bench-secret-0123456789abcdef';
const ISSUE = '2026-W48';
const CLIENTS = 64;
const SECONDS = QUICK ? 3 : 8;
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

function setup(dir: string): { configFile: string; dbFile: string; tokens: string[] } {
  const dbFile = join(dir, 'roundup.db');
  const db = openDatabase(dbFile);
  const links: IssueLink[] = Array.from({ length: 24 }, (_, i) => ({
    id: `most-read:${i + 1}`,
    url: `https://www.identitywire.example/2026/11/story-${i}/?utm_source=roundup&utm_medium=email&utm_campaign=weekly-${ISSUE}&utm_content=most-read`,
    kind: 'story',
    section: 'most-read',
    story: `https://www.identitywire.example/2026/11/story-${i}/`,
  }));
  saveSnapshot(db, testSnapshot(ISSUE, { links }), { by: 'send', now: new Date('2026-11-30T07:00:00Z') });
  markIssue(db, ISSUE, 'sent', { now: new Date('2026-11-30T08:00:00Z') });
  addSubscriber(db, { email: 'reader@example.com' }, { via: 'bench' });
  db.close();
  const config = parse(readFileSync(join(ROOT, 'config/roundup.yaml'), 'utf8')) as Record<string, any>;
  config.web = { ...config.web, serve: { ...config.web?.serve, signup: { enabled: false } } };
  for (const source of config.content as { path?: string }[]) if (source.path) source.path = join(ROOT, 'config', source.path);
  const configFile = join(dir, 'roundup.yaml');
  writeFileSync(configFile, stringify(config));
  const tokens = links.map((_, i) => signCompact({ purpose: 'click', issue: ISSUE, link: i }, SECRET));
  return { configFile, dbFile, tokens };
}

function startServe(configFile: string, dbFile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/roundup.js'), 'serve', '--port', '0', '--config', configFile], {
    env: { ...process.env, ROUNDUP_SECRET: SECRET, ROUNDUP_DB: dbFile },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`roundup serve exited (${code}): ${out}`)));
  });
}

interface Load {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
}

/** CLIENTS keep-alive connections, each sending its next request when the last one is answered, for `seconds`. */
async function load(port: number, path: (i: number) => string, seconds: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const end = Date.now() + seconds * 1000;
  let n = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port, path: path(n++), agent, headers: { 'user-agent': BROWSER } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const began = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  const elapsed = (Date.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), statuses };
}

const show = (label: string, l: Load) =>
  console.log(`  ${label.padEnd(24)} ${fmt(l.requests).padStart(8)} requests  ${fmt(l.perSecond).padStart(7)} req/s  p50 ${l.p50.toFixed(2)} ms  p99 ${l.p99.toFixed(2)} ms  [${[...l.statuses].map(([s, c]) => `${s}: ${fmt(c)}`).join(', ')}]`);

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-bench-clicks-'));
  const { configFile, dbFile, tokens } = setup(dir);
  const { child, port } = await startServe(configFile, dbFile);
  try {
    console.log(`  ${CLIENTS} concurrent keep-alive clients, ${SECONDS} s per run, server in its own process (roundup serve)`);
    await load(port, () => '/warm-up', 1);
    const notFound = await load(port, () => '/no-such-page', SECONDS);
    show('404 page (baseline)', notFound);
    const clicks = await load(port, (i) => `/c/${tokens[i % tokens.length]}`, SECONDS);
    show('/c/<token> (302)', clicks);
    const again = await load(port, () => '/no-such-page', SECONDS);
    show('404 page (again)', again);
    const baseline = (notFound.perSecond + again.perSecond) / 2;
    console.log(`  clicks / 404: ${(clicks.perSecond / baseline).toFixed(2)}x requests per second (goal >= 0.5x); p99 ${(clicks.p99 / ((notFound.p99 + again.p99) / 2)).toFixed(2)}x`);
    const db = openDatabase(dbFile);
    const recorded = clicksByLink(db, ISSUE).reduce((n, r) => n + r.people + r.scanners, 0);
    db.close();
    console.log(`  clicks recorded in SQLite: ${fmt(recorded)} of ${fmt(clicks.requests)} answered`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
