// Sending: messages per second and peak memory of the send loop against an SMTP sink in another process,
// beside (b) the naive way (nodemailer sendMail with html + text per subscriber, through the same pool) and
// (c) a minimal hand-written SMTP client sending one prebuilt message over a few connections (the ceiling on
// this machine); then the loop's peak RSS at 10x the list. Each measured run is its own child process, so one
// run's memory does not hide in the next one's figure. ROUNDUP_BENCH_QUICK=1 shrinks the sizes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { compileMessage } from '../src/deliver/compile-message.js';
import { createConnectionPoolTransport } from '../src/deliver/connection-pool-transport.js';
import { composeMessage } from '../src/deliver/compose-message.js';
import type { MessageSpec } from '../src/deliver/message-spec.js';
import { recipientFields } from '../src/deliver/recipient-fields.js';
import { sendIssue } from '../src/deliver/send-issue.js';
import { TOKENS } from '../src/render/tokens.js';
import { openDatabase, pageSubscribers, SqliteLedger } from '../src/store/index.js';
import { fmt, mb, withPeakRss } from './measure.js';

export const name = 'send: send loop vs naive sendMail vs hand-written SMTP client (sink in another process)';

const SELF = fileURLToPath(import.meta.url);
const QUICK = process.env.ROUNDUP_BENCH_QUICK === '1';
const POOL = { maxConnections: 5, maxMessages: 1000 };
const IN_FLIGHT = 40;
const LINKS = { secret: 'bench-secret-0123456789abcdef', publicUrl: 'https://newsletter.identitywire.example', messageDomain: 'identitywire.example' };

/** An issue of realistic size: ~80 KB of HTML with a few non-ASCII characters, ~10 KB of text, tokens in both. */
function spec(): MessageSpec {
  const story = (i: number) =>
    `<tr><td style="padding:12px 24px;font-family:Helvetica,Arial,sans-serif"><a href="https://www.identitywire.example/news/2026/11/story-${i}/?utm_source=roundup&amp;utm_medium=email" style="color:#0b2545;font-size:18px;font-weight:bold;text-decoration:none">Border agencies trial passkeys and face matching — story ${i}</a><p style="margin:6px 0 0;color:#1d2733;font-size:14px;line-height:1.5">Regulators in Zürich and São Paulo weigh liveness checks for remote onboarding, while vendors argue over accuracy figures and the cost of re-enrolment for millions of holders.</p></td></tr>\n`;
  const html = `<!doctype html><html lang="en-GB"><body><p>Hi ${TOKENS.name},</p><table>${Array.from({ length: 110 }, (_, i) => story(i)).join('')}</table><p><a href="${TOKENS.unsubscribeUrl}">Unsubscribe</a> · <a href="${TOKENS.preferencesUrl}">Preferences</a> · sent to ${TOKENS.email}</p></body></html>\n`;
  const text = `Hi ${TOKENS.name},\n\n${Array.from({ length: 40 }, (_, i) => `Border agencies trial passkeys — story ${i}\nhttps://www.identitywire.example/news/2026/11/story-${i}/\n`).join('\n')}\nUnsubscribe: ${TOKENS.unsubscribeUrl}\n`;
  return {
    from: { name: 'Identity Wire', address: 'news@identitywire.example' },
    subject: 'Identity Wire: the week in digital identity',
    date: new Date('2026-11-30T07:00:00Z'),
    listId: 'Identity Wire <weekly.identitywire.example>',
    unsubscribeMailto: 'unsubscribe@identitywire.example',
    html,
    text,
    tokens: TOKENS,
  };
}

// ---- the sink: smtp-server in a child process, discarding what it gets --------------------------------
const SINK = `
import { SMTPServer } from 'smtp-server';
const server = new SMTPServer({ logger: false, disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true,
  disableReverseLookup: true, maxClients: 1000, size: 0,
  onData(stream, _s, cb) { stream.on('end', () => cb()); stream.resume(); } });
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.server.address().port) + '\\n'));
`;

function startSink(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SINK], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`sink exited (${code})`)));
  });
}

// ---- children: one measured run each ------------------------------------------------------------------
interface Figures {
  count: number;
  ms: number;
  peakRss: number;
}

function measureInChild(mode: string, args: string[]): Promise<Figures> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', mode, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function child(mode: string, dbFile: string, port: string, countArg: string): Promise<void> {
  const url = `smtp://127.0.0.1:${port}`;
  const count = Number(countArg);
  const started = performance.now();
  const { result, peakRss } = await withPeakRss(async () => {
    if (mode === 'ours') {
      const db = openDatabase(dbFile);
      const report = await sendIssue({
        issue: 'bench',
        spec: spec(),
        links: LINKS,
        ledger: new SqliteLedger(db),
        transport: createConnectionPoolTransport({ url, ...POOL, rateLimit: 0 }),
        policy: { inFlight: IN_FLIGHT, retry: { attempts: 3, baseMs: 100, maxMs: 1000 }, pauseAfterConsecutiveErrors: 50 },
      });
      db.close();
      return report.run.submitted;
    }
    if (mode === 'naive') return naive(dbFile, url, count);
    return ceiling(Number(port), count);
  });
  const figures: Figures = { count: result, ms: performance.now() - started, peakRss };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** (b) nodemailer builds each message from html + text; fed with the same bound on messages in flight. */
