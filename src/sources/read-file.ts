import { readFile } from 'node:fs/promises';
import { RoundupError } from '../errors.js';

/** Reads a source file whole; a missing or unreadable file throws SOURCE_UNREADABLE naming it. */
export async function readSourceFile(path: string, source: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new RoundupError(
      'SOURCE_UNREADABLE',
      `[${source}] ${path} could not be read (${code}). Check the path (relative to the config file), ` +
        'or mark the source `optional: true`.',
      { cause },
    );
  }
}
