import { Command } from 'commander';
import { countOutcomes, runFeedback, type SourcedResult } from '../feedback/run-feedback.js';
import { RoundupError, isRoundupError } from '../errors.js';
import { withStore } from '../job/with-store.js';
import { cliContext } from './context.js';
import { err, out, outJson } from './output.js';

interface FeedbackFlags {
  stdin?: boolean;
  recipient?: string;
  imap?: boolean;
  json?: boolean;
  config?: string;
}

/** EX_TEMPFAIL (sysexits.h): an MTA keeps a piped message queued and tries again later. */
const TEMPFAIL = 75;

/**
 * `roundup feedback`: bounces, abuse reports and mail to the unsubscribe address, from files (.eml or mbox),
 * standard input (an MTA pipe) or the IMAP mailbox (`feedback.imap`, the default when nothing else is given).
 */
export function feedbackCommand(): Command {
  return new Command('feedback')
    .description('Act on bounces (DSN and common MTA formats), abuse reports (ARF) and unsubscribe mails; idempotent (needs ROUNDUP_SECRET)')
    .argument('[files...]', '.eml files or mbox files')
    .option('--stdin', 'read one message from standard input (an MTA pipe); exits 75 when Roundup cannot record it, so the MTA retries')
    .option('--recipient <address>', "with --stdin: the envelope recipient (Postfix's ${recipient})")
    .option('--imap', 'read the mailbox of feedback.imap (the default when no file and no --stdin is given)')
    .option('--json', 'print the results as JSON')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .action(async (files: string[], flags: FeedbackFlags) => {
      if (flags.recipient && !flags.stdin) throw new RoundupError('USAGE', '`--recipient` goes with `--stdin` (the envelope recipient of the piped message).');
      try {
        await feedback(files, flags);
      } catch (error) {
        // a pipe's message must not be lost: the MTA keeps it and tries again when the database answers
        if (flags.stdin && (!isRoundupError(error) || error.code === 'DB_BUSY' || error.code === 'DB_ERROR')) {
          err(`roundup: feedback not recorded (the MTA will try again): ${error instanceof Error ? error.message : String(error)}\n`);
          process.exitCode = TEMPFAIL;
          return;
        }
        throw error;
      }
    });
}

async function feedback(files: string[], flags: FeedbackFlags): Promise<void> {
  const ctx = cliContext(flags);
  const imap = flags.imap ?? (files.length === 0 && !flags.stdin);
  const stdin = flags.stdin ? await readStdin(ctx.loaded.config.feedback.maxMessageBytes + 1) : undefined;
  const results = await withStore(ctx.env.db, (store) =>
    runFeedback(ctx.loaded, ctx.env, store, { files, stdin, recipient: flags.recipient, imap }, flags.json ? undefined : (line) => err(`${line}\n`)),
  );
  const counts = countOutcomes(results);
  if (flags.json) return outJson({ counts, results });
  for (const r of results) out(`${line(r)}\n`);
  out(`${results.length} message(s): ${counts.acted} acted on, ${counts.duplicate} already recorded, ${counts.ignored} ignored, ${counts.unmatched} unmatched\n`);
}

function line(r: SourcedResult): string {
  const about = r.issue ? ` [${r.issue}, subscriber ${r.subscriberId}]` : '';
  return `${r.source}: ${r.outcome} ${r.kind}${r.format ? ` (${r.format})` : ''}${about}: ${r.reason}`;
}

async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
