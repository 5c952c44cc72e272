import { describe, expect, it } from 'vitest';
import { countNewStories, eligibleRange, isEligible, isUpcomingEvent, publishedInWindow } from '../../src/select/eligibility.js';
import { parseWeekArg } from '../../src/select/parse-week-arg.js';
import { event, story } from './factories.js';

const london = { timezone: 'Europe/London', weekStartsOn: 'monday' as const };
const W48 = parseWeekArg({ week: '2026-W48' }, london, new Date(0)); // 23 Nov - 30 Nov 2026
const W13 = parseWeekArg({ week: '2026-W13' }, london, new Date(0)); // clocks forward on 29 Mar

describe('eligibility', () => {
  it('window: [start, end), end excluded', () => {
    const range = eligibleRange(W48, 'window');
    expect(isEligible(story('first', '2026-11-23T00:00:00Z'), range)).toBe(true);
    expect(isEligible(story('last', '2026-11-29T23:59:59Z'), range)).toBe(true);
    expect(isEligible(story('end', '2026-11-30T00:00:00Z'), range)).toBe(false);
    expect(isEligible(story('before', '2026-11-22T23:59:59Z'), range)).toBe(false);
  });

  it('{ days: N }: N local days back from the end, never after the end', () => {
    const range = eligibleRange(W48, { days: 14 });
    expect(new Date(range.from).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(isEligible(story('older', '2026-11-17T09:00:00Z'), range)).toBe(true);
    expect(isEligible(story('future', '2026-12-01T09:00:00Z'), range)).toBe(false);
    // 7 local days before the end of the DST week is its start: 167 hours, not 168
    expect(eligibleRange(W13, { days: 7 }).from).toBe(Date.parse(W13.start));
  });

  it('events are never eligible; upcoming means starting on or after the end and published before it', () => {
    const range = eligibleRange(W48, 'window');
    expect(isEligible(event('conf', '2026-11-24T09:00:00Z', '2026-12-03T09:00:00Z'), range)).toBe(false);
    expect(isUpcomingEvent(event('conf', '2026-11-24T09:00:00Z', '2026-11-30T00:00:00Z'), W48)).toBe(true);
    expect(isUpcomingEvent(event('past', '2026-11-24T09:00:00Z', '2026-11-29T18:00:00Z'), W48)).toBe(false);
    expect(isUpcomingEvent(event('later', '2026-11-30T09:00:00Z', '2026-12-10T09:00:00Z'), W48)).toBe(false);
    expect(isUpcomingEvent(story('plain', '2026-11-24T09:00:00Z'), W48)).toBe(false);
  });

  it('counts new stories: non-events published in the window', () => {
    const stories = [
      story('a', '2026-11-23T08:00:00Z'),
      story('b', '2026-11-29T08:00:00Z'),
      story('old', '2026-11-20T08:00:00Z'),
      event('e', '2026-11-24T08:00:00Z', '2026-12-03T09:00:00Z'),
    ];
    expect(countNewStories(stories, W48)).toBe(2);
    expect(publishedInWindow(stories[2]!, W48)).toBe(false);
  });
});
