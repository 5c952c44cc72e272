// A database with subscribers and sent issues, and the feedback fixtures filled in for one of its messages.
import { readFileSync } from 'node:fs';
import { Config } from '../../src/config/schema.js';
import { mailtoAddress } from '../../src/deliver/message-spec.js';
import { newMessageId, returnPathFor } from '../../src/deliver/recipient-fields.js';
import type { FeedbackContext } from '../../src/feedback/process-feedback.js';
import { addSubscriber, markIssue, SqliteLedger, sqliteStore, upsertIssue, type Database } from '../../src/store/index.js';
import { signCompact } from '../../src/tokens/compact-token.js';
import { signToken } from '../../src/tokens/signed-token.js';
import { openTempDb } from '../store/temp-db.js';

export const SECRET = 'feedback-test-secret-0123456789';
export const DOMAIN = 'identitywire.example';

export interface SentMessage {
  issue: string;
  subscriberId: number;
  email: string;
  messageId: string;
  returnPath: string;
  mailto: string;
  unsubscribeToken: string;
}

export interface World {
  db: Database & { file: string };
  ctx: FeedbackContext;
  /** The message `issue` sent subscriber number `n` (1-based, in the order added). */
  sent(issue: string, n: number): SentMessage;
  ids: number[];
}

/** Three subscribers; each issue in `issues` sent to all of them (ledger rows submitted, with Message-IDs). */
export async function feedbackWorld(issues: readonly string[] = ['2026-W47', '2026-W48'], feedback: Record<string, unknown> = {}): Promise<World> {
  const db = openTempDb();
  const now = new Date('2026-11-30T07:00:00Z');
  const ids = ['ann@example.com', 'bo@example.org', 'cy@example.net'].map((email) => addSubscriber(db, { email }, { via: 'import', now }).subscriber.id);
  const ledger = new SqliteLedger(db, () => now);
  const messages = new Map<string, SentMessage>();
  for (const issue of issues) {
    upsertIssue(db, { key: issue, subject: 'Weekly roundup', now });
    markIssue(db, issue, 'sent', { now });
    await ledger.enqueue(issue);
    for (const [i, id] of ids.entries()) {
      const messageId = newMessageId(issue, id, DOMAIN);
      await ledger.apply(issue, [
        { kind: 'submitting', subscriberId: id, messageId },
        { kind: 'submitted', subscriberId: id, reply: '250 OK' },
      ]);
      messages.set(`${issue}/${i + 1}`, {
        issue,
        subscriberId: id,
        email: ['ann@example.com', 'bo@example.org', 'cy@example.net'][i]!,
        messageId,
        returnPath: returnPathFor(`bounces+{token}@${DOMAIN}`, issue, id, SECRET),
        mailto: mailtoAddress(`unsubscribe@${DOMAIN}`, signCompact({ purpose: 'mailto', issue, subscriber: id }, SECRET)),
        unsubscribeToken: signToken({ p: 'unsubscribe', s: id, i: issue }, SECRET),
      });
    }
  }
  const config = feedbackConfig(feedback);
  return {
    db,
    ids,
    ctx: { store: sqliteStore(db), secret: SECRET, config: config.feedback, now: () => new Date('2026-11-30T10:00:00Z') },
    sent: (issue, n) => messages.get(`${issue}/${n}`)!,
  };
}

export function feedbackConfig(feedback: Record<string, unknown> = {}): Config {
  return Config.parse({
    site: { name: 'Identity Wire', url: 'https://www.identitywire.example' },
    content: [{ type: 'feed', path: 'feed.xml' }],
    selection: { sections: [{ id: 'most-read', title: 'Most Read', kind: 'most-read' }] },
    feedback,
  });
}

/** A fixture's bytes with the placeholders filled for one sent message. */
export function fixture(name: string, message: SentMessage): Buffer {
  const text = readFileSync(new URL(`../fixtures/feedback/${name}`, import.meta.url), 'utf8')
    .replaceAll('{{RETURN_PATH}}', message.returnPath)
    .replaceAll('{{MESSAGE_ID}}', message.messageId)
    .replaceAll('{{RCPT}}', message.email)
    .replaceAll('{{MAILTO}}', message.mailto)
    .replaceAll('{{UNSUB_TOKEN}}', message.unsubscribeToken);
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
}

/** The same, with the VERP address replaced by the plain one: only the Message-ID can tell whose it is. */
export function withoutVerp(raw: Buffer, message: SentMessage): Buffer {
  return Buffer.from(raw.toString('utf8').replaceAll(message.returnPath, `bounces@${DOMAIN}`), 'utf8');
}
