// The command at its edges, as a process: --version, a reader that closes the pipe early, a port in use.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSubscribers, openDatabase, sqliteStore } from '../../src/store/index.js';
import { BIN, ROOT } from '../job/helpers/job-site.js';

const exec = promisify(execFile);
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-cli-edges-'));
  db = join(dir, 'roundup.db');
  // enough subscribers that the list is far larger than a pipe's buffer (64 KB)
  const rows = Array.from({ length: 4000 }, (_, i) => `reader${i}@example.com,Reader Number ${i},Opinion;Events`);
  const database = openDatabase(db);
  await importSubscribers(sqliteStore(database).subscribers, { text: `email,name,topics\n${rows.join('\n')}\n` }, { file: 'many.csv' });
  database.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command with its stdout read by a reader that closes the pipe after the first chunk, like `| head -c`. */
function runIntoClosingReader(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ROUNDUP_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      got = chunk.length;
      child.stdout.destroy();
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr, got }));
  });
}

describe('roundup at its edges', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await exec(process.execPath, [BIN, '--version'], { cwd: ROOT });
    expect(stdout.trim()).toBe(version);
  });

  it('a reader that closes the pipe early (`subscribers list --json | head`): exit 0, no EPIPE, no stack', async () => {
    for (const args of [['subscribers', 'list', '--json'], ['subscribers', 'list'], ['subscribers', 'export']]) {
      const result = await runIntoClosingReader(args);
      expect(result.got, args.join(' ')).toBeGreaterThan(0);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.signal, args.join(' ')).toBeNull();
      expect(result.code, args.join(' ')).toBe(0);
    }
  }, 60_000);

  describe('a port in use', () => {
    let busy: Server;
    let port: number;
    beforeAll(async () => {
      busy = createServer();
      port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it('`roundup preview` and `roundup serve` exit 1 at once with the fix, instead of hanging', async () => {
      const env = { ...process.env, ROUNDUP_DB: db, ROUNDUP_SECRET: 'a-secret-for-the-busy-port-test', SMTP_URL: 'smtp://127.0.0.1:9' };
      for (const command of ['preview', 'serve']) {
        const error = await exec(process.execPath, [BIN, command, '--port', String(port)], { cwd: ROOT, env, timeout: 30_000 }).then(
          () => undefined,
          (e: { code: number | string; killed: boolean; stderr: string }) => e,
        );
        expect(error, `${command} exited 0`).toBeDefined();
        expect(error!.killed, `${command} hung until the timeout`).toBe(false);
        expect(error!.code).toBe(1);
        expect(error!.stderr).toContain(`roundup: Port ${port} is in use`);
        expect(error!.stderr).toContain(`--port ${port + 1}`);
        expect(error!.stderr).not.toMatch(/\n\s+at /);
      }
    }, 90_000);
  });
});
