// A temp SQLite database with subscribers, the ledger over it, and an issue's message spec: what the
// delivery tests send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectionPoolTransport } from '../../../src/deliver/connection-pool-transport.js';
import type { MessageSpec } from '../../../src/deliver/message-spec.js';
import type { SendIssueOptions } from '../../../src/deliver/send-issue.js';
import { TOKENS } from '../../../src/render/tokens.js';
import { addSubscriber, openDatabase, SqliteLedger, type Database } from '../../../src/store/index.js';

export const SECRET = 'test-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://newsletter.identitywire.example';

export interface Fixture {
  dir: string;
  dbFile: string;
  db: Database;
  ledger: SqliteLedger;
  /** Subscriber ids by address. */
  ids: Map<string, number>;
  cleanup(): void;
}

/** `count` subscribers `user<i>@example.com` (i from 1), names `User <i>`, in a fresh database file. */
export function makeFixture(count: number, extra: { email: string; name?: string }[] = []): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-send-'));
  const dbFile = join(dir, 'roundup.db');
  const db = openDatabase(dbFile);
  const ids = new Map<string, number>();
  const add = db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const { subscriber } = addSubscriber(db, { email: `user${i}@example.com`, name: `User ${i}` }, { via: 'test' });
      ids.set(subscriber.email, subscriber.id);
    }
    for (const e of extra) {
      const { subscriber } = addSubscriber(db, { email: e.email, name: e.name ?? '' }, { via: 'test' });
      ids.set(subscriber.email, subscriber.id);
    }
  });
  add();
  return {
    dir,
    dbFile,
    db,
    ledger: new SqliteLedger(db),
    ids,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testSpec(over: Partial<MessageSpec> = {}): MessageSpec {
  return {
    from: { name: 'Identity Wire', address: 'news@identitywire.example' },
    replyTo: 'desk@identitywire.example',
    subject: 'Identity Wire: the week in digital identity',
    date: new Date('2026-11-30T07:00:00Z'),
    listId: 'Identity Wire <weekly.identitywire.example>',
    feedbackId: 'weekly:identitywire',
    unsubscribeMailto: 'unsubscribe@identitywire.example',
    html: `<html><body><p>Hi ${TOKENS.name},</p><p>Stories...</p><p><a href="${TOKENS.unsubscribeUrl}">Unsubscribe</a> | <a href="${TOKENS.preferencesUrl}">Preferences</a></p></body></html>\n`,
    text: `Hi ${TOKENS.name},\n\nStories...\n\nUnsubscribe: ${TOKENS.unsubscribeUrl}\nPreferences: ${TOKENS.preferencesUrl}\n`,
    tokens: TOKENS,
    ...over,
  };
}

export const LINKS = { secret: SECRET, publicUrl: PUBLIC_URL, messageDomain: 'identitywire.example' };

export const FAST_POLICY: SendIssueOptions['policy'] = {
  inFlight: 5,
  retry: { attempts: 3, baseMs: 20, maxMs: 100 },
  pauseAfterConsecutiveErrors: 50,
};

/**
 * sendIssue's options for a fixture's ledger: the test spec and links, FAST_POLICY, a fixed jitter, and the pool
 * transport on `url` (no rate limit, 50 messages a connection); `over` replaces any of them.
 */
export function sendOptions(
  f: Fixture,
  url: string,
  o: { issue: string; maxConnections: number; connectionTimeoutMs: number },
  over: Partial<SendIssueOptions> = {},
): SendIssueOptions {
  return {
    issue: o.issue,
    spec: testSpec(),
    links: LINKS,
    ledger: f.ledger,
    transport: createConnectionPoolTransport({ url, maxConnections: o.maxConnections, maxMessages: 50, rateLimit: 0, connectionTimeoutMs: o.connectionTimeoutMs }),
    policy: FAST_POLICY,
    random: () => 0.5,
    ...over,
  };
}
