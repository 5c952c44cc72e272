// `roundup subscribers ...` as a person runs it: a real process, a real database file in a temp folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// Each run starts Node, tsx and every command's imports: seconds on a busy machine.
const SLOW = { timeout: 240_000 };
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function roundup(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin/roundup.js'), 'subscribers', ...args],
      { cwd: root, env: { ...process.env, ROUNDUP_DB: join(dir, 'db', 'roundup.db'), ROUNDUP_CONFIG: '' } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-cli-subscribers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roundup subscribers', () => {
  it('imports good rows, lists bad ones with their lines and exits 0; list --json shows what is stored', SLOW, async () => {
    const csv = join(dir, 'people.csv');
    writeFileSync(
      csv,
      'name,email,topics\nAnn Lee,ann@Example.com,security;payments\n"Bob\nBobson",bob@,x\nCy,cy@example.org,id\n',
    );
    const imported = await roundup('import', csv, '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ added: 2, updated: 0, keptInactive: 0 });
    expect(report.invalid).toEqual([{ line: 3, value: 'bob@', reason: expect.any(String) }]);

    const human = await roundup('import', csv);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${csv}:3: skipped \`bob@\``);
    expect(human.stdout).toContain('0 added, 0 updated, 2 unchanged');

    expect((await roundup('remove', 'cy@EXAMPLE.org')).code).toBe(0);
    const listed = await roundup('list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ email: 'ann@Example.com', name: 'Ann Lee', topics: ['security', 'payments'], status: 'active' }),
      expect.objectContaining({ email: 'cy@example.org', name: 'Cy', topics: ['id'], status: 'unsubscribed' }),
    ]);
  });

  it('exits 1 with a message naming the file for a missing file or a missing email column', SLOW, async () => {
    const noEmail = join(dir, 'no-email.csv');
    writeFileSync(noEmail, 'address,name\nann@example.com,Ann\n');
    const [missing, result] = await Promise.all([roundup('import', join(dir, 'nope.csv')), roundup('import', noEmail)]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-email.csv:1');
    expect(result.stderr).toContain('`address`, `name`');
  });

  it('adds, refuses a bad address with exit 1, and exports a CSV file atomically', SLOW, async () => {
    const added = await roundup('add', 'dee@example.net', '--name', 'Dee', '--topics', 'a;b', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ created: true, subscriber: { email: 'dee@example.net', topics: ['a', 'b'] } });
    const out = join(dir, 'export', 'all.csv'); // its folder does not exist yet
    const [bad, failed] = await Promise.all([roundup('add', 'not an address'), roundup('export', '--out', out)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not an address');
    expect(failed.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const exportDir = join(dir, 'export');
    mkdirSync(exportDir);
    const exported = await roundup('export', '--out', out);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('email,name,topics,status,joined_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'ann@Example.com,Ann Lee,security;payments,active',
      'cy@example.org,Cy,id,unsubscribed',
      'dee@example.net,Dee,a;b,active',
    ]);
    expect(readdirSync(exportDir)).toEqual(['all.csv']); // no temp file left behind
  });

  it('answers --help, and --config reaches the config loader (a missing file exits 1)', SLOW, async () => {
    const [help, badConfig] = await Promise.all([
      roundup('list', '--help'),
      roundup('list', '--config', join(dir, 'missing.yaml')),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--config <file>');
    expect(help.stdout).toContain('--status <status>');
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toContain('missing.yaml');
  });
});
