// The fast DATA scan must put exactly the bytes on the wire that nodemailer's DataStream would: compared on
// arbitrary byte strings full of CR, LF and dots, cut into arbitrary chunks.
import fc from 'fast-check';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { describe, expect, it } from 'vitest';
import { arePiecesClean, isCleanSmtpData, speedUp, type DataStreamLike } from '../../src/deliver/use-native-data-scan.js';

async function escape(chunks: Buffer[], fast: boolean): Promise<{ out: Buffer; inBytes: number; outBytes: number }> {
  const stream = new DataStream() as unknown as DataStreamLike;
  if (fast) speedUp(stream);
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => stream.once('end', r));
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  return { out: Buffer.concat(out), inBytes: stream.inByteCount, outBytes: stream.outByteCount };
}

const byte = fc.constantFrom(0x0d, 0x0a, 0x2e, 0x61, 0x3d, 0xe9);
const chunkList = fc.array(fc.array(byte, { maxLength: 16 }).map((b) => Buffer.from(b)), { minLength: 1, maxLength: 6 });

describe('useNativeDataScan', () => {
  it('gives the same output and byte counts as DataStream for any input and chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(chunkList, async (input) => {
        const slow = await escape(input, false);
        const fast = await escape(input, true);
        expect(fast.out.toString('latin1')).toBe(slow.out.toString('latin1'));
        expect([fast.inBytes, fast.outBytes]).toEqual([slow.inBytes, slow.outBytes]);
      }),
      { numRuns: 2000 },
    );
  });

  it('passes a clean CRLF message through and catches each thing DataStream would change', () => {
    const clean = Buffer.from('Subject: x\r\n\r\nline one\r\nline. two\r\n', 'latin1');
    expect(isCleanSmtpData(clean, false)).toBe(true);
    expect(isCleanSmtpData(Buffer.from('a\r\n.b\r\n'), false)).toBe(false); // dot at a line start
    expect(isCleanSmtpData(Buffer.from('.a\r\n'), false)).toBe(false); // dot at the message start
    expect(isCleanSmtpData(Buffer.from('.a\r\n'), 0x0a)).toBe(false); // dot after the previous chunk's LF
    expect(isCleanSmtpData(Buffer.from('a\nb'), false)).toBe(false); // bare LF
    expect(isCleanSmtpData(Buffer.from('a\rb'), false)).toBe(false); // bare CR
    expect(isCleanSmtpData(Buffer.from('\nb'), 0x0d)).toBe(true); // CRLF split across chunks
    expect(isCleanSmtpData(Buffer.from('b'), 0x0d)).toBe(false); // CR at the end of the previous chunk was bare
    expect(isCleanSmtpData(Buffer.from('a\r'), false)).toBe(true); // a CR at the end waits for the next chunk
    expect(isCleanSmtpData('a\r\n.b', false)).toBe(false); // strings as the latin1 bytes they are written as
    expect(isCleanSmtpData('a\r\nb', 0x0a)).toBe(true);
    expect(isCleanSmtpData('a\u010a.b', false)).toBe(false); // written as latin1, U+010A is a bare LF: never clean
  });

  it('judges pieces joined in order as the joined message, with fixed pieces checked once after their first byte (property)', () => {
    fc.assert(
      fc.property(chunkList, fc.array(fc.boolean(), { maxLength: 6 }), (pieces, fixed) => {
        // what a builder may claim of a fixed piece: clean after its own first byte
        const restClean = pieces.map((p, i) => fixed[i] === true && (p.length < 2 || isCleanSmtpData(p.subarray(1), p[0]!)));
        const whole = isCleanSmtpData(Buffer.concat(pieces), false);
        expect(arePiecesClean(pieces)).toBe(whole);
        // a fixed piece not clean inside is never claimed clean, so the claim only saves work
        if (arePiecesClean(pieces, restClean)) expect(whole).toBe(true);
        if (whole) expect(arePiecesClean(pieces, restClean)).toBe(true);
        // values spliced in as strings (read as the latin1 bytes they are written as) are judged the same
        const asText = pieces.map((p, i) => (fixed[i] === true ? p : p.toString('latin1')));
        const ascii = pieces.every((p, i) => fixed[i] === true || p.every((b) => b < 0x80));
        if (ascii) expect(arePiecesClean(asText, restClean)).toBe(whole);
        else if (arePiecesClean(asText, restClean)) expect(whole).toBe(true); // not ASCII: never claimed clean
      }),
      { numRuns: 3000 },
    );
  });
});
