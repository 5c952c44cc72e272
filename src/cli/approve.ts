import { Command } from 'commander';
import { buildIssue } from '../job/build-issue.js';
import { openDatabase } from '../store/index.js';
import { approveIssue } from '../job/approve-issue.js';
import { cliContext } from './context.js';
import { out, outJson } from './output.js';

/**
 * `roundup approve`: marks the week's issue ready to send in the database's `issues` table (the record the
 * scheduled job reads; the override file's `approved:` key is not used). The preview's Approve button calls
 * the same approveIssue.
 */
export function approveCommand(): Command {
  return new Command('approve')
    .description("Mark the week's issue as approved (ready to send) in the database; it is built first and must pass its checks")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print the issue record as JSON')
    .action(async (options: { week?: string; date?: string; config?: string; json?: boolean }) => {
      const ctx = cliContext(options);
      const built = await buildIssue({ ...ctx, week: options.week, date: options.date, write: false });
      const db = openDatabase(ctx.env.db);
      try {
        const { record, changed } = approveIssue(
          db,
          { key: built.window.key, subject: built.rendered.subject, checks: built.rendered.checks },
          ctx.now,
        );
        if (options.json) {
          outJson({ changed, issue: record });
        } else if (changed) {
          out(`Approved ${record.key}: “${record.subject}” (${record.approvedAt}).\n`);
        } else {
          out(`${record.key} was already approved (${record.approvedAt ?? 'time unknown'}); nothing changed.\n`);
        }
      } finally {
        db.close();
      }
    });
}
