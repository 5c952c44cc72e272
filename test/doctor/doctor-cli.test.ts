// `roundup doctor` and the checks before `roundup send`, as a person runs them: real processes, the sample config
// with a DKIM key, a real DNS server and the capture SMTP server on 127.0.0.1.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer } from '../../src/deliver/capture-server.js';
import { startDnsServer, type TestDnsServer, type Zone } from './helpers/dns-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = { timeout: 240_000 };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

function zone(): Zone {
  return {
    'rw2026._domainkey.identitywire.example': { TXT: [`v=DKIM1; k=rsa; p=${p}`.match(/.{1,255}/g)!] },
    'identitywire.example': { TXT: ['v=spf1 mx -all'], MX: [{ exchange: 'mx.identitywire.example', priority: 10 }] },
    '_dmarc.identitywire.example': { TXT: ['v=DMARC1; p=none'] },
  };
}

let dir: string;
let dns: TestDnsServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-doctor-'));
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  dns = await startDnsServer(zone());
});
afterAll(async () => {
  await dns?.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, delivery: string): string {
  const file = join(dir, 'config', `${name}.yaml`);
  cpSync(join(dir, 'config', 'roundup.yaml'), file);
  appendFileSync(file, `\ndelivery:\n${delivery}\n`);
  return file;
}

function roundup(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'bin/roundup.js'), ...args], { cwd: dir, env: { ...process.env, ROUNDUP_CONFIG: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('roundup doctor', () => {
  it('prints PASS for each check with good records and exits 0; a missing DMARC record is a FAIL with the record, exit 1', SLOW, async () => {
    const config = writeConfig('signed', '  dkim: { domain: identitywire.example, selector: rw2026, keyFile: dkim.pem }');
    const good = await roundup(['doctor', '--config', config, '--resolver', dns.address, '--json']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as { results: { id: string; status: string }[]; counts: Record<string, number> };
    expect(report.results.map((r) => `${r.status} ${r.id}`)).toEqual([
      'pass dkim-configured', 'pass dkim-alignment', 'pass dkim-dns-key', 'pass spf', 'pass dmarc', 'pass return-path-mx',
    ]);

    dns.zone = { ...zone(), '_dmarc.identitywire.example': { TXT: ['v=spf1 nothing to see'] } };
    const bad = await roundup(['doctor', '--config', config, '--resolver', dns.address]);
    dns.zone = zone();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL  dmarc +No DMARC record at _dmarc\.identitywire\.example/m);
    expect(bad.stdout).toContain('_dmarc.identitywire.example. 3600 IN TXT "v=DMARC1; p=none;');
    expect(bad.stdout).toMatch(/^1 FAIL, 0 WARN, 5 PASS$/m);
  });

  it('says why without DKIM (a WARN, exit 0) and refuses a bad --resolver', SLOW, async () => {
    const unsigned = await roundup(['doctor', '--config', join(dir, 'config', 'roundup.yaml'), '--resolver', dns.address]);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toMatch(/^WARN  dkim-configured +No DKIM/m);
    expect(unsigned.stdout).toContain('`delivery.doctor.missingDkim` is `warn`');
    const usage = await roundup(['doctor', '--config', join(dir, 'config', 'roundup.yaml'), '--resolver', 'dns.example']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('`--resolver`');
  });
});

describe('the checks before a real send', () => {
  it('stop the send on a FAIL with the fix, send nothing, and let it through once fixed', SLOW, async () => {
    const env = { ROUNDUP_DB: join(dir, 'send.db'), ROUNDUP_SECRET: '0123456789abcdef0123' };
    expect((await roundup(['subscribers', 'import', join(ROOT, 'config/sample/subscribers.csv')], env)).code).toBe(0);
    const capture = await startCaptureServer({ dir: join(dir, 'eml') });
    try {
      const smtp = { ...env, SMTP_URL: capture.url };
      // The relay is on 127.0.0.1, so DNS is skipped by default; a misaligned DKIM domain still fails.
      const misaligned = writeConfig('misaligned', '  dkim: { domain: mailer.example, selector: rw2026, keyFile: dkim.pem }');
      const refused = await roundup(['send', '--config', misaligned], smtp);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Not sending: 1 deliverability check(s) failed');
      expect(refused.stderr).toContain('delivery.dkim.domain: identitywire.example');
      expect(existsSync(join(dir, 'eml')) ? readdirSync(join(dir, 'eml')) : []).toEqual([]);

      // `dns: always` looks records up even for a local relay: no SPF record stops the send.
      const always = writeConfig('always', `  dkim: { domain: identitywire.example, selector: rw2026, keyFile: dkim.pem }\n  doctor: { dns: always, resolver: "${dns.address}" }`);
      dns.zone = { ...zone(), 'identitywire.example': { MX: zone()['identitywire.example']!.MX! } };
      const noSpf = await roundup(['send', '--config', always], smtp);
      expect(noSpf.code).toBe(1);
      expect(noSpf.stderr).toMatch(/FAIL  spf .*no SPF record/);
      expect(existsSync(join(dir, 'eml')) ? readdirSync(join(dir, 'eml')) : []).toEqual([]);

      dns.zone = zone();
      const sent = await roundup(['send', '--config', always, '--json'], smtp);
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.stdout).status).toBe('sent');
      expect(readdirSync(join(dir, 'eml')).length).toBeGreaterThan(0);
      expect(dns.queries).toContain('TXT rw2026._domainkey.identitywire.example');
    } finally {
      await capture.close();
    }
  });
});
