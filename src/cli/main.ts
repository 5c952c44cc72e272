import { Command, CommanderError } from 'commander';
import { DEFAULT_DB, readEnv } from '../config/env.js';
import { isRoundupError, errorMessage } from '../errors.js';
import { storageError } from '../store/storage-error.js';
import { describePostgresUrl, isPostgresUrl } from '../store/postgres-url.js';
import { err, quietOnClosedPipes } from './output.js';
import { packageVersion } from './package-version.js';

/**
 * The commands, each in its own file that exports a function returning a commander Command. Loaded on demand:
 * `roundup subscribers import` does not load the feed readers, the renderer or SMTP (tens of MB of modules it
 * never uses); `roundup --help` and anything that is not a command name load them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.js')).buildCommand(),
  subscribers: async () => (await import('./subscribers.js')).subscribersCommand(),
  send: async () => (await import('./send.js')).sendCommand(),
  preview: async () => (await import('./preview.js')).previewCommand(),
  approve: async () => (await import('./approve.js')).approveCommand(),
  run: async () => (await import('./run.js')).runCommand(),
  schedule: async () => (await import('./schedule.js')).scheduleCommand(),
  serve: async () => (await import('./serve.js')).serveCommand(),
  archive: async () => (await import('./archive.js')).archiveCommand(),
  demo: async () => (await import('./demo.js')).demoCommand(),
  doctor: async () => (await import('./doctor.js')).doctorCommand(),
  feedback: async () => (await import('./feedback.js')).feedbackCommand(),
  report: async () => (await import('./report.js')).reportCommand(),
  db: async () => (await import('./db.js')).dbCommand(),
};

/** The `roundup` program: every command, or only the one `argv` names (what a run needs). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('roundup')
    .description('A weekly newsletter that assembles itself from a news site.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) program.addCommand(command);
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

/** ROUNDUP_DB as an error may name it: a PostgreSQL URL without its password. */
function databaseName(env: Record<string, string | undefined>): string {
  let name: string;
  try {
    name = readEnv(env).db;
  } catch {
    name = env.ROUNDUP_DB ?? DEFAULT_DB;
  }
  return isPostgresUrl(name) ? describePostgresUrl(name) : name;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipes();
  try {
    const program = await buildProgram(argv);
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
