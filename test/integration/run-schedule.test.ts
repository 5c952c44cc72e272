// `roundup schedule` as a process: an every-second cron, the sample site, a real SMTP server; stopped by SIGTERM.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, makeJobSite, SUBSCRIBERS, type JobSite } from '../job/helpers/job-site.js';

let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  site?.cleanup();
  site = peer = undefined;
});

describe('roundup schedule', () => {
  it('runs the job on the cron, logs each run and the next time, sends once, and stops on SIGTERM', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url);
    const child = spawn(process.execPath, [BIN, 'schedule', '--cron', '* * * * * *'], {
      cwd: site.dir,
      env: { ...process.env, ...site.vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    // Two runs finished: the first does the week's work, the second finds nothing left to do.
    const outcome = /run (\d+) (\S+): (\S+) in /g;
    const deadline = Date.now() + 60_000;
    while ([...stdout.matchAll(outcome)].length < 2) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no two runs:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const lines = stdout.trim().split('\n');
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /.test(l))).toBe(true);
    expect(lines[0]).toMatch(/schedule started: `\* \* \* \* \* \*` in Europe\/London; issues are sent without approval; next run: /);
    const runs = [...stdout.matchAll(outcome)].map((m) => ({ n: m[1], issue: m[2], status: m[3] }));
    // The week is the latest complete one before today: the sample covers 2026-W45..W48, later weeks are thin.
    if (runs[0]!.status === 'sent') {
      expect(peer.received).toHaveLength(SUBSCRIBERS);
      expect(runs[1]).toMatchObject({ issue: runs[0]!.issue, status: 'already-sent' });
    } else {
      expect(runs[0]!.status).toBe('skipped-thin');
      expect(peer.received).toHaveLength(0);
    }
    expect(stdout).toMatch(/run 1 started \(cron\)/);
    expect(stdout).toMatch(/next run: /);
    expect(stdout).toMatch(/SIGTERM: stopping/);
    expect(lines.at(-1)).toMatch(/schedule stopped$/);
  }, 90_000);

  it('--now runs once at start outside the cron (Mondays 07:00 by default), then waits for the cron', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url);
    const child = spawn(process.execPath, [BIN, 'schedule', '--now'], { cwd: site.dir, env: { ...process.env, ...site.vars }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!/Z next run: /.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no run:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/schedule started: `0 7 \* \* 1` in Europe\/London; .*next run: Mon \d+ \w{3} \d{4} 07:00 (GMT|BST)/);
    expect(stdout).toMatch(/run 1 started \(on request\)/);
    expect(stdout).toMatch(/run 1 \S+: (sent|skipped-thin) in /);
    expect(stdout).not.toMatch(/run 2 /);
  }, 90_000);
});
