// `roundup approve` and `roundup preview` as a person runs them: real processes over a temp site.
import { execFile, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePreviewSite, WEEK, type PreviewSite } from './preview-site.js';

const root = resolve(import.meta.dirname, '../../..');
const SLOW = { timeout: 240_000 };
let site: PreviewSite;

beforeAll(() => {
  site = makePreviewSite();
});
afterAll(() => site.remove());

const env = () => ({ ...process.env, ROUNDUP_DB: site.db, ROUNDUP_CONFIG: '', SMTP_URL: '' });

function roundup(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin/roundup.js'), ...args], { cwd: root, env: env() }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('roundup approve', () => {
  it('approves the week in the database, says so once, is idempotent, and --revoke withdraws it', SLOW, async () => {
    const first = await roundup('approve', '--week', WEEK, '--config', site.configFile, '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const parsed = JSON.parse(first.stdout) as { changed: boolean; issue: { key: string; status: string; approvedAt: string } };
    expect(parsed).toMatchObject({ changed: true, issue: { key: WEEK, status: 'approved' } });
    const again = await roundup('approve', '--week', WEEK, '--config', site.configFile);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${WEEK} was already approved as it is now (${parsed.issue.approvedAt}); nothing changed.\n`);
    const revoked = await roundup('approve', '--revoke', '--week', WEEK, '--config', site.configFile);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe(`Withdrew the approval of ${WEEK}: nothing is sent until it is approved again.\n`);
    expect((await roundup('approve', '--revoke', '--week', WEEK, '--config', site.configFile)).stdout).toBe(`${WEEK} was not approved; nothing changed.\n`);
    const thin = await roundup('approve', '--week', '2026-W45', '--config', site.configFile);
    expect(thin.code).toBe(1);
    expect(thin.stderr).toMatch(/^roundup: .*2026-W45/);
  });
});

describe('roundup preview', () => {
  it('prints a 127.0.0.1 URL that serves the page, and stops on SIGTERM', SLOW, async () => {
    const child = spawn(process.execPath, [join(root, 'bin/roundup.js'), 'preview', '--port', '0', '--config', site.configFile, '--week', WEEK], {
      cwd: root,
      env: env(),
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await expect.poll(() => stdout, { timeout: 120_000, interval: 100 }).toMatch(/Preview of Example Identity News: http:\/\/127\.0\.0\.1:\d+\//);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout)![1]!;
      expect(url).toContain(`?week=${WEEK}`);
      expect(stdout).toContain('"Send a test" needs SMTP_URL');
      const page = await (await fetch(url)).text();
      expect(page).toContain('Passkeys arrive at the national bank');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
