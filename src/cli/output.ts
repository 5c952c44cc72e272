import { escapeControls } from '../text/control-characters.js';

// Everything the CLI prints goes through here: text that came from outside (a story, a file name, a line of a
// log quoted in a message) cannot send escape sequences to the terminal or flip text with bidi overrides.
// Such characters are printed as `\uXXXX` (also valid inside JSON strings, the only place JSON output has them).

/** Streams whose reader went away (`roundup subscribers list --json | head`): nothing more is written there. */
const closed = new Set<NodeJS.WriteStream>();
let guarded = false;

/**
 * A closed pipe ends the output quietly, not with an EPIPE stack: what is still to print is dropped, and the
 * command finishes its work and exits with its own status (0 for a list). Finishing matters more than it looks:
 * `roundup run | tee run.log | head` must not stop a send halfway because `head` had seen enough. Any other
 * error on the streams is still thrown, as before.
 */
export function quietOnClosedPipes(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        closed.add(stream);
        return;
      }
      throw error;
    });
  }
}

function write(stream: NodeJS.WriteStream, text: string): void {
  if (closed.has(stream) || stream.destroyed) return;
  stream.write(escapeControls(text));
}

/** Writes to standard output, escaped. */
export function out(text: string): void {
  write(process.stdout, text);
}

/** Writes to standard error, escaped. */
export function err(text: string): void {
  write(process.stderr, text);
}

/** A value as pretty JSON on standard output, one document per call. */
export function outJson(value: unknown): void {
  out(`${JSON.stringify(value, null, 2)}\n`);
}
