import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { RoundupError } from '../errors.js';

/**
 * Headers the DKIM signature covers when present (List-Unsubscribe-Post per RFC 8058: one-click unsubscribe
 * counts only when the signature covers it beside List-Unsubscribe).
 */
export const DKIM_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
  'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Feedback-ID',
] as const;

/**
 * Oversigned: listed once more in `h=` than the message has them (RFC 6376 §8.15). A verifier takes header
 * instances from the bottom up, one per listing, and a listing with no instance left stands for "no such
 * header": so a second From, Subject or List-Unsubscribe added anywhere after signing breaks the signature,
 * where an ordinary signature would still pass and a reader could be shown the added one.
 */
export const DKIM_OVERSIGNED = ['From', 'Subject', 'List-Unsubscribe'] as const;

export interface DkimSettings {
  domain: string;
  selector: string;
  /** The private key's PEM text. */
  privateKey: string;
}

/** Signs one complete message (CRLF line ends) and returns it with the DKIM-Signature header first. */
export type DkimSigner = (raw: Buffer) => Promise<Buffer>;

/**
 * A DKIM signer (rsa-sha256, relaxed/relaxed) over DKIM_HEADERS with DKIM_OVERSIGNED listed once more. Our own
 * rather than nodemailer's, whose signer lists each header name once at most and so cannot oversign. The key
 * is checked here, once: a key that does not parse, or is not RSA, is a setup error (CONFIG_INVALID), not a
 * failure of every message.
 */
export function createDkimSigner(settings: DkimSettings): DkimSigner {
  const key = parseKey(settings);
  return async (raw) => dkimSign(raw, settings, key);
}

function parseKey(settings: DkimSettings): KeyObject {
  const where = `${settings.selector}._domainkey.${settings.domain}`;
  let key: KeyObject;
  try {
    key = createPrivateKey(settings.privateKey);
  } catch (cause) {
    throw new RoundupError(
      'CONFIG_INVALID',
      `\`delivery.dkim\`: the private key for ${where} is not a PEM private key (${(cause as Error).message}). ` +
        'Point `delivery.dkim.keyFile` at a key made with e.g. `openssl genrsa -out dkim.pem 2048`.',
      { cause },
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new RoundupError(
      'CONFIG_INVALID',
      `\`delivery.dkim\`: the private key for ${where} is ${key.asymmetricKeyType ?? 'not RSA'}; Roundup signs with RSA ` +
        '(every receiver verifies it). Make one with `openssl genrsa -out dkim.pem 2048`.',
    );
  }
  return key;
}

/** Signs `raw` (a whole message, CRLF line ends, 7-bit or 8-bit). Exported for tests. */
export function dkimSign(raw: Buffer, settings: Pick<DkimSettings, 'domain' | 'selector'>, key: KeyObject | string): Buffer {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split + 2);
  const body = split < 0 ? '' : text.slice(split + 4);
  const fields = parseHeaderFields(head);

  // h=: every covered header as often as the message has it, oversigned ones once more.
  const names: string[] = [];
  for (const name of DKIM_HEADERS) {
    const count = fields.filter((f) => f.key === name.toLowerCase()).length;
    const extra = (DKIM_OVERSIGNED as readonly string[]).includes(name) ? 1 : 0;
    for (let i = 0; i < count + extra; i++) names.push(name.toLowerCase());
  }
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
  const header =
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${settings.domain}; s=${settings.selector};\r\n` +
    ` t=${Math.floor(Date.now() / 1000)}; h=${foldList(names)};\r\n bh=${bodyHash};\r\n b=`;

  // Headers in h= order; each listing takes the next instance of that name from the bottom up (RFC 6376 §5.4.2).
  const used = new Map<string, number>();
  let signed = '';
  for (const name of names) {
    const instances = fields.filter((f) => f.key === name);
    const taken = used.get(name) ?? 0;
    used.set(name, taken + 1);
    const field = instances[instances.length - 1 - taken];
    if (field) signed += `${relaxedHeader(field.line)}\r\n`;
  }
  signed += relaxedHeader(header);
  const signature = cryptoSign('sha256', Buffer.from(signed, 'latin1'), key).toString('base64');
  return Buffer.concat([Buffer.from(`${header}${fold(signature, 72)}\r\n`, 'latin1'), raw]);
}

/** Header fields of a header block: lower-case name and the whole (folded) line without its final CRLF. */
function parseHeaderFields(head: string): { key: string; line: string }[] {
  const fields: { key: string; line: string }[] = [];
  for (const line of head.split('\r\n')) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) fields[fields.length - 1]!.line += `\r\n${line}`;
    else fields.push({ key: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line });
  }
  return fields;
}

/** Relaxed header canonicalisation (RFC 6376 §3.4.2). */
function relaxedHeader(line: string): string {
  const colon = line.indexOf(':');
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}`;
}

/** Relaxed body canonicalisation (RFC 6376 §3.4.4): no trailing blanks, runs of blanks as one, no empty lines at the end. */
export function relaxedBody(body: string): string {
  const canonical = body.replace(/[ \t]+\r\n/g, '\r\n').replace(/[ \t]+$/, '').replace(/[ \t]+/g, ' ').replace(/(\r\n)+$/, '');
  return canonical === '' ? '' : `${canonical}\r\n`;
}

function foldList(names: string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    if (line.length + name.length > 60) {
      lines.push(line);
      line = '';
    }
    line += (line === '' ? '' : ':') + name;
  }
  lines.push(line);
  return lines.join(':\r\n ');
}

function fold(value: string, width: number): string {
  return value.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\r\n ');
}
