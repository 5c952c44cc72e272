import { Command } from 'commander';
import type { Config, RoundupEnv } from '../config/index.js';
import { assertChecksPass, buildIssue, type BuiltIssue } from '../job/build-issue.js';
import { freezeBuilt } from '../job/freeze-built.js';
import { issueState, readIssueRecord } from '../job/issue-state.js';
import { cliContext } from './context.js';
import { formatBuildSummary } from './format-build-summary.js';
import { err, out, outJson } from './output.js';

export function buildCommand(): Command {
  return new Command('build')
    .description("Collect the week's stories and reads, select the digest and render the email into out/<issue>/")
    .option('--week <key>', 'issue key, e.g. 2026-W48 (default: the latest complete week)')
    .option('--date <yyyy-mm-dd>', 'the week containing this date')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print the digest as JSON instead of a summary')
    .option('--refresh-reads', 'ask the analytics APIs (ga4, plausible, matomo) again instead of using the answers kept for this week')
    .action(async (options: { week?: string; date?: string; config?: string; json?: boolean; refreshReads?: boolean }) => {
      const ctx = cliContext(options);
      const built = await buildIssue({ ...ctx, week: options.week, date: options.date, refreshReads: options.refreshReads });
      if (options.json) outJson(built.digest);
      else out(formatBuildSummary(built, process.cwd()));
      printChecks(built);
      await printApproval(ctx.loaded.config, ctx.env, built);
      assertChecksPass(built);
    });
}

/** Where the week stands against the database: approved as built, or changed since approval (and how), or gone out. */
async function printApproval(config: Config, env: RoundupEnv, built: BuiltIssue): Promise<void> {
  const key = built.window.key;
  const state = issueState(await readIssueRecord(env, key), { ...built.rendered, digest: built.digest, inputs: freezeBuilt(config, built).inputs });
  if (state.kind === 'approved') err(`${key} is approved as built now: this version is what will be sent.\n`);
  if (state.kind === 'sending' || state.kind === 'sent') err(`${key} has gone out (${state.kind}): what was sent is frozen; this build changes nothing of it.\n`);
  if (state.kind === 'changed') {
    const waits = state.editorChanged && config.web.schedule.onChangeAfterApproval === 'reapprove';
    err(`${key} changed since approval${waits ? ' (nothing is sent until it is approved again: roundup approve)' : ' (the approved version is what goes out)'}:\n`);
    for (const line of state.lines) err(`  ${line}\n`);
  }
}

function printChecks(built: BuiltIssue): void {
  for (const check of built.rendered.checks) {
    err(`${check.level}: [${check.code}] ${check.message}\n`);
  }
}
