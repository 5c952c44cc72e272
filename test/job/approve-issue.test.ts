// Approving freezes the issue as built: the sample site built for real, a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveIssue, revokeApproval } from '../../src/job/approve-issue.js';
import { buildIssue, type BuiltIssue } from '../../src/job/build-issue.js';
import { getIssue, getSnapshot, markIssue, openDatabase, upsertIssue, type Database } from '../../src/store/index.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
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

function fresh(): Database & { store: Store } {
  const db = openDatabase(':memory:');
  return Object.assign(db, { store: sqliteStore(db) });
}

describe('approveIssue', () => {
  it('freezes the issue as built and records the approval; approving the same version again changes nothing', async () => {
    const db = fresh();
    const config = site.loaded().config;
    const first = await approveIssue(db.store, config, built, NOW);
    expect(first).toMatchObject({ changed: true, record: { key: WEEK, status: 'approved', approvedAt: NOW.toISOString(), subject: built.rendered.subject } });
    const stored = getSnapshot(db, WEEK)!;
    expect(stored).toMatchObject({ frozenBy: 'approval', frozenAt: NOW.toISOString() });
    expect(stored.snapshot.hash).toBe(first.snapshot.hash);
    expect(stored.snapshot.parts.html).toBe(built.rendered.html);
    expect(stored.snapshot.digest).toEqual(built.digest);
    expect(Object.keys(stored.snapshot.templates)).toContain('layout.mjml');
    const again = await approveIssue(db.store, config, built, LATER);
    expect(again).toMatchObject({ changed: false, record: { approvedAt: NOW.toISOString() } });
    db.close();
  });

  it('approving another version replaces the approved one', async () => {
    const db = fresh();
    const config = site.loaded().config;
    await approveIssue(db.store, config, built, NOW);
    const edited: BuiltIssue = { ...built, rendered: { ...built.rendered, subject: 'A new subject' } };
    const second = await approveIssue(db.store, config, edited, LATER);
    expect(second.changed).toBe(true);
    expect(getSnapshot(db, WEEK)!.snapshot.subject).toBe('A new subject');
    expect(getIssue(db, WEEK)).toMatchObject({ status: 'approved', approvedAt: LATER.toISOString() });
    db.close();
  });

  it('refuses an issue whose checks found errors (warnings are fine)', async () => {
    const db = fresh();
    const config = site.loaded().config;
    const warning = { level: 'warning' as const, code: 'size-clip', message: 'close to the clip' };
    const error = { level: 'error' as const, code: 'img-alt', message: '1 image(s) have no alt text' };
    const failing: BuiltIssue = { ...built, rendered: { ...built.rendered, checks: [warning, error] } };
    await expect(approveIssue(db.store, config, failing, NOW)).rejects.toThrow(expect.objectContaining({ code: 'RENDER_CHECK_FAILED', message: expect.stringContaining('[img-alt]') }));
    expect(getIssue(db, WEEK)).toBeUndefined();
    expect(getSnapshot(db, WEEK)).toBeUndefined();
    expect((await approveIssue(db.store, config, { ...built, rendered: { ...built.rendered, checks: [warning] } }, NOW)).changed).toBe(true);
    db.close();
  });

  it('refuses an issue being sent or already sent', async () => {
    const db = fresh();
    upsertIssue(db, { key: WEEK, subject: 's', now: NOW });
    markIssue(db, WEEK, 'sent', { now: NOW });
    await expect(approveIssue(db.store, site.loaded().config, built, LATER)).rejects.toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('already sent') }));
    expect(getIssue(db, WEEK)?.status).toBe('sent');
    db.close();
  });

  it('an approval can be withdrawn before the send starts, not after', async () => {
    const db = fresh();
    await approveIssue(db.store, site.loaded().config, built, NOW);
    expect(await revokeApproval(db.store, WEEK, LATER)).toBe(true);
    expect(getIssue(db, WEEK)?.status).toBe('built');
    expect(getSnapshot(db, WEEK)).toBeUndefined();
    expect(await revokeApproval(db.store, WEEK, LATER)).toBe(false);
    await approveIssue(db.store, site.loaded().config, built, NOW);
    markIssue(db, WEEK, 'sending', { now: LATER });
    await expect(revokeApproval(db.store, WEEK, LATER)).rejects.toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(getSnapshot(db, WEEK)).toBeDefined();
    db.close();
  });
});
