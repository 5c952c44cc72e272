import { afterEach, describe, expect, it } from 'vitest';
import { getIssue, markIssue, openDatabase, upsertIssue, type Database } from '../../src/store/index.js';
import { approveIssue } from '../../src/job/approve-issue.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const LATER = new Date('2026-11-26T08:00:00Z');
const issue = { key: '2026-W47', subject: 'The week in identity', checks: [] };
let db: Database;
afterEach(() => db?.close());

describe('approveIssue', () => {
  it('records a new issue as approved, and a second approval keeps the first time', () => {
    db = openDatabase(':memory:');
    expect(approveIssue(db, issue, NOW)).toMatchObject({ changed: true, record: { key: '2026-W47', status: 'approved', approvedAt: NOW.toISOString() } });
    expect(approveIssue(db, { ...issue, subject: 'A new subject' }, LATER)).toMatchObject({
      changed: false,
      record: { status: 'approved', approvedAt: NOW.toISOString(), subject: 'A new subject' },
    });
  });

  it('approves an issue a build recorded', () => {
    db = openDatabase(':memory:');
    upsertIssue(db, { key: '2026-W47', subject: 'old', now: NOW });
    expect(approveIssue(db, issue, LATER).record).toMatchObject({ status: 'approved', subject: 'The week in identity', approvedAt: LATER.toISOString() });
  });

  it('refuses an issue whose checks found errors (warnings are fine)', () => {
    db = openDatabase(':memory:');
    const warning = { level: 'warning' as const, code: 'size-clip', message: 'close to the clip' };
    const error = { level: 'error' as const, code: 'img-alt', message: '1 image(s) have no alt text' };
    expect(() => approveIssue(db, { ...issue, checks: [warning, error] }, NOW)).toThrow(
      expect.objectContaining({ code: 'RENDER_CHECK_FAILED', message: expect.stringContaining('[img-alt]') }),
    );
    expect(getIssue(db, '2026-W47')).toBeUndefined();
    expect(approveIssue(db, { ...issue, checks: [warning] }, NOW).changed).toBe(true);
  });

  it('refuses an issue being sent or already sent', () => {
    db = openDatabase(':memory:');
    upsertIssue(db, { key: '2026-W47', subject: 's', now: NOW });
    markIssue(db, '2026-W47', 'sent', { now: NOW });
    expect(() => approveIssue(db, issue, LATER)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('already sent') }));
    expect(getIssue(db, '2026-W47')?.status).toBe('sent');
  });
});
