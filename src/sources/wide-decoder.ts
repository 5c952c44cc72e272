import type { RepairCounts } from './utf8-repair.js';

// UTF-16 and UTF-32 bytes -> text, piece by piece, counting exactly what is replaced: a lone surrogate, a code
// point past U+10FFFF, a last unit cut short. (iconv-lite decodes these too, but a U+FFFD it made cannot be
// told from one the feed itself contains, so the count of bad bytes would be wrong.)

export type WideEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface WideDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

export function wideDecoder(encoding: WideEncoding, counts: RepairCounts, startOffset = 0): WideDecoder {
  const unit = encoding.startsWith('utf-16') ? 2 : 4;
  const littleEndian = encoding.endsWith('le');
  let carry: Buffer = Buffer.alloc(0); // bytes of a unit not yet complete
  let highSurrogate = ''; // UTF-16: a high surrogate whose pair may start the next piece
  let offset = startOffset;
  /** `bytes` bad bytes at byte `at` of the document. */
  const bad = (bytes: number, at: number) => {
    counts.replaced += bytes;
    counts.firstBad ??= at;
  };

  const utf16 = (b: Buffer): string => {
    // A high surrogate carried over from the last piece sits at index 0, its bytes just before `offset`.
    const carried = highSurrogate.length;
    let text = highSurrogate + (littleEndian ? b : Buffer.from(b).swap16()).toString('utf16le');
    highSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text.replace(LONE_SURROGATE, (_, index: number) => {
      bad(2, offset + (index - carried) * 2);
      return '\uFFFD';
    });
  };

  const utf32 = (b: Buffer): string => {
    const parts: string[] = [];
    let points: number[] = [];
    for (let i = 0; i < b.length; i += 4) {
      const cp = littleEndian ? b.readUInt32LE(i) : b.readUInt32BE(i);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        bad(4, offset + i);
        points.push(0xfffd);
      } else points.push(cp);
      if (points.length === 8192) {
        parts.push(String.fromCodePoint(...points));
        points = [];
      }
    }
    parts.push(String.fromCodePoint(...points));
    return parts.join('');
  };

  return {
    write(bytes: Buffer): string {
      const all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
      const whole = all.length - (all.length % unit);
      carry = Buffer.from(all.subarray(whole));
      const text = unit === 2 ? utf16(all.subarray(0, whole)) : utf32(all.subarray(0, whole));
      offset += whole;
      return text;
    },
    end(): string {
      let rest = '';
      if (highSurrogate) {
        bad(2, offset - 2);
        rest += '\uFFFD';
        highSurrogate = '';
      }
      if (carry.length > 0) {
        bad(carry.length, offset);
        rest += '\uFFFD';
        carry = Buffer.alloc(0);
      }
      return rest;
    },
  };
}
