// The command as it ships: dist/cli/roundup.js, compiled by `npm install` (the `prepare` script), not tsx. It
// finds the bundled templates and the preview's static files from the compiled layout, and runs the same code.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../job/helpers/job-site.js';

const exec = promisify(execFile);
const SHIPPED = join(ROOT, 'dist/cli/roundup.js');
let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'roundup-shipped-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the compiled roundup (dist/)', () => {
  it('exists after install, is what package.json names as the command, and prints its help', async () => {
    expect(existsSync(SHIPPED), 'dist/cli/roundup.js is missing: `npm install` (or `npm run build`) makes it').toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.roundup).toBe('dist/cli/roundup.js');
    expect(pkg.scripts.prepare).toContain('tsc -p tsconfig.build.json');
    expect(readFileSync(SHIPPED, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const { stdout } = await exec(process.execPath, [SHIPPED, '--help'], { cwd });
    for (const command of ['build', 'send', 'preview', 'serve', 'run', 'subscribers']) expect(stdout).toContain(command);
  });

  it('builds the sample week with the bundled templates, from any working directory', async () => {
    const { stdout } = await exec(process.execPath, [SHIPPED, 'build', '--week', '2026-W48', '--config', join(ROOT, 'config/roundup.yaml')], {
      cwd,
      env: { ...process.env, ROUNDUP_DB: join(cwd, 'roundup.db') },
    });
    expect(stdout).toContain('Wrote out/2026-W48/digest.json, index.html, index.txt, preview.eml');
    expect(readFileSync(join(cwd, 'out/2026-W48/index.html'), 'utf8')).toContain('<html');
  }, 120_000);

  it('the preview serves its stylesheet from the compiled layout', async () => {
    const child = spawn(process.execPath, [SHIPPED, 'preview', '--port', '0', '--config', join(ROOT, 'config/roundup.yaml')], {
      cwd,
      env: { ...process.env, ROUNDUP_DB: join(cwd, 'roundup.db') },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0], { timeout: 60_000, interval: 50 }).toBeDefined();
      const css = await fetch(`${/http:\/\/127\.0\.0\.1:\d+/.exec(out)![0]}/static/preview.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('.inbox-line');
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
