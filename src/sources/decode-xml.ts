import iconv from 'iconv-lite';
import { RoundupError } from '../errors.js';
import { showText } from '../text/show-text.js';
import { decodeUtf8Repairing, utf8Boundary, type RepairCounts } from './utf8-repair.js';
import { wideDecoder, type WideEncoding } from './wide-decoder.js';
import { mapC1Controls } from './windows-1252.js';

// Bytes of an XML document -> text, found the way XML 1.0 appendix F and mature feed readers find it:
// 1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins;
// 2. without one, the pattern of zero bytes around the first `<` (or leading whitespace) tells UTF-16 and
//    UTF-32 apart from ASCII-compatible encodings: such bytes cannot be the ASCII-compatible charset a
//    server may name, so the pattern wins over it;
// 3. then the HTTP `charset` (RFC 7303), then the XML declaration's `encoding`, else UTF-8. A declaration
//    naming UTF-16 or UTF-32 on bytes that are plainly ASCII-compatible is a common mistake and ignored.
// Labels the web treats as windows-1252 (ISO-8859-1, latin1, US-ASCII) are decoded as windows-1252, as
// browsers do. UTF-8 is decoded with repairs (see utf8-repair.ts), and C1 control characters that a decoder
// produced are read as windows-1252 (see windows-1252.ts). Text is produced in pieces, so a 50 MB feed never
// sits in memory twice.

const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp819']);

/** Bytes per decoded piece. */
const PIECE_BYTES = 1 << 20;

export interface XmlEncoding {
  /** The encoding used, lower case (`utf-8`, `utf-16le`, `windows-1252`, ...). */
  encoding: string;
  /** Bytes of byte order mark to skip. */
  bomLength: number;
  /** How it was found, for messages. */
  from: 'bom' | 'zero-bytes' | 'http' | 'declaration' | 'default';
}

/** The encoding named by an XML declaration at the start of `head` (after any whitespace or junk), if any. */
export function declaredEncoding(head: Buffer): string | undefined {
  const start = head.subarray(0, 4096).toString('latin1');
  const at = start.indexOf('<?xml');
  if (at < 0) return undefined;
  const end = start.indexOf('?>', at);
  const decl = end < 0 ? start.slice(at) : start.slice(at, end);
  return /\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/.exec(decl)?.[1];
}

/** The `charset` parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string | null | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] : undefined;
}

function byBom(b: Buffer): XmlEncoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, from: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bomLength: 4, from: 'bom' };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bomLength: 4, from: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, from: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, from: 'bom' };
  return undefined;
}

/** UTF-16/32 without a BOM, from which of the first four bytes are zero (`<` or whitespace is never zero). */
function byZeroBytes(b: Buffer): XmlEncoding | undefined {
  if (b.length < 4) return undefined;
  const z = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0];
  const found = (encoding: string): XmlEncoding => ({ encoding, bomLength: 0, from: 'zero-bytes' });
  if (z[0] && z[1] && z[2] && !z[3]) return found('utf-32be');
  if (!z[0] && z[1] && z[2] && z[3]) return found('utf-32le');
  if (z[0] && !z[1] && z[2] && !z[3]) return found('utf-16be');
  if (!z[0] && z[1] && !z[2] && z[3]) return found('utf-16le');
  return undefined;
}

function normalise(label: string): string {
  const lower = label.toLowerCase();
  return WINDOWS_1252_ALIASES.has(lower) ? 'windows-1252' : lower;
}

/**
 * Finds a document's encoding. An encoding iconv-lite does not know throws SOURCE_INVALID naming the source,
 * the file and the label.
 */
export function detectXmlEncoding(body: Buffer, options: { where: string; source: string; contentType?: string | null | undefined }): XmlEncoding {
  const fixed = byBom(body) ?? byZeroBytes(body);
  if (fixed) return fixed;
  const http = headerCharset(options.contentType);
  const declared = declaredEncoding(body);
  // ASCII-compatible bytes (no zero-byte pattern): a UTF-16/32 label, from either place, cannot be right.
  const usable = (label: string | undefined) => (label !== undefined && !/^utf-?(16|32)/i.test(label) ? label : undefined);
  const label = usable(http) ?? usable(declared);
  if (label === undefined) return { encoding: 'utf-8', bomLength: 0, from: 'default' };
  const encoding = normalise(label);
  if (!iconv.encodingExists(encoding)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${options.source}] ${options.where}:1:1: ${usable(http) ? 'the server names' : 'the document declares'} the encoding ` +
        `${showText(label, 40)}, which Roundup cannot decode. Serve the feed as UTF-8 or with a standard encoding such as ` +
        'ISO-8859-1 or windows-1252.',
    );
  }
  return { encoding: encoding === 'utf8' ? 'utf-8' : encoding, bomLength: 0, from: usable(http) ? 'http' : 'declaration' };
}

/**
 * The document's text in pieces of about a megabyte, decoded as `found` says. Repairs (windows-1252 bytes,
 * U+FFFD, C1 characters) are added to `counts`; `c1` counts C1 control characters read as windows-1252.
 */
export function* decodeXmlPieces(body: Buffer, found: XmlEncoding, counts: RepairCounts): Generator<string> {
  const bytes = body.subarray(found.bomLength);
  const map = (text: string) => {
    const mapped = mapC1Controls(text);
    if (mapped.changed > 0) counts.c1 = (counts.c1 ?? 0) + mapped.changed;
    return mapped.text;
  };
  if (found.encoding === 'utf-8') {
    for (let start = 0; start < bytes.length; ) {
      const end = utf8Boundary(bytes, start + PIECE_BYTES);
      yield map(decodeUtf8Repairing(bytes.subarray(start, end), counts, found.bomLength + start));
      start = end;
    }
    return;
  }
  if (/^utf-(16|32)(le|be)$/.test(found.encoding)) {
    const wide = wideDecoder(found.encoding as WideEncoding, counts, found.bomLength);
    for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield map(wide.write(bytes.subarray(start, start + PIECE_BYTES)));
    const rest = wide.end();
    if (rest) yield map(rest);
    return;
  }
  // Legacy charsets cannot encode U+FFFD, so every one in the output is a byte the charset does not have.
  const decoder = iconv.getDecoder(found.encoding);
  for (let start = 0; start < bytes.length; start += PIECE_BYTES) {
    const text = decoder.write(bytes.subarray(start, start + PIECE_BYTES));
    if (text.includes('\uFFFD')) {
      const replaced = text.split('\uFFFD').length - 1;
      counts.replaced += replaced;
      counts.firstBad ??= found.bomLength + start;
    }
    yield map(text);
  }
  const rest = decoder.end();
  if (rest) yield map(rest);
}
