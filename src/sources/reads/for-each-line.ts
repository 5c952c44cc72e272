// Splits a stream of Buffer chunks into lines without readline (which costs an event and several
// allocations per line). Each line is decoded on its own, so a line string never points into a chunk-sized
// string: whatever a caller keeps from a line keeps only that line alive.

/** Longer lines are cut to this many bytes (the rest, up to the newline, is dropped): a file without
 *  newlines must not pile up in memory. */
export const MAX_LINE_BYTES = 64 * 1024;

// Buffer#utf8Slice is what toString('utf8', start, end) calls after checking its arguments; calling it
// directly saves about 5% of the access-log time. Fall back to toString where it is missing.
type Utf8Sliceable = Buffer & { utf8Slice?: (start: number, end: number) => string };
const utf8Slice =
  typeof (Buffer.prototype as Utf8Sliceable).utf8Slice === 'function'
    ? (buf: Buffer, start: number, end: number) => (buf as Utf8Sliceable).utf8Slice!(start, end)
    : (buf: Buffer, start: number, end: number) => buf.toString('utf8', start, end);

const NEWLINE = 10;
const RETURN = 13;

/**
 * Calls `onLine(text, lineNumber, bytes)` for every line of `chunks` (numbered from 1; `\n` or `\r\n` endings; a
 * last line without a newline counts). A line split across chunks is joined first. `bytes` is the line's whole
 * length: more than `maxLineBytes` means `text` was cut. Returns the bytes read.
 */
export async function forEachLine(
  chunks: AsyncIterable<Buffer>,
  onLine: (line: string, lineNumber: number, bytes: number) => void,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<number> {
  let lineNumber = 0;
  let bytes = 0;
  // The start of a line that began in an earlier chunk (copied, at most maxLineBytes), or undefined.
  let pending: Buffer[] | undefined;
  let pendingBytes = 0;
  let pendingWhole = 0; // the open line's length, kept or not

  const emit = (buf: Buffer, start: number, end: number, whole: number) => {
    if (end > start && buf[end - 1] === RETURN) end--;
    onLine(utf8Slice(buf, start, end), ++lineNumber, whole);
  };
  /** Holds `chunk[from, to)` as part of the open line, up to maxLineBytes in all. */
  const hold = (chunk: Buffer, from: number, to: number) => {
    pending ??= [];
    pendingWhole += to - from;
    const take = Math.min(maxLineBytes - pendingBytes, to - from);
    if (take <= 0) return;
    // Copy: a view would keep the whole chunk alive while the line waits for its end.
    pending.push(Buffer.from(chunk.subarray(from, from + take)));
    pendingBytes += take;
  };
  const emitPending = () => {
    const joined = Buffer.concat(pending ?? []);
    const whole = pendingWhole;
    pending = undefined;
    pendingBytes = 0;
    pendingWhole = 0;
    emit(joined, 0, joined.length, whole);
  };

  for await (const chunk of chunks) {
    bytes += chunk.length;
    let start = 0;
    let nl = chunk.indexOf(NEWLINE);
    if (pending !== undefined) {
      if (nl < 0) {
        hold(chunk, 0, chunk.length);
        continue;
      }
      hold(chunk, 0, nl);
      emitPending();
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    while (nl >= 0) {
      emit(chunk, start, Math.min(nl, start + maxLineBytes), nl - start);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) hold(chunk, start, chunk.length);
  }
  if (pending !== undefined) emitPending();
  return bytes;
}
