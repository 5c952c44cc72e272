// Read counts from web server access logs (nginx/Apache "combined"), plain or gzip, one file or several.
// Files are streamed chunk by chunk and never held whole: a 1 GB week of logs runs in a few tens of MB.
// The counting rules live in AccessLogCounter.
import { RoundupError, errorMessage } from '../../errors.js';
import type { ReadCount, ReadSource, SourceContext, SourceResult } from '../../types.js';
import { AccessLogCounter } from './access-log-counter.js';
import { forEachLine } from './for-each-line.js';
import { checkLogReadable, openLogStream } from './open-log-stream.js';

export interface AccessLogReadsOptions {
  name: string;
  /** Log files, read in this order (absolute, or relative to the working directory). */
  paths: string[];
  /** Bytes per read (default 256 KiB); tests make it small to split lines across chunks. */
  highWaterMark?: number;
}

export function accessLogReads(options: AccessLogReadsOptions): ReadSource {
  const { name, paths, highWaterMark } = options;
  return {
    name,
    location: paths.join(', '),
    async load(ctx: SourceContext): Promise<SourceResult<ReadCount>> {
      const counter = new AccessLogCounter({
        source: name,
        window: ctx.window,
        storyPaths: ctx.storyPaths,
        identityParams: ctx.identityParams,
      });
      // Open every file first, so a missing one fails before minutes of counting.
      for (const path of paths) await checkLogReadable(path, name);
      for (const path of paths) {
        const { chunks, gzip } = await openLogStream(path, name, highWaterMark);
        try {
          await forEachLine(chunks, (line, n) => counter.add(line, path, n));
        } catch (cause) {
          throw new RoundupError(
            'SOURCE_INVALID',
            `[${name}] ${path} could not be read to the end (${errorMessage(cause)})` +
              (gzip ? ': the gzip data is damaged or cut short. Recompress or remove the file.' : '.'),
            { cause },
          );
        }
      }
      return counter.result();
    },
  };
}
