import type { Transform, TransformCallback } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const LF_DOT = Buffer.from('\n.', 'latin1');
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * True when nodemailer's DataStream would pass `chunk` through unchanged: no line starting with a dot, no bare
 * LF, no bare CR (a CR as the very last byte is settled by the next chunk or the end, as DataStream does).
 * `prev` is the byte before the chunk (`false` at the start of the message). A string is read as the latin1
 * bytes it is written as. Uses native searches: about 0.05 ms for a 75 KB message, against about 0.6 ms for
 * DataStream's byte-by-byte loop.
 */
export function isCleanSmtpData(chunk: Uint8Array | string, prev: number | false): boolean {
  if (typeof chunk === 'string') return isCleanSmtpText(chunk, prev);
  const length = chunk.length;
  if (length === 0) return true;
  if (!startsClean(chunk[0]!, prev)) return false;
  const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, length);
  if (buffer.indexOf(LF_DOT) !== -1) return false;
  for (let at = buffer.indexOf(LF, 1); at !== -1; at = buffer.indexOf(LF, at + 1)) {
    if (buffer[at - 1] !== CR) return false;
  }
  for (let at = buffer.indexOf(CR); at !== -1 && at < length - 1; at = buffer.indexOf(CR, at + 1)) {
    if (buffer[at + 1] !== LF) return false;
  }
  return true;
}

/** A string as isCleanSmtpData reads bytes; anything not ASCII is "not clean" (the bytes are then scanned as written). */
function isCleanSmtpText(text: string, prev: number | false): boolean {
  const length = text.length;
  if (length === 0) return true;
  if (NOT_ASCII.test(text)) return false;
  if (!startsClean(text.charCodeAt(0), prev)) return false;
  if (text.indexOf('\n.') !== -1) return false;
  for (let at = text.indexOf('\n', 1); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (text.charCodeAt(at - 1) !== CR) return false;
  }
  for (let at = text.indexOf('\r'); at !== -1 && at < length - 1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== LF) return false;
  }
  return true;
}

/** Whether a chunk starting with `first` after the byte `prev` (`false`: the message's start) starts cleanly. */
export function startsClean(first: number, prev: number | false): boolean {
  if (prev === CR ? first !== LF : first === LF) return false;
  return !(first === DOT && (prev === LF || prev === false));
}

/**
 * Whether `pieces`, joined in order, are clean as isCleanSmtpData would find the joined message (from its start):
 * each piece is checked after the byte before it, so a builder that joins fixed pieces and small values checks the
 * fixed ones once (`restClean[i]`: piece i is clean after its own first byte, whatever comes before it) and only
 * the values per message.
 */
export function arePiecesClean(pieces: readonly (Uint8Array | string)[], restClean: readonly boolean[] = []): boolean {
  let prev: number | false = false;
  for (const [i, piece] of pieces.entries()) {
    if (piece.length === 0) continue;
    const clean = restClean[i] ? startsClean(byteAt(piece, 0), prev) : isCleanSmtpData(piece, prev);
    if (!clean) return false;
    prev = byteAt(piece, piece.length - 1);
  }
  return true;
}

const byteAt = (piece: Uint8Array | string, at: number): number => (typeof piece === 'string' ? piece.charCodeAt(at) & 0xff : piece[at]!);

/** Messages their builder has already found clean as a whole (see compile-message.ts): not scanned again. */
const KNOWN_CLEAN = new WeakSet<Buffer>();

/**
 * Marks a whole message as needing no DATA escaping, so the connection passes it on without scanning its bytes.
 * Only for a message whose every byte was checked as isCleanSmtpData would check it.
 */
export function markCleanSmtpData(message: Buffer): Buffer {
  KNOWN_CLEAN.add(message);
  return message;
}

/** The fields of nodemailer's DataStream (smtp-connection/data-stream.js) that the fast path keeps up to date. */
export interface DataStreamLike extends Transform {
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
}

function isDataStreamLike(value: unknown): value is DataStreamLike {
  const v = value as Partial<DataStreamLike> | null;
  return (
    typeof v === 'object' && v !== null && typeof v._transform === 'function' && typeof v.inByteCount === 'number' &&
    typeof v.outByteCount === 'number' && 'lastByte' in v
  );
}

/**
 * Lets this connection's DATA escaping skip nodemailer's byte-by-byte loop for chunks that need no change:
 * each message's DataStream gets a `_transform` that checks the chunk with `isCleanSmtpData` and passes it
 * through (counters and `lastByte` kept as DataStream keeps them), and hands any other chunk to DataStream's own
 * code. Same bytes on the wire either way (the test compares them with DataStream's output). Only this
 * connection is changed; if nodemailer's internals ever differ (no `_createSendStream`, another stream), the
 * connection is left as it is: slower, never wrong.
 */
export function useNativeDataScan(connection: SMTPConnection): SMTPConnection {
  const internals = connection as unknown as { _createSendStream?: (callback: unknown) => unknown };
  const create = internals._createSendStream;
  if (typeof create !== 'function') return connection;
  internals._createSendStream = function (this: unknown, callback: unknown) {
    const stream = create.call(this, callback);
    if (isDataStreamLike(stream)) speedUp(stream);
    return stream;
  };
  return connection;
}

/** Gives one DataStream the fast path (exported for the test that compares it with DataStream's own output). */
export function speedUp(stream: DataStreamLike): void {
  const slow = stream._transform;
  stream._transform = function (this: DataStreamLike, chunk: unknown, encoding: BufferEncoding, done: TransformCallback) {
    // a whole message already found clean (at the message's start), or a chunk that is
    const clean = Buffer.isBuffer(chunk) && chunk.length > 0 && ((KNOWN_CLEAN.has(chunk) && this.lastByte === false) || isCleanSmtpData(chunk, this.lastByte));
    if (clean) {
      this.inByteCount += chunk.length;
      this.outByteCount += chunk.length;
      this.lastByte = chunk[chunk.length - 1]!;
      this.push(chunk);
      return done();
    }
    return slow.call(this, chunk, encoding, done);
  };
}
