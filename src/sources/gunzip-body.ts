import { gunzipSync } from 'node:zlib';
import { RoundupError, errorMessage } from '../errors.js';

// A feed or JSON file that is gzip data (a `.xml.gz` on disk, or a server that compressed the body without
// saying so in Content-Encoding) is read after gunzip, as feed readers do, rather than failing as "not XML".

/** Decompressed sizes past this are refused: a small file that inflates without end is an attack, not a feed. */
const MAX_INFLATED = 512 * 1024 * 1024;

export function isGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/** The body, gunzipped when it is gzip data. Damaged gzip throws SOURCE_INVALID naming the source and file. */
export function gunzipBody(body: Buffer, options: { source: string; where: string }): { body: Buffer; gzipped: boolean } {
  if (!isGzip(body)) return { body, gzipped: false };
  try {
    return { body: gunzipSync(body, { maxOutputLength: MAX_INFLATED }), gzipped: true };
  } catch (cause) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${options.source}] ${options.where}:1:1: the file is gzip-compressed but could not be decompressed (${errorMessage(cause)}). ` +
        'Serve or save it uncompressed, or recompress it.',
      { cause },
    );
  }
}
