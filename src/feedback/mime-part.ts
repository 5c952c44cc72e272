import iconv from 'iconv-lite';

// A small, bounded MIME reader for feedback messages (bounces, abuse reports, mail to the unsubscribe address).
// General parsers flatten a multipart/report into "text and attachments" and lose the machine-readable part;
// this one keeps the tree. It never throws on bad input: a part it cannot read is empty; nesting and the
// number of parts are capped, so a hostile message costs at most its size in work.

export interface MimePart {
  /** Header fields in order, names in lower case, values unfolded (raw: no RFC 2047 decoding). */
  headers: [string, string][];
  /** `type/subtype` in lower case; `text/plain` when absent or unreadable. */
  type: string;
  params: Record<string, string>;
  /** The body with its transfer encoding undone (base64, quoted-printable); the raw bytes otherwise. */
  body: Buffer;
  /** Children of a multipart, or the one message inside a message/rfc822 (or text/rfc822-headers) part. */
  parts: MimePart[];
}

export const MIME_LIMITS = { depth: 8, parts: 400 };

/** The first value of a header field, or undefined. */
export function header(part: Pick<MimePart, 'headers'>, name: string): string | undefined {
  return part.headers.find(([n]) => n === name)?.[1];
}

/** Every value of a header field. */
export function headers(part: Pick<MimePart, 'headers'>, name: string): string[] {
  return part.headers.filter(([n]) => n === name).map(([, v]) => v);
}

/** The body as text, in its declared charset (UTF-8 when none or unknown). */
export function bodyText(part: MimePart): string {
  const charset = (part.params.charset ?? 'utf-8').toLowerCase();
  return iconv.encodingExists(charset) ? iconv.decode(part.body, charset) : part.body.toString('utf8');
}

/** Every part of the tree, depth first, the root included. */
export function allParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart) => {
    out.push(p);
    p.parts.forEach(walk);
  };
  walk(root);
  return out;
}

/** Reads a message (or a part) into a tree. */
export function parseMime(raw: Buffer): MimePart {
  const budget = { parts: MIME_LIMITS.parts };
  return parsePart(raw.toString('latin1'), 0, budget);
}

/** Header block and body of `text`: split at the first empty line (CRLF or LF). */
function splitHead(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return /^[\x21-\x39\x3b-\x7e]+:/.test(text) ? { head: text, body: '' } : { head: '', body: text };
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

export function parseHeaderBlock(head: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    fields.push([name, line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** `type/subtype; a=b; c="d"` -> type and parameters (names in lower case). */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (!value) return { type: 'text/plain', params };
  const [first, ...rest] = splitParams(value);
  const type = (first ?? '').trim().toLowerCase();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim().toLowerCase();
    let v = item.slice(eq + 1).trim();
    if (v.startsWith('"')) v = v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined).replace(/\\(.)/g, '$1');
    params[name] = v;
  }
  return { type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : 'text/plain', params };
}

function splitParams(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) {
      current += c + (value[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      );
    default:
      return Buffer.from(body, 'latin1');
  }
}

function parsePart(text: string, depth: number, budget: { parts: number }): MimePart {
  budget.parts--;
  const { head, body } = splitHead(text);
  const fields = parseHeaderBlock(head);
  const { type, params } = parseContentType(fields.find(([n]) => n === 'content-type')?.[1]);
  const part: MimePart = { headers: fields, type, params, body: Buffer.alloc(0), parts: [] };
  const canNest = depth < MIME_LIMITS.depth && budget.parts > 0;
  if (type.startsWith('multipart/') && params.boundary && canNest) {
    for (const child of splitMultipart(body, params.boundary)) {
      if (budget.parts <= 0) break;
      part.parts.push(parsePart(child, depth + 1, budget));
    }
    return part;
  }
  part.body = decodeBody(body, fields.find(([n]) => n === 'content-transfer-encoding')?.[1]);
  if ((type === 'message/rfc822' || type === 'message/global' || type === 'text/rfc822-headers') && canNest) {
    part.parts.push(parsePart(part.body.toString('latin1'), depth + 1, budget));
  }
  return part;
}

/** The bodies between `--boundary` lines (the preamble and epilogue dropped); a missing close ends at the end. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const out: string[] = [];
  let at = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`);
  if (at < 0) return out;
  if (at > 0) at += 1;
  for (;;) {
    const lineEnd = body.indexOf('\n', at);
    if (body.startsWith(`${delimiter}--`, at) || lineEnd < 0) break;
    const next = body.indexOf(`\n${delimiter}`, lineEnd);
    const end = next < 0 ? body.length : next;
    out.push(body.slice(lineEnd + 1, end > lineEnd && body[end - 1] === '\r' ? end - 1 : end));
    if (next < 0) break;
    at = next + 1;
  }
  return out;
}
