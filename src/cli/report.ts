import { Command } from 'commander';
import { RoundupError } from '../errors.js';
import { formatReport, reportCsv } from '../report/format-report.js';
import { issueReport } from '../report/issue-report.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { withStore } from '../job/with-store.js';
import { cliContext } from './context.js';
import { out, outJson } from './output.js';

interface ReportFlags {
  week?: string;
  json?: boolean;
  csv?: boolean;
  config?: string;
}

/** `roundup report`: an issue's numbers after the send (default: the last issue sent). */
export function reportCommand(): Command {
  return new Command('report')
    .description("An issue's numbers after the send: submitted, bounces, complaints, unsubscribes, clicks by section and story")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the last issue sent)')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print one CSV row per link (clicks by section, story and slot: a file a sponsor can be sent)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .action(async (flags: ReportFlags) => {
      if (flags.json && flags.csv) throw new RoundupError('USAGE', 'Choose one of `--json` and `--csv`.');
      const ctx = cliContext(flags);
      const report = await withStore(ctx.env.db, async (store) => {
        const key = flags.week ? parseWeekArg({ week: flags.week }, ctx.loaded.config.site, ctx.now).key : await store.snapshots.lastSent();
        if (!key) throw new RoundupError('USAGE', 'No issue has been sent yet, so there is nothing to report. Name one with `--week`.');
        const found = await issueReport(store, key);
        if (!found) throw new RoundupError('USAGE', `${key} has not gone out (no frozen issue in ${store.label}): there is nothing to report yet.`);
        return found;
      });
      if (flags.json) outJson(report);
      else if (flags.csv) out(reportCsv(report));
      else out(formatReport(report));
    });
}
