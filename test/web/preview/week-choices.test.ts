import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/web/preview/describe-error.js';
import { weekChoices } from '../../../src/web/preview/week-choices.js';
import { RoundupError } from '../../../src/errors.js';

describe('weekChoices', () => {
  it('lists the week in progress, the next issue (latest complete week) and earlier weeks, newest first', () => {
    const weeks = weekChoices(new Date('2026-11-25T12:00:00Z'), { timezone: 'Europe/London', weekStartsOn: 'monday' }, 3);
    expect(weeks.map(({ window, ...rest }) => (expect(window.key).toBe(rest.key), rest))).toEqual([
      { key: '2026-W48', kind: 'in-progress', label: '2026-W48 · 23 Nov – 29 Nov 2026 · in progress' },
      { key: '2026-W47', kind: 'next', label: '2026-W47 · 16 Nov – 22 Nov 2026 · next issue' },
      { key: '2026-W46', kind: 'past', label: '2026-W46 · 9 Nov – 15 Nov 2026' },
      { key: '2026-W45', kind: 'past', label: '2026-W45 · 2 Nov – 8 Nov 2026' },
    ]);
  });

  it('names Sunday weeks by their first day and crosses the year', () => {
    const weeks = weekChoices(new Date('2027-01-05T12:00:00Z'), { timezone: 'America/New_York', weekStartsOn: 'sunday' }, 2);
    expect(weeks.map((w) => w.key)).toEqual(['2027-01-03', '2026-12-27', '2026-12-20']);
    expect(weeks[1]!.label).toBe('2026-12-27 · 27 Dec – 2 Jan 2027 · next issue');
  });
});

describe('describeError', () => {
  it('finds file:line in Roundup messages and the line of a Handlebars parse error', () => {
    expect(describeError(new RoundupError('OVERRIDE_INVALID', 'Invalid issue override in config/issues/2026-W47.yaml:\n  config/issues/2026-W47.yaml:4: `pin`: expected array')))
      .toEqual({ code: 'OVERRIDE_INVALID', message: expect.any(String), where: 'config/issues/2026-W47.yaml:4' });
    expect(describeError(new RoundupError('TEMPLATE_INVALID', 'Template `templates/partials/footer.mjml` failed: Parse error on line 7:\n...')).where)
      .toBe('templates/partials/footer.mjml:7');
    expect(describeError(new Error('boom'))).toEqual({ code: 'UNEXPECTED', message: 'boom' });
  });
});
