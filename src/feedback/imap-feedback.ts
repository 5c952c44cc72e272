import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config/index.js';
import { RoundupError, errorMessage } from '../errors.js';
import { processFeedback, type FeedbackContext, type FeedbackResult } from './process-feedback.js';

export interface ImapRun {
  results: FeedbackResult[];
  /** Messages moved to `processedFolder` / `unmatchedFolder`. */
  processed: number;
  unmatched: number;
}

/**
 * Reads every message in `imap.mailbox`, acts on each (processFeedback) and moves it: to `processedFolder` once
 * acted on (or recorded before, or a delay warning), to `unmatchedFolder` when it is none of ours or could not
 * be matched (for a person to look at). A crash between acting and moving leaves the message in place; the next
 * run reads it again and, the feedback being recorded already, changes nothing more.
 */
export async function readImapFeedback(imap: ImapConfig, password: string, ctx: FeedbackContext, log: (line: string) => void = () => {}): Promise<ImapRun> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port ?? (imap.tls === 'implicit' ? 993 : 143),
    secure: imap.tls === 'implicit',
    doSTARTTLS: imap.tls === 'starttls' ? true : imap.tls === 'none' ? false : undefined,
    auth: { user: imap.user, pass: password },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  });
  const where = `${imap.user}@${imap.host}`;
  try {
    await client.connect();
  } catch (error) {
    const auth = (error as { authenticationFailed?: boolean }).authenticationFailed;
    throw new RoundupError(
      'FEEDBACK_IMAP',
      auth
        ? `The IMAP server refused the login of ${where}: check \`feedback.imap.user\` and ROUNDUP_IMAP_PASSWORD.`
        : `Could not reach the IMAP server of ${where} (${errorMessage(error)}): check \`feedback.imap.host\`, \`port\` and \`tls\`.`,
      { cause: error },
    );
  }
  const run: ImapRun = { results: [], processed: 0, unmatched: 0 };
  try {
    // folders are written with `/` in config; as arrays, imapflow joins them with the server's own separator
    const processed = imap.processedFolder.split('/');
    const unmatched = imap.unmatchedFolder.split('/');
    for (const folder of [processed, unmatched]) {
      await client.mailboxCreate(folder).catch(() => undefined); // already there
    }
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids) {
        const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
        if (!meta) continue;
        let result: FeedbackResult;
        if ((meta.size ?? 0) > ctx.config.maxMessageBytes) {
          result = { outcome: 'unmatched', kind: 'none', reason: `larger than feedback.maxMessageBytes (${meta.size} bytes): not read` };
        } else {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          result = await processFeedback(message.source, ctx);
        }
        run.results.push(result);
        const to = result.outcome === 'unmatched' ? imap.unmatchedFolder : imap.processedFolder;
        const moved = await client.messageMove(String(uid), result.outcome === 'unmatched' ? unmatched : processed, { uid: true });
        if (!moved) {
          throw new RoundupError('FEEDBACK_IMAP', `Could not move message ${uid} to \`${to}\` on ${where}: check that the folder can be created there (\`feedback.imap.processedFolder\`, \`unmatchedFolder\`).`);
        }
        if (result.outcome === 'unmatched') run.unmatched++;
        else run.processed++;
        log(`imap ${imap.mailbox} uid ${uid}: ${result.outcome}: ${result.reason} -> ${to}`);
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return run;
}
