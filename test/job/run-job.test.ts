// runJob against the real things: the sample site's sources, a SQLite file, an SMTP server on 127.0.0.1.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { jobExitCode, runJob, type RunJobOptions } from '../../src/job/run-job.js';
import { getIssue, openDatabase, SqliteLedger } from '../../src/store/index.js';
import { approveIssue } from '../../src/job/approve-issue.js';
import { buildIssue } from '../../src/job/build-issue.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { makeJobSite, SUBSCRIBERS, THIN_WEEK, WEEK, type JobSite } from './helpers/job-site.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  site?.cleanup();
  site = peer = undefined;
});

async function setUp(edit?: Parameters<typeof makeJobSite>[1], delayMs = 0) {
  peer = await startSmtpPeer({ delayMs });
  site = makeJobSite(peer.url, edit);
  return { site, peer };
}

function options(s: JobSite, over: Partial<RunJobOptions> = {}): RunJobOptions {
  return { loaded: s.loaded(), env: s.env(), now: new Date('2026-11-30T07:00:00Z'), week: WEEK, ...over };
}

function perAddress(p: SmtpPeer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of p.received) counts.set(m.rcpt.toLowerCase(), (counts.get(m.rcpt.toLowerCase()) ?? 0) + 1);
  return counts;
}

function withDb<T>(s: JobSite, fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(s.dbFile);
  let result: T;
  try {
    result = fn(db);
  } catch (error) {
    db.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => db.close()) as T;
  db.close();
  return result;
}

