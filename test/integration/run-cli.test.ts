// `roundup run` and `roundup approve` as processes: the sample site in a temp folder, a real SQLite file, a
// real SMTP server on 127.0.0.1 read back with mailparser, and two runs started at the same moment.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { getIssue, openDatabase } from '../../src/store/index.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, makeJobSite, SUBSCRIBERS, THIN_WEEK, WEEK, type JobSite } from '../job/helpers/job-site.js';

const exec = promisify(execFile);

let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  site?.cleanup();
  site = peer = undefined;
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function roundup(s: JobSite, args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: s.dir, env: { ...process.env, ...s.vars }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Starts `roundup ...` without waiting; resolves when it exits. */
function spawned(s: JobSite, args: string[]): Promise<Result> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: s.dir, env: { ...process.env, ...s.vars }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

function perAddress(p: SmtpPeer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of p.received) counts.set(m.rcpt.toLowerCase(), (counts.get(m.rcpt.toLowerCase()) ?? 0) + 1);
  return counts;
}

describe('roundup run', () => {
  it('sends the week, and run again sends nothing (exit 0 both times)', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url);
    const first = await roundup(site, ['run', '--week', WEEK, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const outcome = JSON.parse(first.stdout) as { status: string; report: { counts: Record<string, number> } };
    expect(outcome.status).toBe('sent');
    expect(outcome.report.counts.submitted).toBe(SUBSCRIBERS);
    expect(first.stderr).toContain(`${WEEK}: building`);
    const mail = await simpleParser(peer.received[0]!.raw);
    // the sender's name is the From name, and the subject leads with the news instead of repeating it
    expect(mail.from!.value[0]!.name).toBe('Identity Wire');
    expect(mail.subject).toMatch(/^(?!Identity Wire)\S/);
    expect(peer.received[0]!.raw.toString('latin1')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);

    const second = await roundup(site, ['run', '--week', WEEK]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^Issue ${WEEK}: already-sent\\. ${WEEK} was sent `));
    expect(peer.received).toHaveLength(SUBSCRIBERS);
  }, 90_000);

  it('skips a thin week with the reason and exit 0', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url);
    const result = await roundup(site, ['run', '--week', THIN_WEEK]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Issue ${THIN_WEEK}: skipped-thin [ISSUE_TOO_THIN]`);
    expect(result.stdout).toContain('fewer than the minimum of 5 (config `selection.minNewStories`)');
    expect(peer.received).toHaveLength(0);
  }, 60_000);

  it('with approval required: waits (exit 0, nothing sent) until `roundup approve`, then sends', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url, (c) => (c.web = { ...c.web, schedule: { requireApproval: true } }));
    const waiting = await roundup(site, ['run', '--week', WEEK]);
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).toContain(`Issue ${WEEK}: waiting-approval [NOT_APPROVED]`);
    expect(peer.received).toHaveLength(0);

    const approved = await roundup(site, ['approve', '--week', WEEK]);
    expect(approved.code, approved.stderr).toBe(0);
    const sent = await roundup(site, ['run', '--week', WEEK, '--json']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).status).toBe('sent');
    expect(perAddress(peer).size).toBe(SUBSCRIBERS);
  }, 90_000);

  it('two runs started together share the send: every subscriber gets exactly one message, both exit 0', async () => {
    // A slow server and one message at a time keep the first run sending while the second one arrives.
    peer = await startSmtpPeer({ delayMs: 150 });
    site = makeJobSite(peer.url, (c) => (c.delivery.inFlight = 1));
    const args = ['run', '--week', WEEK, '--json'];
    const results = await Promise.all([spawned(site, args), spawned(site, args)]);
    const outcomes = results.map((r) => ({ exit: r.code, status: (JSON.parse(r.stdout) as { status: string }).status, stderr: r.stderr }));
    for (const o of outcomes) {
      expect(o.exit, o.stderr).toBe(0);
      expect(['sent', 'already-sent']).toContain(o.status);
    }
    expect(outcomes.map((o) => o.status)).toContain('sent');
    expect(peer.received).toHaveLength(SUBSCRIBERS);
    expect([...perAddress(peer).values()].every((n) => n === 1)).toBe(true);
    const db = openDatabase(site.dbFile);
    try {
      expect(getIssue(db, WEEK)?.status).toBe('sent');
      // both registered as senders of the issue, and no lease is left held
      const senders = db.prepare("SELECT count(*) AS n FROM send_workers WHERE issue = ?").get(WEEK) as { n: number };
      expect(senders.n).toBe(2);
      expect(db.prepare("SELECT count(*) AS n FROM deliveries WHERE lease_owner IS NOT NULL AND state IN ('pending','submitting')").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 90_000);
});
