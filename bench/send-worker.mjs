// One measured run of bench/send.bench.ts, in a process of its own, on the compiled code (dist/, what ships):
// `node send-worker.mjs MODE ARGS...` prints {count, ms, peakRss} as its last line.
//   ours DB_FILE_OR_URL PORT COUNT  the send loop (sendIssue) on the SQLite or PostgreSQL ledger
//   naive DB_FILE PORT COUNT        nodemailer sendMail({html, text}) per message through the same pool
//   ceiling - PORT COUNT            a hand-written SMTP client: one prebuilt message, PIPELINING (MAIL, RCPT and
//                                   DATA in one write, then the body), a few connections
//   nodemailer - PORT COUNT         nodemailer's SMTPConnection alone, opened and driven as the pool transport
//                                   does (open-smtp-connection.ts), one prebuilt message marked clean, the same
//                                   connections, each sending one message after another: what the library itself
//                                   costs, with no render, tokens or ledger
import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { compileMessage } from '../dist/deliver/compile-message.js';
import { createConnectionPoolTransport } from '../dist/deliver/connection-pool-transport.js';
import { composeMessage } from '../dist/deliver/compose-message.js';
import { recipientFields } from '../dist/deliver/recipient-fields.js';
import { sendIssue } from '../dist/deliver/send-issue.js';
import { openSmtpConnection } from '../dist/deliver/open-smtp-connection.js';
import { markCleanSmtpData } from '../dist/deliver/use-native-data-scan.js';
import { TOKENS } from '../dist/render/tokens.js';
import { openStore, pageSubscribers, openDatabase } from '../dist/store/index.js';

export const POOL = { maxConnections: Number(process.env.BENCH_POOL ?? 10), maxMessages: 1000 };
export const IN_FLIGHT = 40;
const LINKS = { secret: 'bench-secret-0123456789abcdef', publicUrl: 'https://newsletter.identitywire.example', messageDomain: 'identitywire.example' };

/** An issue of realistic size: ~80 KB of HTML with a few non-ASCII characters, ~10 KB of text, tokens in both. */
export function spec() {
  const story = (i) =>
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

export function messageSize() {
  return compileMessage(spec()).render(recipientFields({ subscriberId: 1, email: 'a@example.org', name: 'A' }, { ...LINKS, issue: 'b' })).length;
}

async function ours(location, url) {
  const store = await openStore(location);
  try {
    const report = await sendIssue({
      issue: 'bench',
      spec: spec(),
      links: LINKS,
      ledger: store.ledger,
      transport: createConnectionPoolTransport({ url, ...POOL, rateLimit: 0 }),
      policy: { inFlight: IN_FLIGHT, retry: { attempts: 3, baseMs: 100, maxMs: 1000 }, pauseAfterConsecutiveErrors: 50 },
    });
    return report.run.submitted;
  } finally {
    await store.close();
  }
}

async function naive(dbFile, url, count) {
  const db = openDatabase(dbFile);
  const pool = nodemailer.createTransport({ pool: true, url, ...POOL });
  const s = spec();
  let sent = 0;
  let afterId = 0;
  const inFlight = new Set();
  while (sent < count) {
    const page = pageSubscribers(db, { status: 'active', afterId, limit: 500 });
    if (page.length === 0) break;
    afterId = page[page.length - 1].id;
    for (const sub of page) {
      if (sent >= count) break;
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      const fields = recipientFields({ subscriberId: sub.id, email: sub.email, name: sub.name }, { ...LINKS, issue: 'bench' });
      const p = pool.sendMail(composeMessage(s, fields)).finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent++;
    }
  }
  await Promise.all(inFlight);
  pool.close();
  db.close();
  return sent;
}

async function ceiling(port, count) {
  const message = compileMessage(spec()).render(recipientFields({ subscriberId: 1, email: 'reader1@example.org', name: 'Reader 1' }, { ...LINKS, issue: 'bench' }));
  const body = Buffer.concat([Buffer.from(message.toString('latin1').replace(/^\./gm, '..'), 'latin1'), Buffer.from('\r\n.\r\n')]);
  const per = Math.ceil(count / POOL.maxConnections);
  const counts = await Promise.all(Array.from({ length: POOL.maxConnections }, (_, i) => pipelinedClient(port, body, Math.max(0, Math.min(per, count - i * per)))));
  return counts.reduce((a, b) => a + b, 0);
}

async function nodemailerAlone(port, count) {
  const message = markCleanSmtpData(compileMessage(spec()).render(recipientFields({ subscriberId: 1, email: 'reader1@example.org', name: 'Reader 1' }, { ...LINKS, issue: 'bench' })));
  const per = Math.ceil(count / POOL.maxConnections);
  const one = async (n) => {
    const connection = await openSmtpConnection({ url: `smtp://127.0.0.1:${port}` });
    for (let i = 0; i < n; i++) {
      await new Promise((resolve, reject) =>
        connection.send({ from: 'news@identitywire.example', to: [`reader${i}@example.org`] }, message, (error, info) => (error ? reject(error) : resolve(info))),
      );
    }
    connection.quit();
    return n;
  };
  const counts = await Promise.all(Array.from({ length: POOL.maxConnections }, (_, i) => one(Math.max(0, Math.min(per, count - i * per)))));
  return counts.reduce((a, b) => a + b, 0);
}

/** Reads replies line by line; `next(n)` resolves with the codes of the next n final replies. */
async function pipelinedClient(port, body, count) {
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  const codes = [];
  let want = 0;
  let wake;
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    let at;
    while ((at = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      if (line[3] === ' ') codes.push(line.slice(0, 3));
    }
    if (wake && codes.length >= want) {
      const w = wake;
      wake = undefined;
      w();
    }
  });
  const next = (n) =>
    new Promise((resolve) => {
      want = n;
      const done = () => resolve(codes.splice(0, n));
      if (codes.length >= n) done();
      else wake = done;
    });
  await next(1);
  socket.write('EHLO bench\r\n');
  await next(1);
  for (let i = 0; i < count; i++) {
    socket.write(`MAIL FROM:<news@identitywire.example>\r\nRCPT TO:<reader${i}@example.org>\r\nDATA\r\n`);
    const [mail, rcpt, data] = await next(3);
    if (mail !== '250' || rcpt !== '250' || data !== '354') throw new Error(`sink refused: ${mail} ${rcpt} ${data}`);
    socket.write(body);
    if ((await next(1))[0] !== '250') throw new Error('sink refused a message');
  }
  socket.end('QUIT\r\n');
  return count;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [mode, location, port, count] = process.argv.slice(2);
  const url = `smtp://127.0.0.1:${port}`;
  const started = performance.now();
  const run = {
    ours: () => ours(location, url),
    naive: () => naive(location, url, Number(count)),
    ceiling: () => ceiling(Number(port), Number(count)),
    nodemailer: () => nodemailerAlone(Number(port), Number(count)),
  }[mode];
  if (!run) throw new Error(`unknown mode ${mode}: ours, naive, ceiling or nodemailer`);
  const sent = await run();
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  const peakRss = usage.maxRSS * 1024; // the process's peak, from the kernel
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000; // start-up included
  process.stdout.write(`${JSON.stringify({ count: sent, ms, peakRss, cpuMs })}\n`);
}
