// The sample issue's complete message (out/<issue>/preview.eml, built by the sending code) through SpamAssassin's
// offline rules (`spamassassin -L -t`, Debian's `spamassassin` package; .ci/run installs it). It must score 0.0 or
// less: nothing in how Roundup builds the message (HTML, text part, headers, preheader) may trip a rule. The
// network tests (DNS blocklists, Razor, Pyzor) are off with -L, and the message has no Received headers.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { buildIssue } from '../../src/job/build-issue.js';

const SPAMASSASSIN = '/usr/bin/spamassassin';
const dir = mkdtempSync(join(tmpdir(), 'roundup-spamassassin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spamassassin(message: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(SPAMASSASSIN, ['-L', '-t'], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, encoding: 'latin1' }, (error, stdout, stderr) =>
      error ? reject(new Error(`spamassassin failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(message);
  });
}

describe('SpamAssassin on the sample issue', () => {
  it('scores 0.0 or less on the offline rules, with no HTML or header rule hit', async () => {
    expect(existsSync(SPAMASSASSIN), 'install Debian\'s spamassassin (`apt-get install -y spamassassin`; .ci/run does)').toBe(true);
    const loaded = loadConfig('config/roundup.yaml');
    // The Date header is the build's clock: a real one, so no date rule fires on a message from the past.
    const now = new Date(Math.max(Date.now(), Date.parse('2026-12-01T00:00:00Z')));
    const built = await buildIssue({ loaded: { ...loaded, config: { ...loaded.config, outDir: dir } }, env: { db: ':memory:' }, week: '2026-W48', now });
    const report = await spamassassin(readFileSync(join(built.outDir, 'preview.eml')));
    const score = /Content analysis details:\s+\((-?\d+(?:\.\d+)?) points/.exec(report);
    expect(score, report.slice(-2000)).not.toBeNull();
    const rules = [...report.slice(report.indexOf('Content analysis details')).matchAll(/^\s*(-?\d+\.\d+)\s+([A-Z0-9_]+)\s/gm)].map((m) => `${m[2]} ${m[1]}`);
    expect(Number(score![1]), rules.join(', ')).toBeLessThanOrEqual(0);
    expect(rules.filter((r) => /^HTML_FONT_LOW_CONTRAST|^HTML_|^MIME_|^MPART_|^T_/.test(r) && !/^HTML_MESSAGE /.test(r))).toEqual([]);
  }, 180_000);
});
