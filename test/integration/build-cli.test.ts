// `roundup build` as a process on the sample site in a temp folder: what it prints for the editor.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, makeJobSite, WEEK, type JobSite } from '../job/helpers/job-site.js';

const exec = promisify(execFile);

let site: JobSite | undefined;
afterEach(() => {
  site?.cleanup();
  site = undefined;
});

export async function roundup(s: JobSite, args: string[], vars: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: s.dir, env: { ...process.env, ...s.vars, ...vars }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('roundup build', () => {
  it('prints the empty-section warning for a configured section that ends empty, and still succeeds', async () => {
    site = makeJobSite('smtp://127.0.0.1:2525', (c) => {
      c.selection.sections.splice(1, 0, { id: 'podcasts', title: 'Podcasts', kind: 'category', categories: ['Podcasts'], count: 3 });
    });
    const result = await roundup(site, ['build', '--week', WEEK]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: \[empty-section\] Section `podcasts` \("Podcasts"\) has no stories this week/m);
    expect(result.stderr).not.toMatch(/\[empty-section\] Section `most-read`/);
  });
});
