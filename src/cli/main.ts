import { Command, CommanderError } from 'commander';
import { DEFAULT_DB, readEnv } from '../config/env.js';
import { isRoundupError, errorMessage } from '../errors.js';
import { storageError } from '../store/storage-error.js';
import { err, quietOnClosedPipes } from './output.js';
import { packageVersion } from './package-version.js';
import { buildCommand } from './build.js';
import { subscribersCommand } from './subscribers.js';
import { sendCommand } from './send.js';
import { previewCommand } from './preview.js';
import { approveCommand } from './approve.js';
import { runCommand } from './run.js';
import { scheduleCommand } from './schedule.js';
import { serveCommand } from './serve.js';
import { demoCommand } from './demo.js';
import { archiveCommand } from './archive.js';
import { doctorCommand } from './doctor.js';
import { feedbackCommand } from './feedback.js';
import { reportCommand } from './report.js';

/**
 * The `roundup` program. Each command lives in its own file and exports a function returning a commander
 * Command; this file only assembles them and turns errors into messages and exit codes.
 */
export function buildProgram(): Command {
  const program = new Command('roundup')
    .description('A weekly newsletter that assembles itself from a news site.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Commands are added here, one import each.
  program.addCommand(buildCommand());
  program.addCommand(subscribersCommand());
  program.addCommand(sendCommand());
  program.addCommand(previewCommand());
  program.addCommand(approveCommand());
  program.addCommand(runCommand());
  program.addCommand(scheduleCommand());
  program.addCommand(serveCommand());
  program.addCommand(archiveCommand());
  program.addCommand(demoCommand());
  program.addCommand(doctorCommand());
  program.addCommand(feedbackCommand());
  program.addCommand(reportCommand());
  return program;
}

/**
 * What the CLI prints for an error: RoundupError and storage errors as one line (`roundup: ...`) that says the
 * fix; anything else is a bug, printed with its stack.
 */
export function formatCliError(error: unknown, env: Record<string, string | undefined>): string {
  const known = isRoundupError(error) ? error : storageError(error, databaseName(env));
  if (known) return `roundup: ${known.message}\n`;
  const stack = error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return `roundup: unexpected error: ${errorMessage(error)}\n${stack}`;
}

function databaseName(env: Record<string, string | undefined>): string {
  try {
    return readEnv(env).db;
  } catch {
    return env.ROUNDUP_DB ?? DEFAULT_DB;
  }
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipes();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit "successfully" through an exception
      return error.exitCode;
    }
    err(formatCliError(error, process.env));
    return 1;
  }
}
