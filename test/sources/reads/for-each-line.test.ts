import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../../src/sources/reads/for-each-line.js';

async function* chunked(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function lines(bytes: Buffer, cuts: number[], max?: number): Promise<{ lines: string[]; numbers: number[]; bytes: number }> {
  const out: string[] = [];
  const numbers: number[] = [];
  const read = await forEachLine(chunked(bytes, cuts), (line, n) => {
    out.push(line);
    numbers.push(n);
  }, max);
  return { lines: out, numbers, bytes: read };
}

describe('forEachLine', () => {
  it('gives the same lines however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 12 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 10 }),
        fc.boolean(),
        async (textLines, cuts, crlf) => {
          const text = textLines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join('');
          const bytes = Buffer.from(text, 'utf8');
          const got = await lines(bytes, cuts);
          expect(got.lines).toEqual(textLines);
          expect(got.numbers).toEqual(textLines.map((_, i) => i + 1));
          expect(got.bytes).toBe(bytes.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('/café/€\n/naïve\n', 'utf8');
    const euro = bytes.indexOf(Buffer.from('€'));
    expect((await lines(bytes, [euro + 1, euro + 2])).lines).toEqual(['/café/€', '/naïve']);
  });

  it('emits a last line without a newline, and no empty line after a final newline', async () => {
    expect((await lines(Buffer.from('a\nb'), [1])).lines).toEqual(['a', 'b']);
    expect((await lines(Buffer.from('a\nb\n'), [])).lines).toEqual(['a', 'b']);
    expect((await lines(Buffer.from(''), [])).lines).toEqual([]);
  });

  it('cuts overlong lines, within a chunk or across chunks, and keeps counting lines', async () => {
    const long = 'x'.repeat(100);
    const bytes = Buffer.from(`${long}\nshort\n${long}\n`);
    for (const cuts of [[], [10, 20, 30, 150]]) {
      const got = await lines(bytes, cuts, 16);
      expect(got.lines).toEqual(['x'.repeat(16), 'short', 'x'.repeat(16)]);
      expect(got.numbers).toEqual([1, 2, 3]);
    }
  });
});
