import { describe, expect, it } from 'vitest';
import { formatEventDate, formatIssueDate } from '../../src/render/format-dates.js';

describe('formatIssueDate', () => {
  it('writes a calendar date', () => {
    expect(formatIssueDate('2026-11-30')).toBe('30 November 2026');
  });
});

describe('formatEventDate', () => {
  it('shows the date in the publication zone', () => {
    // 23:30 UTC on 2 Dec is already 3 Dec in Amsterdam.
    expect(formatEventDate({ startsAt: '2026-12-02T23:30:00+00:00' }, 'Europe/Amsterdam')).toBe('Thu 3 Dec 2026, 00:30 CET');
    expect(formatEventDate({ startsAt: '2026-12-03T00:00:00+00:00' }, 'Europe/London')).toBe('Thu 3 Dec 2026');
  });

  it('shows a range for events over several days and times for a one-day event', () => {
    expect(formatEventDate({ startsAt: '2026-12-03T09:00:00+01:00', endsAt: '2026-12-04T17:30:00+01:00' }, 'Europe/London')).toBe(
      'Thu 3 Dec 2026 – Fri 4 Dec 2026',
    );
    expect(formatEventDate({ startsAt: '2026-06-09T14:00:00+00:00', endsAt: '2026-06-09T15:00:00+00:00' }, 'Europe/London')).toBe(
      'Tue 9 Jun 2026, 15:00–16:00 BST',
    );
  });

  it('is undefined for a date it cannot read', () => {
    expect(formatEventDate({ startsAt: 'soon' }, 'Europe/London')).toBeUndefined();
  });
});
