// A real send (VERP return path, click links) to a real SMTP server, then the bounces, complaints and unsubscribe
// mails about what it sent, through every input of `roundup feedback` as a process: files (an .eml and an mbox),
// standard input (an MTA pipe) and an IMAP mailbox on a real dovecot started on 127.0.0.1.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSubscriber, getSubscriberByEmail, openDatabase } from '../../src/store/index.js';
import { verifyCompact } from '../../src/tokens/compact-token.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { fixture, type SentMessage } from '../feedback/fixtures.js';
import { startDovecot, type Dovecot } from '../feedback/helpers/dovecot.js';
import { BIN, makeJobSite, SECRET, WEEK, type JobSite } from '../job/helpers/job-site.js';

const exec = promisify(execFile);

let peer: SmtpPeer;
let dovecot: Dovecot;
let site: JobSite;
const sent: SentMessage[] = [];

async function roundup(args: string[], stdin?: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: site.dir, env: { ...process.env, ...site.vars, ROUNDUP_IMAP_PASSWORD: dovecot.password } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin ?? Buffer.alloc(0));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

const status = (email: string) => {
  const db = openDatabase(site.dbFile);
  try {
    return getSubscriberByEmail(db, email)!.status;
  } finally {
    db.close();
  }
};

async function imap<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

const count = (client: ImapFlow, path: string | string[]) => client.status(path, { messages: true }).then((s) => (s ? (s.messages ?? 0) : -1));

beforeAll(async () => {
  dovecot = await startDovecot();
  peer = await startSmtpPeer();
  site = makeJobSite(peer.url, (c) => {
    c.delivery = { ...c.delivery, returnPath: 'bounces+{token}@identitywire.example' };
    c.feedback = { softBounces: { count: 2, issues: 3 }, imap: { host: '127.0.0.1', port: dovecot.port, tls: 'none', user: dovecot.user } };
  });
  const run = await exec(process.execPath, [BIN, 'run', '--week', WEEK], { cwd: site.dir, env: { ...process.env, ...site.vars }, timeout: 120_000 });
  expect(run.stdout).toMatch(/sent/);
  const db = openDatabase(site.dbFile);
  try {
    for (const m of peer.received) {
      const mail = await simpleParser(m.raw);
      const mailto = /<mailto:([^?>]+)\?/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '')?.[1] ?? '';
      expect(mailto).toMatch(/^unsubscribe\+[a-z2-7]+@identitywire\.example$/);
      const id = Number(/^<[^.]+\.(\d+)\./.exec(mail.messageId!)![1]);
      sent.push({
        issue: WEEK,
        subscriberId: id,
        email: getSubscriber(db, id)!.email,
        messageId: mail.messageId!.slice(1, -1),
        returnPath: m.mailFrom,
        mailto,
        unsubscribeToken: '',
      });
    }
  } finally {
    db.close();
  }
}, 180_000);

afterAll(async () => {
  await peer?.close();
  await dovecot?.close();
  site?.cleanup();
});

describe('what the send left for feedback to find', () => {
  it('each message went out from its own signed VERP address, with short click links in the text', async () => {
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const m of sent) {
      const token = /^bounces\+([a-z2-7]+)@identitywire\.example$/.exec(m.returnPath)?.[1];
      expect(verifyCompact(token!, 'return-path', SECRET)).toEqual({ purpose: 'return-path', issue: WEEK, subscriber: m.subscriberId });
    }
    const text = (await simpleParser(peer.received[0]!.raw)).text!;
    const clicks = text.match(/https:\/\/\S+\/c\/\S+/g)!;
    expect(clicks.length).toBeGreaterThan(10);
    for (const link of clicks) expect(link.length).toBeLessThanOrEqual(78);
    expect(text).not.toMatch(/utm_source/); // every content link goes through the redirect
  });
});

