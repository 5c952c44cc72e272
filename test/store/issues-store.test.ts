import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { getIssue, listIssues, markIssue, upsertIssue } from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';

const t1 = new Date('2026-11-30T06:00:00Z');
const t2 = new Date('2026-11-30T07:00:00Z');
const t3 = new Date('2026-11-30T08:00:00Z');

describe('issues store', () => {
  it('records a build, approval, sending and sent with their times and counts', () => {
    const db = openTempDb();
    expect(getIssue(db, '2026-W48')).toBeUndefined();
    expect(upsertIssue(db, { key: '2026-W48', subject: 'This week', now: t1 })).toEqual({
      key: '2026-W48',
      status: 'built',
      subject: 'This week',
      builtAt: t1.toISOString(),
    });
    markIssue(db, '2026-W48', 'approved', { now: t2 });
    markIssue(db, '2026-W48', 'sending', { now: t3 });
    const sent = markIssue(db, '2026-W48', 'sent', { now: t3, counts: { submitted: 10, failed: 1 } });
    expect(sent).toEqual({
      key: '2026-W48',
      status: 'sent',
      subject: 'This week',
      builtAt: t1.toISOString(),
      approvedAt: t2.toISOString(),
      sentAt: t3.toISOString(),
      counts: { submitted: 10, failed: 1 },
    });
  });

  it('a rebuild updates subject and time and keeps the status', () => {
    const db = openTempDb();
    upsertIssue(db, { key: 'w', subject: 'Old', now: t1 });
    markIssue(db, 'w', 'approved', { now: t2 });
    expect(upsertIssue(db, { key: 'w', subject: 'New', now: t3 })).toMatchObject({
      status: 'approved',
      subject: 'New',
      builtAt: t3.toISOString(),
      approvedAt: t2.toISOString(),
    });
    upsertIssue(db, { key: 'a', subject: 'A' });
    expect(listIssues(db).map((i) => i.key)).toEqual(['a', 'w']);
  });

  it('refuses to mark an issue that was never built, naming it and the fix', () => {
    const db = openTempDb();
    try {
      markIssue(db, '2026-W01', 'sent');
      expect.unreachable();
    } catch (error) {
      expect(isRoundupError(error, 'DB_ERROR')).toBe(true);
      expect((error as Error).message).toContain('2026-W01');
      expect((error as Error).message).toContain('roundup build');
    }
  });
});
