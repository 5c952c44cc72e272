import { access, constants, open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { RoundupError } from '../../errors.js';

/** An opened log file as a stream of (decompressed) chunks. */
export interface LogStream {
  chunks: AsyncIterable<Buffer>;
  gzip: boolean;
  /** Bytes of the file consumed so far (for gzip: compressed bytes the decompressor has taken in). */
  position(): number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Opens a log file for streaming; gzip is detected by its magic bytes (`1f 8b`), whatever the file is named
 * (logrotate's `access.log.1` may be compressed, a `.gz` may not be). Nothing is read whole: chunks of
 * `highWaterMark` bytes go through zlib. A missing or unreadable file throws SOURCE_UNREADABLE.
 */
export async function openLogStream(path: string, source: string, highWaterMark = 256 * 1024): Promise<LogStream> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw unreadable(path, source, cause);
  }
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  const gzip = bytesRead === 2 && magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1];
  const raw = handle.createReadStream({ start: 0, highWaterMark, autoClose: true });
  if (!gzip) return { chunks: raw, gzip, position: () => raw.bytesRead };
  const gunzip = createGunzip({ chunkSize: Math.max(64, highWaterMark) }); // zlib needs >= 64
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  gunzip.on('close', () => raw.destroy());
  return { chunks: gunzip, gzip, position: () => gunzip.bytesWritten };
}

/** Throws SOURCE_UNREADABLE unless `path` is a readable file (checked before counting starts). */
export async function checkLogReadable(path: string, source: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw unreadable(path, source, cause);
  }
}

function unreadable(path: string, source: string, cause: unknown): RoundupError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  return new RoundupError(
    'SOURCE_UNREADABLE',
    `[${source}] ${path} could not be opened (${code}). Check the path (relative to the config file; ` +
      '`{week}` becomes the issue key), or mark the source `optional: true`.',
    { cause },
  );
}
