// What the subscriber tests share: the sample config (config/roundup.yaml) with a chosen public URL, a real
// SQLite file and an out/ folder in a fresh temp folder, and a built + sent issue with tokens in its footer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { addSubscriber, markIssue, openDatabase, saveSnapshot, type Database } from '../../../src/store/index.js';
import { testSnapshot } from '../../snapshot/test-snapshot.js';
import type { OutgoingMail } from '../../../src/web/subscriber/index.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const SENT_ISSUE = '2026-W47';
export const DRAFT_ISSUE = '2026-W48';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** The sample config with `web.publicUrl` set (and anything else overridden by `change`). */
export function sampleConfig(publicUrl = 'https://news.example', change: (c: Config) => Config = (c) => c): Config {
  const { config } = loadConfig(resolve('config/roundup.yaml'));
  return change({ ...config, web: { ...config.web, publicUrl } });
}

export interface World {
  dir: string;
  dbFile: string;
  db: Database;
  /** Subscribers by name: an active one, a paused one, one who unsubscribed. */
  ids: { ada: number; bo: number; cy: number };
}

/** A temp folder with a migrated database, three subscribers, a sent issue and a draft issue on disk. */
export function makeWorld(): World {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-subscriber-'));
  const dbFile = join(dir, 'roundup.db');
  const db = openDatabase(dbFile);
  cleanups.push(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const via = { via: 'test', now: new Date('2026-11-01T10:00:00Z') };
  const ada = addSubscriber(db, { email: 'ada@example.com', name: 'Ada', topics: ['Opinion'] }, via).subscriber.id;
  const bo = addSubscriber(db, { email: 'bo@example.com', name: 'Bo', status: 'paused' }, via).subscriber.id;
  const cy = addSubscriber(db, { email: 'cy@example.com', name: 'Cy', status: 'unsubscribed' }, via).subscriber.id;
  // the sent issue went out (its snapshot frozen by the send); the draft is approved, not out yet
  saveSnapshot(db, testSnapshot(SENT_ISSUE, { subject: 'Passkeys everywhere' }), { by: 'send', now: new Date('2026-11-23T07:00:00Z') });
  markIssue(db, SENT_ISSUE, 'sent', { now: new Date('2026-11-23T08:00:00Z') });
  saveSnapshot(db, testSnapshot(DRAFT_ISSUE, { subject: 'Not out yet' }), { by: 'approval', now: new Date('2026-11-29T07:00:00Z') });
  return { dir, dbFile, db, ids: { ada, bo, cy } };
}

/** A Mailer that keeps what it was asked to send. */
export function recordingMailer(): { sent: OutgoingMail[]; send(mail: OutgoingMail): Promise<void> } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
    },
  };
}

/** A form POST as a browser (or a mail provider's one-click) sends it. */
export function post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}
