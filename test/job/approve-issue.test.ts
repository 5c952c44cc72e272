// Approving freezes the issue as built: the sample site built for real, a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveIssue, revokeApproval } from '../../src/job/approve-issue.js';
import { buildIssue, type BuiltIssue } from '../../src/job/build-issue.js';
import { getIssue, getSnapshot, markIssue, openDatabase, upsertIssue, type Database } from '../../src/store/index.js';
import { makeJobSite, WEEK, type JobSite } from './helpers/job-site.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const LATER = new Date('2026-11-26T08:00:00Z');
let site: JobSite;
let built: BuiltIssue;
beforeAll(async () => {
  site = makeJobSite('smtp://127.0.0.1:1');
  built = await buildIssue({ loaded: site.loaded(), env: { db: ':memory:' }, week: WEEK, now: NOW, write: false });
}, 60_000);
afterAll(() => site?.cleanup());

function fresh(): Database {
  return openDatabase(':memory:');
}

describe('approveIssue', () => {
  it('freezes the issue as built and records the approval; approving the same version again changes nothing', () => {
    const db = fresh();
    const config = site.loaded().config;
    const first = approveIssue(db, config, built, NOW);
    expect(first).toMatchObject({ changed: true, record: { key: WEEK, status: 'approved', approvedAt: NOW.toISOString(), subject: built.rendered.subject } });
    const stored = getSnapshot(db, WEEK)!;
    expect(stored).toMatchObject({ frozenBy: 'approval', frozenAt: NOW.toISOString() });
    expect(stored.snapshot.hash).toBe(first.snapshot.hash);
    expect(stored.snapshot.parts.html).toBe(built.rendered.html);
    expect(stored.snapshot.digest).toEqual(built.digest);
    expect(Object.keys(stored.snapshot.templates)).toContain('layout.mjml');
    const again = approveIssue(db, config, built, LATER);
    expect(again).toMatchObject({ changed: false, record: { approvedAt: NOW.toISOString() } });
    db.close();
  });

  it('approving another version replaces the approved one', () => {
    const db = fresh();
    const config = site.loaded().config;
    approveIssue(db, config, built, NOW);
    const edited: BuiltIssue = { ...built, rendered: { ...built.rendered, subject: 'A new subject' } };
    const second = approveIssue(db, config, edited, LATER);
    expect(second.changed).toBe(true);
    expect(getSnapshot(db, WEEK)!.snapshot.subject).toBe('A new subject');
    expect(getIssue(db, WEEK)).toMatchObject({ status: 'approved', approvedAt: LATER.toISOString() });
    db.close();
  });

  it('refuses an issue whose checks found errors (warnings are fine)', () => {
    const db = fresh();
    const config = site.loaded().config;
    const warning = { level: 'warning' as const, code: 'size-clip', message: 'close to the clip' };
    const error = { level: 'error' as const, code: 'img-alt', message: '1 image(s) have no alt text' };
    const failing: BuiltIssue = { ...built, rendered: { ...built.rendered, checks: [warning, error] } };
    expect(() => approveIssue(db, config, failing, NOW)).toThrow(expect.objectContaining({ code: 'RENDER_CHECK_FAILED', message: expect.stringContaining('[img-alt]') }));
    expect(getIssue(db, WEEK)).toBeUndefined();
    expect(getSnapshot(db, WEEK)).toBeUndefined();
    expect(approveIssue(db, config, { ...built, rendered: { ...built.rendered, checks: [warning] } }, NOW).changed).toBe(true);
    db.close();
  });

  it('refuses an issue being sent or already sent', () => {
    const db = fresh();
    upsertIssue(db, { key: WEEK, subject: 's', now: NOW });
    markIssue(db, WEEK, 'sent', { now: NOW });
    expect(() => approveIssue(db, site.loaded().config, built, LATER)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('already sent') }));
    expect(getIssue(db, WEEK)?.status).toBe('sent');
    db.close();
  });

  it('an approval can be withdrawn before the send starts, not after', () => {
    const db = fresh();
    approveIssue(db, site.loaded().config, built, NOW);
    expect(revokeApproval(db, WEEK, LATER)).toBe(true);
    expect(getIssue(db, WEEK)?.status).toBe('built');
    expect(getSnapshot(db, WEEK)).toBeUndefined();
    expect(revokeApproval(db, WEEK, LATER)).toBe(false);
    approveIssue(db, site.loaded().config, built, NOW);
    markIssue(db, WEEK, 'sending', { now: LATER });
    expect(() => revokeApproval(db, WEEK, LATER)).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(getSnapshot(db, WEEK)).toBeDefined();
    db.close();
  });
});
