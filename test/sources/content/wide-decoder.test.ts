import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { emptyRepairCounts } from '../../../src/sources/utf8-repair.js';
import { wideDecoder, type WideEncoding } from '../../../src/sources/wide-decoder.js';

const text = 'a😀b é \uFFFD z';

describe('wideDecoder', () => {
  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'] as WideEncoding[])('%s: pieces cut anywhere give the text back, a U+FFFD in it not counted', (encoding) => {
    const bytes = iconv.encode(text, encoding);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const counts = emptyRepairCounts();
      const d = wideDecoder(encoding, counts);
      const out = d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end();
      expect(out, `cut at ${cut}`).toBe(text);
      expect(counts.replaced).toBe(0);
    }
  });

  it('replaces and counts lone surrogates, code points past U+10FFFF and a unit cut short', () => {
    const counts = emptyRepairCounts();
    const d16 = wideDecoder('utf-16le', counts);
    expect(d16.write(Buffer.from([0x41, 0, 0x00, 0xd8, 0x42, 0, 0x43]))).toBe('A\uFFFDB');
    expect(d16.end()).toBe('\uFFFD');
    expect(counts).toMatchObject({ replaced: 3, firstBad: 2 });
    const counts32 = emptyRepairCounts();
    const d32 = wideDecoder('utf-32be', counts32);
    expect(d32.write(Buffer.from([0, 0x11, 0, 0, 0, 0, 0, 0x41])) + d32.end()).toBe('\uFFFDA');
    expect(counts32.replaced).toBe(4);
  });
});
