// Quoted-printable (RFC 2045 6.7) written for splicing: the send loop encodes an issue's static text once and
// each subscriber's values separately, so every piece starts at column 0 and the pieces are joined with soft
// line breaks ("=\r\n", which decode to nothing). A token is therefore never split across lines, and a
// spliced value cannot push a line past 76 characters.

const HEX = '0123456789ABCDEF';
const MAX = 75; // characters before a soft break's "=": lines stay within 76

export const SOFT_BREAK = '=\r\n';

/**
 * Encodes text (UTF-8) as quoted-printable starting at column 0. Line breaks (CRLF, LF or CR) become CRLF.
 * `endsLine`: the encoded text will be followed by a line end (so trailing white space must be encoded);
 * false when a soft break follows it.
 */
export function encodeQuotedPrintable(text: string, endsLine = true): string {
  const bytes = Buffer.from(text, 'utf8');
  let out = '';
  let line = '';
  const push = (piece: string) => {
    if (line.length + piece.length > MAX) {
      out += `${line}${SOFT_BREAK}`;
      line = '';
    }
    // a "." opening a line is escaped: some relays mangle it despite SMTP dot-stuffing
    line += piece === '.' && line.length === 0 ? '=2E' : piece;
  };
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x0d || b === 0x0a) {
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      out += `${line}\r\n`;
      line = '';
    } else if (b === 0x20 || b === 0x09) {
      const next = bytes[i + 1];
      const atLineEnd = next === undefined ? endsLine : next === 0x0d || next === 0x0a;
      push(atLineEnd ? escape(b) : String.fromCharCode(b));
    } else if (b > 0x20 && b < 0x7f && b !== 0x3d) {
      push(String.fromCharCode(b));
    } else {
      push(escape(b));
    }
  }
  return out + line;
}

function escape(b: number): string {
  return `=${HEX[b >> 4]}${HEX[b & 15]}`;
}
