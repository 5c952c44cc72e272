import { escapeControls } from '../text/control-characters.js';

// Everything the CLI prints goes through here: text that came from outside (a story, a file name, a line of a
// log quoted in a message) cannot send escape sequences to the terminal or flip text with bidi overrides.
// Such characters are printed as `\uXXXX` (also valid inside JSON strings, the only place JSON output has them).

/** Writes to standard output, escaped. */
export function out(text: string): void {
  process.stdout.write(escapeControls(text));
}

/** Writes to standard error, escaped. */
export function err(text: string): void {
  process.stderr.write(escapeControls(text));
}

/** A value as pretty JSON on standard output, one document per call. */
export function outJson(value: unknown): void {
  out(`${JSON.stringify(value, null, 2)}\n`);
}
