import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { ANY_TOKEN } from '../../src/render/tokens.js';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'roundup-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('roundup demo (npm start)', () => {
  it('imports the sample subscribers, builds the latest sample week and sends it over SMTP to the capture server', async () => {
    // Run from an empty folder, as on a fresh clone: outDir `out` lands there; no SMTP_URL, no secret, no DB set.
    const env = { ...process.env, SMTP_URL: '', ROUNDUP_SECRET: '', ROUNDUP_DB: '', ROUNDUP_CONFIG: '' };
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/roundup.js'), 'demo', '--config', join(ROOT, 'config/roundup.yaml'), '--json'], {
      cwd: tmp,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toContain('SMTP capture server listening on smtp://127.0.0.1:');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { outcome: { issue: string; status: string }; captured: number; imported: { added: number } };
    expect(result.outcome).toMatchObject({ issue: '2026-W48', status: 'sent' });

    const subscribers = readFileSync(join(ROOT, 'config/sample/subscribers.csv'), 'utf8').trim().split('\n').length - 1;
    expect(result.imported.added).toBe(subscribers);
    const files = readdirSync(join(tmp, 'out/demo/mail')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(subscribers);
    expect(result.captured).toBe(subscribers);

    const recipients = new Set<string>();
    const unsubscribeUrls = new Set<string>();
    for (const file of files) {
      const raw = readFileSync(join(tmp, 'out/demo/mail', file));
      const mail = await simpleParser(raw);
      recipients.add((mail.to as AddressObject).value[0]!.address!.toLowerCase());
      const url = raw.toString('latin1').match(/^List-Unsubscribe: <(https:[^>]+)>/m)![1]!;
      unsubscribeUrls.add(url);
      expect(mail.text).toContain(url);
      expect(String(mail.html)).not.toMatch(ANY_TOKEN);
    }
    expect(recipients.size).toBe(subscribers);
    expect(unsubscribeUrls.size).toBe(subscribers);
    for (const name of ['digest.json', 'index.html', 'index.txt', 'preview.eml']) {
      expect(existsSync(join(tmp, 'out/2026-W48', name)), name).toBe(true);
    }
    // captured messages are named so a listing sorts in the order they came: 0001-<recipient>.eml
    expect(files.every((f) => /^\d{4}-[^/]+@[^/]+\.eml$/.test(f))).toBe(true);
    expect(files.map((f) => f.slice(0, 4)).sort()).toEqual(Array.from({ length: subscribers }, (_, i) => String(i + 1).padStart(4, '0')));

    // the public copy, opened from disk, shows the sample's pictures from config/sample/media (their host does not
    // exist); the messages keep the real URLs
    const issueDir = join(tmp, 'out/2026-W48');
    const sources = [...readFileSync(join(issueDir, 'index.html'), 'utf8').matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(5);
    for (const src of sources) {
      expect(src, src).not.toMatch(/^https?:/);
      expect(existsSync(resolve(issueDir, decodeURIComponent(src))), src).toBe(true);
    }
    const message = await simpleParser(readFileSync(join(tmp, 'out/demo/mail', files[0]!)));
    expect(String(message.html)).toContain('src="https://www.identitywire.example/media/');
  });
});
