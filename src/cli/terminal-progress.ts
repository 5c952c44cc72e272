import { createProgressPrinter, type ProgressPrinter } from '../deliver/progress-printer.js';

/** The send progress on stderr: a bar on a terminal, periodic log lines elsewhere (and with --json). */
export function terminalProgress(json: boolean | undefined): ProgressPrinter {
  return createProgressPrinter({
    write: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY) && !json,
    columns: process.stderr.columns,
  });
}
