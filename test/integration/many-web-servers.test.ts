// Many web servers, one PostgreSQL: two `roundup serve` processes behind one public URL share what the links in
// a sent issue change. Every one-click unsubscribe lands whichever server gets it (the same one posted to both at
// once counts once), clicks on either are counted together, and the sign-up limit holds across both.
import { spawn, type ChildProcess } from 'node:child_process';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/index.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, makeJobSite, WEEK, type JobSite } from '../job/helpers/job-site.js';
import { startPostgres, type PostgresCluster } from '../store/helpers/postgres-cluster.js';

const NOW = new Date('2026-11-30T07:00:00Z');
const READERS = 24;
const SIGNUPS_PER_HOUR = 3;

let cluster: PostgresCluster;
let peer: SmtpPeer;
let site: JobSite;
let store: Store;
const servers: { child: ChildProcess; url: string }[] = [];
/** Per recipient: the one-click unsubscribe URL and a click URL, as the message carried them. */
let links: { rcpt: string; unsubscribe: string; click: string }[] = [];

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...site.vars } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** `roundup serve --port 0`, resolved with the address it printed once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { ...process.env, ...site.vars } });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      const found = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (found) resolve({ child, url: found[1]! });
    });
    child.on('close', (code) => reject(new Error(`roundup serve exited ${code}: ${stderr}`)));
  });
}

/** The same path on another server (the public URL's host is the load balancer's). */
const on = (server: { url: string }, link: string) => {
  const u = new URL(link);
  return `${server.url}${u.pathname}${u.search}`;
};

beforeAll(async () => {
  cluster = await startPostgres();
  peer = await startSmtpPeer();
  const url = await cluster.database();
  store = await openPostgresStore(url, { max: 4 });
  const rows = Array.from({ length: READERS }, (_, i) => ({ line: i + 2, email: `reader${i}@example.com`, name: `Reader ${i}`, topics: [] }));
  await store.subscribers.importBatch(rows, { via: 'import', now: NOW });
  site = makeJobSite(peer.url, (c) => {
    c.web = { ...c.web, serve: { ...c.web?.serve, signup: { enabled: true, perHour: SIGNUPS_PER_HOUR } } };
  });
  site.vars.ROUNDUP_DB = url;
  const sent = await run(['send', '--week', WEEK, '--json']);
  expect(sent.code, sent.stderr).toBe(0);
  links = await Promise.all(
    peer.received.map(async (m) => {
      const mail = await simpleParser(m.raw);
      const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
      const unsubscribe = /<(https?:[^>]+)>/.exec(header)![1]!;
      const click = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
      return { rcpt: m.rcpt, unsubscribe, click };
    }),
  );
  expect(links).toHaveLength(READERS);
  servers.push(await serve(), await serve());
}, 240_000);

afterAll(async () => {
  for (const s of servers) s.child.kill('SIGTERM');
  await store?.close();
  await peer?.close();
  site?.cleanup();
  await cluster?.stop();
});

describe('two `roundup serve` on one PostgreSQL', () => {
  it('every one-click unsubscribe lands, on either server; one posted to both at once counts once', async () => {
    const post = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    // all at once: each reader's link to one server, and every third reader's also to the other
    const answers = await Promise.all(
      links.flatMap((l, i) => [post(on(servers[i % 2]!, l.unsubscribe)), ...(i % 3 === 0 ? [post(on(servers[(i + 1) % 2]!, l.unsubscribe))] : [])]),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const l of links) expect((await store.subscribers.getByEmail(l.rcpt))?.status, l.rcpt).toBe('unsubscribed');
    expect(await store.feedback.counts(WEEK)).toEqual([{ kind: 'unsubscribe', via: 'one-click', count: READERS }]);
  });

  it('counts clicks on both servers together, and each redirects to the frozen link', async () => {
    const answers = await Promise.all(links.map((l, i) => fetch(on(servers[i % 2]!, l.click), { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' } })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 302));
    expect(answers[0]!.headers.get('location')).toMatch(/^https:\/\/www\.identitywire\.example\/.*utm_source=/);
    const counted = await store.clicks.byLink(WEEK);
    expect(counted.reduce((n, r) => n + r.people, 0)).toBe(READERS);
  });

  it('holds the sign-up limit across both servers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SIGNUPS_PER_HOUR + 2; i++) {
      const res = await fetch(`${servers[i % 2]!.url}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=new${i}%40example.org&website=`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