async function naive(dbFile: string, url: string, count: number): Promise<number> {
  const db = openDatabase(dbFile);
  const pool = nodemailer.createTransport({ pool: true, url, ...POOL });
  const s = spec();
  let sent = 0;
  let afterId = 0;
  const inFlight = new Set<Promise<unknown>>();
  while (sent < count) {
    const page = pageSubscribers(db, { status: 'active', afterId, limit: 500 });
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    for (const sub of page) {
      if (sent >= count) break;
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      const fields = recipientFields({ subscriberId: sub.id, email: sub.email, name: sub.name }, { ...LINKS, issue: 'bench' });
      const p: Promise<unknown> = pool.sendMail(composeMessage(s, fields)).finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent++;
    }
  }
  await Promise.all(inFlight);
  pool.close();
  db.close();
  return sent;
}

/** (c) the ceiling: a bare SMTP client, no pipelining, a few connections, one prebuilt message sent over and over. */
async function ceiling(port: number, count: number): Promise<number> {
  const message = compileMessage(spec()).render(recipientFields({ subscriberId: 1, email: 'reader1@example.org', name: 'Reader 1' }, { ...LINKS, issue: 'bench' }));
  const body = Buffer.concat([Buffer.from(message.toString('latin1').replace(/^\./gm, '..'), 'latin1'), Buffer.from('\r\n.\r\n')]);
  const per = Math.ceil(count / POOL.maxConnections);
  const counts = await Promise.all(Array.from({ length: POOL.maxConnections }, (_, i) => bareClient(port, body, Math.min(per, count - i * per))));
  return counts.reduce((a, b) => a + b, 0);
}

async function bareClient(port: number, body: Buffer, count: number): Promise<number> {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (m && waiting) {
      const w = waiting;
      waiting = undefined;
      buffer = '';
      w(m[1]!);
    }
  });
  const reply = (write?: string | Buffer) =>
    new Promise<string>((resolve) => {
      waiting = resolve;
      if (write) socket.write(write);
    });
  await reply();
  await reply('EHLO bench\r\n');
  for (let i = 0; i < count; i++) {
    await reply('MAIL FROM:<news@identitywire.example>\r\n');
    await reply(`RCPT TO:<reader${i}@example.org>\r\n`);
    await reply('DATA\r\n');
    if ((await reply(body)) !== '250') throw new Error('sink refused a message');
  }
  socket.end('QUIT\r\n');
  return count;
}

// ---- the parent -------------------------------------------------------------------------------------------
export async function run(): Promise<void> {
  const small = QUICK ? 2_000 : 20_000;
  const large = QUICK ? 20_000 : 200_000;
  const naiveCount = QUICK ? 500 : 4_000;
  const dir = mkdtempSync(join(tmpdir(), 'roundup-bench-send-'));
  const sink = await startSink();
  try {
    const size = compileMessage(spec()).render(recipientFields({ subscriberId: 1, email: 'a@example.org', name: 'A' }, { ...LINKS, issue: 'b' })).length;
    console.log(`message: ${fmt(size / 1024, 1)} KB; pool ${POOL.maxConnections} connections; ${IN_FLIGHT} in flight; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (figures are only comparable on an idle machine)`);
    makeDb(join(dir, 'small.db'), small);
    makeDb(join(dir, 'naive.db'), naiveCount);
    // The sink is one process for every run: warm it up first (its JIT, its buffers), or whichever run comes
    // first pays for the warm-up and the comparison measures the order, not the clients.
    await measureInChild('ceiling', ['-', String(sink.port), String(QUICK ? 1_000 : 5_000)]);
    const ours = await measureInChild('ours', [join(dir, 'small.db'), String(sink.port), String(small)]);
    const naiveFig = await measureInChild('naive', [join(dir, 'naive.db'), String(sink.port), String(naiveCount)]);
    const ceil = await measureInChild('ceiling', ['-', String(sink.port), String(small)]);
    const rate = (f: Figures) => (f.count * 1000) / f.ms;
    const line = (label: string, f: Figures) =>
      console.log(`${label.padEnd(44)} ${fmt(f.count).padStart(7)} msgs ${fmt(rate(f)).padStart(7)} msg/s   peak RSS ${mb(f.peakRss)}`);
    line('(a) send loop (compiled once, raw, ledger)', ours);
    line('(b) naive: sendMail({html, text}) per message', naiveFig);
    line('(c) ceiling: bare SMTP client, prebuilt', ceil);
    console.log(`send loop vs naive: ${fmt(rate(ours) / rate(naiveFig), 1)}x (aim >= 10x)`);
    console.log(`send loop vs ceiling: ${fmt((rate(ours) / rate(ceil)) * 100)}% (aim >= 70%)`);
    makeDb(join(dir, 'large.db'), large);
    const big = await measureInChild('ours', [join(dir, 'large.db'), String(sink.port), String(large)]);
    line(`(a) send loop at ${fmt(large)}`, big);
    console.log(`peak RSS ${fmt(large)} vs ${fmt(small)}: ${fmt(big.peakRss / ours.peakRss, 2)}x (aim <= 1.2x)`);
  } finally {
    sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [, , , mode, dbFile, port, count] = process.argv;
  await child(mode!, dbFile!, port!, count!);
}