describe('runJob', () => {
  it('sends the week once; a second run sends nothing and does not even build', async () => {
    const { site: s, peer: p } = await setUp();
    const lines: string[] = [];
    const first = await runJob(options(s, { log: (l) => lines.push(l) }));
    expect(first.status).toBe('sent');
    expect(first.report?.counts).toMatchObject({ submitted: SUBSCRIBERS, pending: 0, submitting: 0 });
    expect(p.received).toHaveLength(SUBSCRIBERS);
    expect(perAddress(p).size).toBe(SUBSCRIBERS);
    expect(lines.some((l) => l.includes('building'))).toBe(true);
    expect(lines.some((l) => /^2026-W\d+: WARN  dkim-configured/.test(l)), lines.join('\n')).toBe(true);
    const mail = await simpleParser(p.received[0]!.raw);
    expect(mail.subject).toBe(withDb(s, (db) => getIssue(db, WEEK)?.subject));
    expect(mail.text).toContain('Identity Wire');
    const record = withDb(s, (db) => getIssue(db, WEEK));
    expect(record).toMatchObject({ status: 'sent', counts: { submitted: SUBSCRIBERS } });

    // The sources are gone: a second run that built would fail; it stops at the issue record instead.
    rmSync(join(s.dir, 'config/sample'));
    const second = await runJob(options(s));
    expect(second.status).toBe('already-sent');
    expect(jobExitCode(second.status)).toBe(0);
    expect(p.received).toHaveLength(SUBSCRIBERS);
    expect(withDb(s, (db) => getIssue(db, WEEK)?.sentAt)).toBe(record?.sentAt);
  }, 60_000);

  it('a half-sent issue resumes: the rest get it, nobody gets it twice', async () => {
    const { site: s, peer: p } = await setUp((c) => (c.delivery.inFlight = 1), 30);
    const controller = new AbortController();
    const stopper = setInterval(() => {
      if (p.received.length >= 4) controller.abort();
    }, 2);
    const first = await runJob(options(s, { signal: controller.signal })).finally(() => clearInterval(stopper));
    expect(first.status).toBe('aborted');
    expect(jobExitCode(first.status)).toBe(130);
    const sentBefore = p.received.length;
    expect(sentBefore).toBeGreaterThanOrEqual(4);
    expect(sentBefore).toBeLessThan(SUBSCRIBERS);
    expect(withDb(s, (db) => getIssue(db, WEEK)?.status)).toBe('sending');

    const second = await runJob(options(s));
    expect(second.status).toBe('sent');
    expect(second.report?.run.submitted).toBe(SUBSCRIBERS - sentBefore);
    expect(p.received).toHaveLength(SUBSCRIBERS);
    expect([...perAddress(p).values()].every((n) => n === 1)).toBe(true);
    expect(withDb(s, (db) => getIssue(db, WEEK)?.status)).toBe('sent');
  }, 60_000);

  it('writes the week\'s reads warnings to the run log, naming each read source and what it returned', async () => {
    const { site: s } = await setUp((c) => {
      c.web = { ...c.web, schedule: { requireApproval: true } };
      c.reads = [{ type: 'csv', name: 'ga4', format: 'ga4', path: 'sample/reads/ga4-{week}-missing.csv', optional: true }];
    });
    const lines: string[] = [];
    const outcome = await runJob(options(s, { log: (l) => lines.push(l) }));
    expect(outcome.status).toBe('waiting-approval');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${WEEK}: warning: No reads at all for ${WEEK}: ga4 \\[csv\\]: failed \\(.*ga4-${WEEK}-missing\\.csv`)));
  });

  it('with approval required, nothing is sent until the issue is approved', async () => {
    const { site: s, peer: p } = await setUp((c) => (c.web = { ...c.web, schedule: { requireApproval: true } }));
    const waiting = await runJob(options(s));
    expect(waiting).toMatchObject({ status: 'waiting-approval', code: 'NOT_APPROVED', issue: WEEK });
    expect(waiting.message).toContain(`roundup approve --week ${WEEK}`);
    expect(jobExitCode(waiting.status)).toBe(0);
    expect(p.received).toHaveLength(0);
    withDb(s, (db) => {
      expect(getIssue(db, WEEK)?.status).toBe('built');
      expect(new SqliteLedger(db).get(WEEK, 1)).toBeUndefined();
    });

    const again = await runJob(options(s));
    expect(again.status).toBe('waiting-approval');
    expect(p.received).toHaveLength(0);

    const built = await buildIssue({ loaded: s.loaded(), env: s.env(), week: WEEK, now: new Date('2026-11-30T07:00:00Z'), write: false });
    await withDb(s, (db) => approveIssue(sqliteStore(db), s.loaded().config, built));
    const sent = await runJob(options(s));
    expect(sent.status).toBe('sent');
    expect(perAddress(p).size).toBe(SUBSCRIBERS);
  }, 60_000);

  it('an issue approved by a release that froze nothing still counts as approved: it is frozen as built and sent', async () => {
    const { site: s, peer: p } = await setUp((c) => (c.web = { ...c.web, schedule: { requireApproval: true } }));
    withDb(s, (db) => {
      db.prepare("INSERT INTO issues (key, status, subject, built_at, approved_at) VALUES (?, 'approved', 'old', ?, ?)").run(WEEK, 'x', 'x');
    });
    const lines: string[] = [];
    const outcome = await runJob(options(s, { log: (l) => lines.push(l) }));
    expect(outcome.status).toBe('sent');
    expect(lines).toContain(`${WEEK}: approved before issues were frozen at approval; freezing it as built now`);
    expect(perAddress(p).size).toBe(SUBSCRIBERS);
  }, 60_000);

  it('skips a thin week with its reason; nothing is recorded or sent', async () => {
    const { site: s, peer: p } = await setUp();
    const outcome = await runJob(options(s, { week: THIN_WEEK }));
    expect(outcome).toMatchObject({ status: 'skipped-thin', code: 'ISSUE_TOO_THIN', issue: THIN_WEEK });
    expect(outcome.message).toMatch(/0 new stories, fewer than the minimum of 5/);
    expect(jobExitCode(outcome.status)).toBe(0);
    expect(p.received).toHaveLength(0);
    expect(withDb(s, (db) => getIssue(db, THIN_WEEK))).toBeUndefined();
  }, 60_000);

  it('two runs at once share the issue: each subscriber gets it once, and both end well', async () => {
    const { site: s, peer: p } = await setUp();
    const [a, b] = await Promise.all([runJob(options(s)), runJob(options(s))]);
    for (const outcome of [a, b]) {
      expect(['sent', 'already-sent']).toContain(outcome.status);
      expect(jobExitCode(outcome.status)).toBe(0);
    }
    expect([a.status, b.status]).toContain('sent');
    expect(perAddress(p).size).toBe(SUBSCRIBERS);
    expect([...perAddress(p).values()].every((n) => n === 1)).toBe(true);
    expect(withDb(s, (db) => getIssue(db, WEEK)?.status)).toBe('sent');
  }, 60_000);

  it('says how to set SMTP_URL before building anything', async () => {
    const { site: s } = await setUp();
    rmSync(join(s.dir, 'config/sample'));
    const error = await runJob(options(s, { env: { ...s.env(), smtpUrl: undefined } })).catch((e: unknown) => e);
    expect(isRoundupError(error, 'ENV_INVALID')).toBe(true);
    expect((error as Error).message).toContain('SMTP_URL');
  });

  it('fails with RENDER_CHECK_FAILED (and sends nothing) when the checks find errors', async () => {
    const { site: s, peer: p } = await setUp((c) => (c.email.checks = { warnKb: 1, errorKb: 2 }));
    const error = await runJob(options(s)).catch((e: unknown) => e);
    expect(isRoundupError(error, 'RENDER_CHECK_FAILED')).toBe(true);
    expect(p.received).toHaveLength(0);
  }, 60_000);
});
