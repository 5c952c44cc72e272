import { readFileSync } from 'node:fs';
import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import { RoundupError, errorMessage } from '../errors.js';
import type { Store } from '../store/index.js';
import { readImapFeedback } from './imap-feedback.js';
import { processFeedback, type FeedbackContext, type FeedbackResult } from './process-feedback.js';
import { pipedMessage, splitMessages } from './split-mbox.js';

/** One message's result, with where it came from (`file.eml`, `file.mbox#3`, `stdin`, `imap uid 12`). */
export type SourcedResult = FeedbackResult & { source: string };

export interface FeedbackInputs {
  files?: readonly string[] | undefined;
  /** One message read from standard input (an MTA pipe). */
  stdin?: Buffer | undefined;
  /** The envelope recipient of the piped message (`${recipient}` in Postfix's pipe). */
  recipient?: string | undefined;
  imap?: boolean | undefined;
}

/** ROUNDUP_SECRET, or ENV_INVALID saying why it is needed. */
export function feedbackSecret(env: RoundupEnv): string {
  if (env.secret) return env.secret;
  throw new RoundupError(
    'ENV_INVALID',
    'ROUNDUP_SECRET is not set: bounces, complaints and unsubscribe mails are matched by the tokens the sends signed with it. ' +
      'Set it to the value your sends use.',
  );
}

/** Runs `roundup feedback` on its inputs: files (each an .eml or an mbox), one piped message, the IMAP mailbox. */
export async function runFeedback(
  loaded: LoadedConfig,
  env: RoundupEnv,
  store: Store,
  inputs: FeedbackInputs,
  log: (line: string) => void = () => {},
): Promise<SourcedResult[]> {
  const ctx: FeedbackContext = { store, secret: feedbackSecret(env), config: loaded.config.feedback, now: () => new Date() };
  const results: SourcedResult[] = [];
  for (const file of inputs.files ?? []) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new RoundupError('USAGE', `${file}: cannot be read (${errorMessage(error)}). Give .eml files or mbox files.`, { cause: error });
    }
    const messages = splitMessages(bytes);
    for (const [i, raw] of messages.entries()) results.push({ ...(await processFeedback(raw, ctx)), source: messages.length > 1 ? `${file}#${i + 1}` : file });
  }
  if (inputs.stdin) {
    results.push({ ...(await processFeedback(pipedMessage(inputs.stdin), ctx, inputs.recipient ? [inputs.recipient] : [])), source: 'stdin' });
  }
  if (inputs.imap) {
    const imap = loaded.config.feedback.imap;
    if (!imap) throw new RoundupError('CONFIG_INVALID', `${loaded.file}: \`feedback.imap\` is not set: add host, user (and tls) to read the feedback mailbox.`);
    if (!env.imapPassword) throw new RoundupError('ENV_INVALID', `ROUNDUP_IMAP_PASSWORD is not set: it is the password of ${imap.user} on ${imap.host}.`);
    const run = await readImapFeedback(imap, env.imapPassword, ctx, log);
    run.results.forEach((r, i) => results.push({ ...r, source: `imap ${imap.mailbox} #${i + 1}` }));
  }
  return results;
}

/** Counts of results by outcome, every outcome present. */
export function countOutcomes(results: readonly FeedbackResult[]): Record<FeedbackResult['outcome'], number> {
  const counts = { acted: 0, duplicate: 0, ignored: 0, unmatched: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}
