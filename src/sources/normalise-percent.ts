// Percent-encoding, normalised so that two spellings of one path give one key (see pageKey in url.ts).

/** Characters that change a path's structure when decoded: kept as (upper-case) escapes. */
const PATH_KEEP = new Set([0x2f /* / */, 0x3f /* ? */, 0x23 /* # */, 0x25 /* % */]);
const ESCAPES = /(?:%[0-9a-f]{2})+/gi;
const BARE_PERCENT = /%(?![0-9a-f]{2})/gi;

/**
 * Percent-escapes decoded wherever that does not change meaning, so `%2C`, `%2c` and `,` (and `%C3%A9` and
 * `é`) give one key: escapes of the bytes in `keep`, of control characters and of bytes that are not valid
 * UTF-8 stay escaped, upper-cased. Idempotent: the result normalises to itself.
 */
export function normalisePercent(s: string, keep: ReadonlySet<number> = PATH_KEEP): string {
  if (!s.includes('%')) return s;
  // A bare `%` is written `%25`, so that what follows it can never be read as an escape on a second pass.
  return s.replace(BARE_PERCENT, '%25').replace(ESCAPES, (run) => {
    const bytes = Buffer.from(run.replaceAll('%', ''), 'hex');
    let out = '';
    let pending: number[] = [];
    const flush = () => {
      if (pending.length > 0) out += decodeUtf8(pending);
      pending = [];
    };
    for (const byte of bytes) {
      if (keep.has(byte) || byte < 0x20 || byte === 0x7f) {
        flush();
        out += escapeByte(byte);
      } else pending.push(byte);
    }
    flush();
    return out;
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text; any byte that is not part of a valid sequence stays an escape. */
function decodeUtf8(bytes: number[]): string {
  try {
    return strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    // Decode the valid sequences one by one; a lone bad byte stays escaped.
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const length = sequenceLength(bytes[i]!);
      let decoded: string | undefined;
      if (length > 0 && i + length <= bytes.length) {
        try {
          decoded = strictUtf8.decode(Uint8Array.from(bytes.slice(i, i + length)));
        } catch {
          decoded = undefined;
        }
      }
      if (decoded === undefined) {
        out += escapeByte(bytes[i]!);
        i++;
      } else {
        out += decoded;
        i += length;
      }
    }
    return out;
  }
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function escapeByte(byte: number): string {
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
