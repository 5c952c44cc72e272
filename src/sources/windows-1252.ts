// What windows-1252 puts at bytes 0x80-0x9F, where ISO-8859-1 has C1 control characters. Browsers read
// ISO-8859-1 and US-ASCII labels as windows-1252, and HTML reads numeric references 128-159 the same way
// (`&#150;` is an en dash): text that holds these code points almost always means the windows-1252 character.

/** Code points of windows-1252 bytes 0x80-0x9F; 0 where windows-1252 leaves the byte undefined. */
const HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** The character windows-1252 gives byte `byte` (0x80-0xFF), or undefined for the five undefined bytes. */
export function windows1252Char(byte: number): string | undefined {
  if (byte >= 0xa0 && byte <= 0xff) return String.fromCharCode(byte);
  const code = HIGH[byte - 0x80];
  return code ? String.fromCharCode(code) : undefined;
}

const C1 = /[\u0080-\u009f]/g;

/**
 * Replaces C1 control characters (U+0080-U+009F) with the windows-1252 character of the same byte: U+0092
 * becomes ’, as when a windows-1252 file went through a latin-1 to UTF-8 conversion. The five bytes
 * windows-1252 leaves undefined are dropped. Returns the text and how many characters were changed.
 */
export function mapC1Controls(text: string): { text: string; changed: number } {
  C1.lastIndex = 0;
  if (!C1.test(text)) return { text, changed: 0 };
  let changed = 0;
  const out = text.replace(C1, (c) => {
    changed++;
    return windows1252Char(c.charCodeAt(0)) ?? '';
  });
  return { text: out, changed };
}
