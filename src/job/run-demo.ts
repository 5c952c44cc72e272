import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { localMedia, resolveConfigPath, type LoadedConfig, type RoundupEnv } from '../config/index.js';
import { localMediaUrls } from '../render/local-media-urls.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { startCaptureServer } from '../deliver/capture-server.js';
import type { SendProgress } from '../deliver/send-report.js';
import { importSubscribers, type ImportReport } from '../store/index.js';
import { withStore } from './with-store.js';
import { runJob, type JobOutcome } from './run-job.js';
import { latestContentWeek } from './sample-latest-week.js';

export interface DemoOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
  /** Subscribers CSV (default: `sample/subscribers.csv` beside the config). */
  subscribers?: string | undefined;
  log?: ((line: string) => void) | undefined;
  onProgress?: ((progress: SendProgress) => void) | undefined;
}

export interface DemoResult {
  outcome: JobOutcome;
  imported: ImportReport;
  /** Where to look. */
  paths: { db: string; issueDir: string; mailDir: string };
  captured: number;
}

/**
 * The weekly job on the bundled sample, with nothing else installed: a fresh demo database (under
 * `<outDir>/demo/`, never ROUNDUP_DB) with the sample subscribers, the sample's latest week built, and the
 * issue sent over real SMTP to a capture server on 127.0.0.1 that stores each accepted message as an .eml
 * file. The same job (`runJob`) as `roundup run`; only where the mail goes differs.
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const { loaded } = o;
  const demoDir = resolve(loaded.config.outDir, 'demo');
  const db = join(demoDir, 'roundup.db');
  const mailDir = join(demoDir, 'mail');
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(mailDir, { recursive: true });

  const csvFile = o.subscribers ?? resolveConfigPath(loaded, 'sample/subscribers.csv');
  // the demo's own SQLite file, whatever ROUNDUP_DB says
  const imported = await withStore(db, (store) => importSubscribers(store.subscribers, { path: csvFile }, { file: csvFile, now: o.now }));
  o.log?.(`Imported ${imported.added} sample subscribers into ${db}`);

  const week = await latestContentWeek(loaded, o.now);
  const capture = await startCaptureServer({ dir: mailDir });
  o.log?.(`SMTP capture server listening on ${capture.url}, storing messages in ${mailDir}`);
  try {
    // The demo never needs the operator's approval: it is not their list.
    const demoLoaded = { ...loaded, config: { ...loaded.config, web: { ...loaded.config.web, schedule: { ...loaded.config.web.schedule, requireApproval: false } } } };
    const env: RoundupEnv = { ...o.env, db, smtpUrl: capture.url, secret: o.env.secret ?? randomBytes(24).toString('hex') };
    const outcome = await runJob({ loaded: demoLoaded, env, now: o.now, week: week.key, log: o.log, onProgress: o.onProgress });
    const issueDir = resolve(loaded.config.outDir, week.key);
    showLocalPictures(loaded, issueDir);
    return { outcome, imported, paths: { db, issueDir, mailDir }, captured: capture.count() };
  } finally {
    await capture.close();
  }
}

/**
 * The sample's pictures point at a host that does not exist: the demo's public copy (out/<issue>/index.html,
 * opened from disk) shows them from `site.mediaDir` instead, by a path relative to the file. The messages sent
 * keep the real URLs; the preview and `roundup serve` do the same at `/media/`.
 */
function showLocalPictures(loaded: LoadedConfig, issueDir: string): void {
  const media = localMedia(loaded);
  const index = join(issueDir, 'index.html');
  if (!media || !existsSync(index)) return;
  const base = relative(issueDir, media.dir).split(sep).map(encodeURIComponent).join('/');
  writeFileAtomic(index, localMediaUrls(readFileSync(index, 'utf8'), media.url, base || '.'));
}
