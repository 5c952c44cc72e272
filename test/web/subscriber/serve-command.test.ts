// `roundup serve` as a person runs it: a child process, its exit code, what it prints, and what it serves.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENT_ISSUE, makeWorld } from './fixture.js';

const BIN = resolve('bin/roundup.js');

const CONFIG = resolve('config/roundup.yaml');

function run(args: string[], env: Record<string, string>, cwd = process.cwd()) {
  const child = spawn(process.execPath, [BIN, ...args, '--config', CONFIG], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

describe('roundup serve (the command)', () => {
  it('refuses to start without ROUNDUP_SECRET, saying what to set', async () => {
    const world = makeWorld();
    const p = run(['serve', '--port', '0'], { ROUNDUP_DB: world.dbFile, SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(await p.exit).toBe(1);
    expect(p.err()).toContain('ROUNDUP_SECRET is not set');
    expect(p.out()).toBe('');
  });

  it('starts, prints its URL, serves the pages, and stops on SIGTERM', async () => {
    const world = makeWorld();
    const p = run(['serve', '--port', '0'], {
      ROUNDUP_DB: world.dbFile,
      ROUNDUP_SECRET: 'a-secret-of-enough-length',
      SMTP_URL: 'smtp://127.0.0.1:1',
    }, world.dir);
    const until = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < until) {
      url = /http:\/\/127\.0\.0\.1:\d+/.exec(p.out())?.[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(url, p.err()).toBeDefined();
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Identity Wire');
    // served from the database (the issue frozen when it went out), whatever the working directory holds
    const issue = await fetch(`${url}/issues/${SENT_ISSUE}`);
    expect(issue.status).toBe(200);
    expect(await issue.text()).toContain('This email was sent to you.');
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });
});
