// `roundup send` as a person runs it: the sample config, a real database, the built-in capture server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../../src/deliver/capture-server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/roundup.js');
const CONFIG = join(ROOT, 'config/roundup.yaml');

let dir: string | undefined;
let capture: CaptureServer | undefined;
afterEach(async () => {
  await capture?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = capture = undefined;
});

async function roundup(args: string[], env: Record<string, string>, cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('roundup send', () => {
  it('says how to set SMTP_URL, then sends the sample issue to the capture server and not again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roundup-cli-send-'));
    const env = { ROUNDUP_DB: join(dir, 'roundup.db'), ROUNDUP_SECRET: '0123456789abcdef0123', SMTP_URL: '' };
    const imported = await roundup(['subscribers', 'import', join(ROOT, 'config/sample/subscribers.csv'), '--config', CONFIG], env, dir);
    expect(imported.code).toBe(0);

    const missing = await roundup(['send', '--config', CONFIG], env, dir);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/SMTP_URL is not set.*export SMTP_URL=smtp:\/\//);

    capture = await startCaptureServer({ dir: join(dir, 'eml') });
    const sent = await roundup(['send', '--config', CONFIG, '--json'], { ...env, SMTP_URL: capture.url }, dir);
    expect(sent.code).toBe(0);
    const report = JSON.parse(sent.stdout) as { status: string; counts: Record<string, number> };
    expect(report.status).toBe('sent');
    expect(report.counts.submitted).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'eml'))).toHaveLength(report.counts.submitted!);
    // the deliverability checks ran first: the sample signs nothing (a WARN, printed), and the relay is local (no DNS)
    expect(sent.stderr).toMatch(/^WARN  dkim-configured +No DKIM/m);
    expect(sent.stderr).toContain('DNS records not checked: the SMTP relay is on this machine');

    const again = await roundup(['send', '--config', CONFIG, '--json'], { ...env, SMTP_URL: capture.url }, dir);
    expect(JSON.parse(again.stdout).status).toBe('already-sent');
    expect(readdirSync(join(dir, 'eml'))).toHaveLength(report.counts.submitted!);
  }, 120_000);
});
