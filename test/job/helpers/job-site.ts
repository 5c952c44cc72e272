// The sample site set up in a temp folder for the job's tests: config/roundup.yaml copied (and adjusted), the
// sample data linked, a fresh SQLite database with the sample subscribers, out/ inside the folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadConfig, readEnv, type LoadedConfig, type RoundupEnv } from '../../../src/config/index.js';
import { checkEmail, mergeImportRows, openDatabase, parseTopics } from '../../../src/store/index.js';
import { parseCsvRecords } from '../../../src/csv-records.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(ROOT, 'bin/roundup.js');
export const SECRET = 'job-test-secret-0123456789';
/** The sample's full week (18 stories + papers); the sample has 12 subscribers. */
export const WEEK = '2026-W48';
export const SUBSCRIBERS = 12;
/** A week before the sample's first story: no new stories at all. */
export const THIN_WEEK = '2026-W44';

export interface JobSite {
  dir: string;
  configFile: string;
  dbFile: string;
  outDir: string;
  /** ROUNDUP_* and SMTP_URL for a child process or readEnv. */
  vars: Record<string, string>;
  loaded(): LoadedConfig;
  env(): RoundupEnv;
  cleanup(): void;
}

/**
 * `edit` changes the parsed sample config before it is written (e.g. `c.web = { schedule: { requireApproval: true } }`).
 * Delivery retries are made fast so that a test with a failing server does not wait minutes.
 */
export function makeJobSite(smtpUrl: string, edit: (config: Record<string, any>) => void = () => {}): JobSite {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-job-'));
  const configDir = join(dir, 'config');
  mkdirSync(configDir);
  symlinkSync(join(ROOT, 'config/sample'), join(configDir, 'sample'), 'dir');
  const config = parse(readFileSync(join(ROOT, 'config/roundup.yaml'), 'utf8')) as Record<string, any>;
  config.outDir = join(dir, 'out');
  config.issuesDir = join(dir, 'issues');
  config.delivery = { ...config.delivery, inFlight: 4, retry: { attempts: 2, baseMs: 10, maxMs: 50 } };
  // The GA4 export is enough to rank the week; the 20k-line access log only makes each build slower.
  config.reads = (config.reads as { type: string }[]).filter((r) => r.type !== 'access-log');
  edit(config);
  const configFile = join(configDir, 'roundup.yaml');
  writeFileSync(configFile, stringify(config));
  const dbFile = join(dir, 'roundup.db');
  const db = openDatabase(dbFile);
  // the sample subscribers, merged by the import's rules (synchronously: this set-up is not async)
  const rows = parseCsvRecords(readFileSync(join(ROOT, 'config/sample/subscribers.csv'), 'utf8'), { bom: true, trim: true }).slice(1);
  const checked = rows.map(({ record: [email, name, topics], line }) => {
    const address = checkEmail(email ?? '');
    if (!address.ok) throw new Error(`sample subscribers.csv:${line}: ${address.reason}`);
    return { line, email: address.email, name: name ?? '', topics: parseTopics(topics ?? '') };
  });
  mergeImportRows(db, checked, { via: 'import', now: new Date() });
  db.close();
  const vars = { ROUNDUP_DB: dbFile, ROUNDUP_SECRET: SECRET, SMTP_URL: smtpUrl, ROUNDUP_CONFIG: configFile };
  return {
    dir,
    configFile,
    dbFile,
    outDir: config.outDir as string,
    vars,
    loaded: () => loadConfig(configFile),
    env: () => readEnv(vars),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
