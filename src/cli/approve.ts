import { Command } from 'commander';
import { approveIssue, revokeApproval } from '../job/approve-issue.js';
import { buildIssue } from '../job/build-issue.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { openStore } from '../store/index.js';
import { cliContext } from './context.js';
import { out, outJson } from './output.js';

interface ApproveFlags {
  week?: string;
  date?: string;
  config?: string;
  revoke?: boolean;
  json?: boolean;
}

/**
 * `roundup approve`: builds the week's issue, freezes it and records the approval in the database; the job sends
 * exactly that version. The preview's Approve button calls the same approveIssue. `--revoke` withdraws an
 * approval (before the send starts).
 */
export function approveCommand(): Command {
  return new Command('approve')
    .description("Approve the week's issue as built now (frozen: exactly this version is sent); it must pass its checks")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--revoke', 'withdraw the approval (only before the send starts)')
    .option('--json', 'print the issue record as JSON')
    .action(async (flags: ApproveFlags) => {
      const ctx = cliContext(flags);
      if (flags.revoke) {
        const key = parseWeekArg({ week: flags.week, date: flags.date }, ctx.loaded.config.site, ctx.now).key;
        const store = await openStore(ctx.env.db);
        try {
          const revoked = await revokeApproval(store, key, ctx.now);
          if (flags.json) outJson({ revoked, issue: key });
          else out(revoked ? `Withdrew the approval of ${key}: nothing is sent until it is approved again.\n` : `${key} was not approved; nothing changed.\n`);
        } finally {
          await store.close();
        }
        return;
      }
      const built = await buildIssue({ ...ctx, week: flags.week, date: flags.date, write: false });
      const store = await openStore(ctx.env.db);
      try {
        const { record, changed, snapshot } = await approveIssue(store, ctx.loaded.config, built, ctx.now);
        if (flags.json) {
          outJson({ changed, issue: record, hash: snapshot.hash });
        } else if (changed) {
          out(`Approved ${record.key}: “${record.subject}” (${record.approvedAt}); this version (${snapshot.hash.slice(0, 12)}) is what will be sent.\n`);
        } else {
          out(`${record.key} was already approved as it is now (${record.approvedAt ?? 'time unknown'}); nothing changed.\n`);
        }
      } finally {
        await store.close();
      }
    });
}
