import iconv from 'iconv-lite';
import { RoundupError } from '../errors.js';

// Bytes of an XML document -> text, in the encoding it declares. The order follows RFC 7303: a byte order
// mark wins, then the HTTP `charset`, then the XML declaration's `encoding`, else UTF-8. The declaration is
// read from the document's first bytes before any parsing (XML 1.0 appendix F), the way every XML parser
// finds it. Labels the web treats as windows-1252 (ISO-8859-1, latin1, US-ASCII) are decoded as
// windows-1252, as browsers do: feeds labelled ISO-8859-1 routinely hold curly quotes at 0x92.

const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp819']);

/** The encoding named by the XML declaration, if any. */
export function declaredEncoding(head: Buffer): string | undefined {
  const start = head.subarray(0, 200).toString('latin1');
  if (!start.startsWith('<?xml')) return undefined;
  const end = start.indexOf('?>');
  const decl = end < 0 ? start : start.slice(0, end);
  return /\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(decl)?.[1];
}

/** The `charset` parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string | null | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] : undefined;
}

function bom(body: Buffer): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Decodes an XML document's bytes. An encoding iconv-lite does not know throws SOURCE_INVALID naming `where`. */
export function xmlText(body: Buffer, options: { where: string; source: string; contentType?: string | null }): string {
  const mark = bom(body);
  if (mark) return iconv.decode(body.subarray(mark.length), mark.encoding);
  const label = headerCharset(options.contentType) ?? declaredEncoding(body) ?? 'utf-8';
  const lower = label.toLowerCase();
  const encoding = WINDOWS_1252_ALIASES.has(lower) ? 'windows-1252' : lower;
  if (!iconv.encodingExists(encoding)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${options.source}] ${options.where} declares the encoding \`${label}\`, which Roundup cannot decode. ` +
        'Serve the feed as UTF-8 or with a standard encoding such as ISO-8859-1 or windows-1252.',
    );
  }
  return iconv.decode(body, encoding);
}
