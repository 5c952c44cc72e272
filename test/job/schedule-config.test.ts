import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfigText } from '../../src/config/index.js';
import { isRoundupError } from '../../src/errors.js';
import { ROOT } from './helpers/job-site.js';

const SAMPLE = parse(readFileSync(`${ROOT}/config/roundup.yaml`, 'utf8')) as Record<string, unknown>;

/** The sample config with `web.schedule` replaced (absent when undefined), as YAML text. */
function withSchedule(schedule: Record<string, unknown> | undefined): string {
  const web = { ...(SAMPLE.web as Record<string, unknown> | undefined) };
  delete web.schedule;
  if (schedule) web.schedule = schedule;
  return stringify({ ...SAMPLE, web });
}

describe('web.schedule config', () => {
  it('defaults to Mondays 07:00, no approval needed, a change after approval asks for a new one, rechecks every 15 minutes', () => {
    const config = parseConfigText(withSchedule(undefined), 'roundup.yaml');
    expect(config.web.schedule).toEqual({ cron: '0 7 * * 1', requireApproval: false, onChangeAfterApproval: 'reapprove', approvalRecheckMinutes: 15 });
  });

  it('refuses a cron expression croner cannot read, naming the key and line', () => {
    const text = withSchedule({ cron: '0 7 * * someday' });
    let error: unknown;
    try {
      parseConfigText(text, 'roundup.yaml');
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/roundup\.yaml:\d+: `web\.schedule\.cron`: expected a cron expression such as `0 7 \* \* 1`/);
  });

  it('refuses unknown keys in the block', () => {
    const text = withSchedule({ crontab: '0 7 * * 1' });
    expect(() => parseConfigText(text, 'roundup.yaml')).toThrow(/crontab/);
  });
});
