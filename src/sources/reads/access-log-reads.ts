// Read counts from web server access logs (nginx/Apache "combined"), plain or gzip, one file or several.
// Files are streamed chunk by chunk and never held whole: a 1 GB week of logs runs in a few tens of MB.
// The counting rules live in AccessLogCounter.
//
// A file that breaks off (damaged or truncated gzip, a read error) is reported with the byte where it broke;
// the lines read before that still count, and so do the other files: one bad rotation must not lose the
// week's reads. Only when no file could be read at all does the source fail.
import { RoundupError, errorMessage } from '../../errors.js';
import type { ReadCount, ReadSource, SourceContext, SourceProblem, SourceResult } from '../../types.js';
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
      const broken: SourceProblem[] = [];
      for (const path of paths) {
        const stream = await openLogStream(path, name, highWaterMark);
        let lines = 0;
        try {
          await forEachLine(stream.chunks, (line, n, bytes) => {
            lines = n;
            counter.add(line, path, n, bytes);
          });
        } catch (cause) {
          const at = stream.position();
          broken.push({
            source: name,
            where: `${path}:${lines + 1}`,
            message:
              `the file breaks off at byte ${at.toLocaleString('en-US')}${stream.gzip ? ' of its gzip data' : ''} ` +
              `(${errorMessage(cause)}): the ${lines.toLocaleString('en-US')} lines before it counted, the rest skipped. ` +
              (stream.gzip ? 'Recompress the file from the original log, or remove it.' : 'Check the disk and the file.'),
          });
        }
      }
      if (broken.length === paths.length) {
        throw new RoundupError(
          'SOURCE_INVALID',
          `[${name}] no log file could be read to the end: ${broken.map((b) => `${b.where}: ${b.message}`).join('; ')}`,
        );
      }
      const result = counter.result();
      return { ...result, problems: [...broken, ...result.problems], skipped: result.skipped + broken.length };
    },
  };
}