describe('roundup feedback', () => {
  it('reads an .eml and an mbox; the same DSN twice changes nothing more', async () => {
    const [a, b] = sent;
    const eml = join(site.dir, 'bounce.eml');
    writeFileSync(eml, fixture('postfix-dsn-hard.eml', a!));
    const mbox = join(site.dir, 'feedback.mbox');
    const entry = (raw: Buffer) => `From MAILER-DAEMON Mon Nov 30 07:00:05 2026\n${raw.toString('utf8').replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`;
    writeFileSync(mbox, [fixture('postfix-dsn-hard.eml', a!), fixture('gmail-delay.eml', b!), fixture('postfix-dsn-soft.eml', b!)].map(entry).join(''));
    const first = await roundup(['feedback', eml, mbox, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout) as { counts: Record<string, number>; results: { source: string; outcome: string }[] };
    expect(json.counts).toEqual({ acted: 2, duplicate: 1, ignored: 1, unmatched: 0 });
    expect(json.results.map((r) => r.source)).toEqual([eml, `${mbox}#1`, `${mbox}#2`, `${mbox}#3`]);
    expect(status(a!.email)).toBe('bounced');
    expect(status(b!.email)).toBe('active'); // one soft bounce of two
    const again = await roundup(['feedback', eml]);
    expect(again.stdout).toMatch(/1 message\(s\): 0 acted on, 1 already recorded/);
  });

  it('reads one message from an MTA pipe (with Postfix\'s From_ line) and exits 0, unmatched or not', async () => {
    const c = sent[2]!;
    const piped = Buffer.concat([Buffer.from('From MAILER-DAEMON  Mon Nov 30 07:01:12 2026\n'), fixture('exim-text-hard.eml', c)]);
    const result = await roundup(['feedback', '--stdin', '--recipient', c.returnPath], piped);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/stdin: acted bounce \(exim\)/);
    expect(status(c.email)).toBe('bounced');
    const junk = await roundup(['feedback', '--stdin'], Buffer.from('From: someone@example.com\r\nSubject: hello\r\n\r\nhi\r\n'));
    expect(junk.code).toBe(0);
    expect(junk.stdout).toMatch(/stdin: unmatched/);
  });

  it('reads the IMAP mailbox, moves what it acted on and what it could not match, and acts once', async () => {
    const d = sent[3]!;
    const e = sent[4] ?? sent[3]!;
    await imap(async (client) => {
      await client.append('INBOX', fixture('arf-yahoo.eml', d));
      await client.append('INBOX', fixture('mailto-unsubscribe.eml', e));
      await client.append('INBOX', Buffer.from('From: spammer@example.net\r\nTo: bounces@identitywire.example\r\nSubject: Cheap watches\r\n\r\nBuy now\r\n'));
    });
    const run = await roundup(['feedback']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 message\(s\): 2 acted on, 0 already recorded, 0 ignored, 1 unmatched/);
    expect(status(d.email)).toBe('complained');
    if (e !== d) expect(status(e.email)).toBe('unsubscribed');
    await imap(async (client) => {
      expect(await count(client, 'INBOX')).toBe(0);
      expect(await count(client, ['Roundup', 'Processed'])).toBe(2);
      expect(await count(client, ['Roundup', 'Unmatched'])).toBe(1);
      await client.append('INBOX', fixture('arf-yahoo.eml', d));
    });
    const again = await roundup(['feedback', '--imap']);
    expect(again.stdout).toMatch(/1 message\(s\): 0 acted on, 1 already recorded/);
  });

  it('roundup report counts what came back, as text, JSON and CSV', async () => {
    const json = await roundup(['report', '--week', WEEK, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { submitted: number; bounced: { hard: number; soft: number }; complained: number; unsubscribed: { byWay: Record<string, number> } };
    expect(report.submitted).toBe(sent.length);
    expect(report.bounced).toMatchObject({ hard: 2, soft: 1 });
    expect(report.complained).toBe(1);
    expect(report.unsubscribed.byWay).toEqual(sent.length > 4 ? { mailto: 1 } : {});
    const text = await roundup(['report']); // the last issue sent
    expect(text.stdout).toMatch(new RegExp(`^${WEEK}: `));
    expect(text.stdout).toMatch(/WARNING: complaint rate [\d.]+% is past Gmail's 0\.3% line/);
    const csv = await roundup(['report', '--csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('issue,section,section_title,slot,link,kind,title,url,clicks,people,scanner_clicks');
  });

  it('names the fix when the IMAP password is wrong', async () => {
    const child = await exec(process.execPath, [BIN, 'feedback', '--imap'], { cwd: site.dir, env: { ...process.env, ...site.vars, ROUNDUP_IMAP_PASSWORD: 'wrong' } }).catch((error: { code: number; stderr: string }) => error);
    expect((child as { code: number }).code).toBe(1);
    expect((child as { stderr: string }).stderr).toMatch(/refused the login of feedback@127\.0\.0\.1: check `feedback\.imap\.user` and ROUNDUP_IMAP_PASSWORD/);
  });
});
