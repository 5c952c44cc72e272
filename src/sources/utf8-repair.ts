import { isUtf8 } from 'node:buffer';
import { windows1252Char } from './windows-1252.js';

// UTF-8 bytes -> text, repairing what is not UTF-8 the way a reader would want it. Valid text takes the
// native decoder. In text that is not valid throughout, a single stray byte (the maximal invalid subpart is one
// byte long, as for a lone 0x92 or 0xE9 between ASCII letters) is what windows-1252 says it is: someone pasted
// windows-1252 into a UTF-8 file, and "don’t" is what the byte means. Anything longer (a sequence cut short,
// an overlong form, a surrogate) is damage and becomes U+FFFD, one per maximal subpart as the WHATWG decoder does.

/** What a repairing decode found, added up over every piece of one document. */
export interface RepairCounts {
  /** Bytes read as windows-1252. */
  windows1252: number;
  /** Bytes replaced by U+FFFD. */
  replaced: number;
  /** Byte offset (in the whole document) of the first byte that was not valid, if any. */
  firstBad?: number | undefined;
  /** C1 control characters (valid, but never meant) read as windows-1252, when the caller maps them. */
  c1?: number;
}

export function emptyRepairCounts(): RepairCounts {
  return { windows1252: 0, replaced: 0 };
}

/** Length of the valid UTF-8 sequence at `i`, or the negated length of its maximal invalid subpart. */
function sequenceAt(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const c = b[i + k];
    if (c === undefined || c < lower || c > upper) return -k;
    lower = 0x80;
    upper = 0xbf;
  }
  return need + 1;
}

/**
 * Decodes `bytes` as UTF-8, repairing invalid bytes as described above and adding them to `counts`.
 * `offset` is where `bytes` starts in the whole document, for `firstBad`.
 */
export function decodeUtf8Repairing(bytes: Buffer, counts: RepairCounts, offset = 0): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const parts: string[] = [];
  let run = 0; // start of the pending valid run
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceAt(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (run < i) parts.push(bytes.toString('utf8', run, i));
    const bad = -length;
    const asWindows = bad === 1 ? windows1252Char(bytes[i]!) : undefined;
    if (asWindows !== undefined) counts.windows1252++;
    else counts.replaced += bad;
    counts.firstBad ??= offset + i;
    parts.push(asWindows ?? '\uFFFD');
    i += bad;
    run = i;
  }
  if (run < bytes.length) parts.push(bytes.toString('utf8', run));
  return parts.join('');
}

/** Where to cut `bytes` at or before `end` so no UTF-8 sequence is split (the cut moves back to a lead byte). */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  if (end >= bytes.length) return bytes.length;
  let cut = end;
  // Up to three continuation bytes (10xxxxxx) may precede the next character's lead byte.
  while (cut > end - 3 && cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return (bytes[cut]! & 0xc0) === 0x80 ? end : cut;
}
