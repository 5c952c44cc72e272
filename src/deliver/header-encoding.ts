import MimeNode from 'nodemailer/lib/mime-node';
import { encodeWord, foldLines, quoteString } from 'nodemailer/lib/mime-funcs';

// Header values are built here and nowhere else, so no input (a subscriber's name, a story title in the
// subject) can add a header or break one: control characters become spaces, non-ASCII text is RFC 2047
// encoded (nodemailer's encoder), and lines are folded at 76 characters.

export interface Mailbox {
  name: string;
  address: string;
}

/** A display name or subject as it may appear in a header: no CR, LF or other control characters. */
export function cleanHeaderText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\x00-\x1f\x7f\u2028\u2029]+/g, ' ').trim();
}

// Printable ASCII without space and the characters that end or split an address in a header.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** True when `address` is a plain ASCII addr-spec that can go into a header and an SMTP envelope as is. */
export function isSafeAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.length > 254) return false;
  return LOCAL.test(address.slice(0, at)) && DOMAIN.test(address.slice(at + 1));
}

/** The domain of an address (lower case). */
export function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** `Name: value` with the value encoded for its header and folded, ending in CRLF. */
export function headerLine(name: string, value: string | Mailbox): string {
  const clean = typeof value === 'string' ? cleanHeaderText(value) : { name: cleanHeaderText(value.name), address: value.address };
  if (typeof clean !== 'string') {
    const line = plainMailboxLine(name, clean);
    if (line !== undefined) return line;
  }
  return `${foldLines(`${name}: ${MimeNode.encodeHeaderValue(name, clean)}`, 76)}\r\n`;
}

// Addresses nodemailer writes unchanged: a dot-atom local part, a lower-case domain its IDN mapping leaves as
// it is (not `xn--`, an alphabetic top label, labels within 63 characters).
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const PLAIN_DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The header line nodemailer's encoder gives a mailbox with a plain address (every subscriber's, nearly), made
 * without building a MIME node, which draws random bytes on every call: a tenth of a message's render. The
 * name is written as nodemailer's `_encodeAddressName` writes it (as is, quoted, or an encoded word). Undefined
 * for any other address, which goes through nodemailer. A property test holds the two to the same output.
 */
function plainMailboxLine(header: string, mailbox: Mailbox): string | undefined {
  const { name, address } = mailbox;
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at <= 0 || !DOT_ATOM.test(address.slice(0, at)) || domain.length > 253 || !PLAIN_DOMAIN.test(domain) || domain.includes('xn--')) {
    return undefined;
  }
  return `${foldLines(`${header}: ${name === '' ? address : `${encodeDisplayName(name)} <${address}>`}`, 76)}\r\n`;
}

function encodeDisplayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return quoteString(name);
  return encodeWord(name, wordEncoding(name), 52);
}

/** Q when Latin letters outnumber the other characters, else B (nodemailer's choice). */
function wordEncoding(value: string): 'Q' | 'B' {
  let other = 0;
  let latin = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin ? 'Q' : 'B';
}

/** A header whose value is already safe ASCII (built by us from checked parts): only checked, not encoded. */
export function preparedHeaderLine(name: string, value: string): string {
  if (!/^[\x20-\x7e]*(\r\n[ \t][\x20-\x7e]+)*$/.test(value)) {
    throw new Error(`Header ${name} has a value that is not folded printable ASCII: ${JSON.stringify(value.slice(0, 80))}`);
  }
  return `${name}: ${value}\r\n`;
}

/** The Date header's value, as nodemailer writes it. */
export function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT/, '+0000');
}
