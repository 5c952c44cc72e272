import MimeNode from 'nodemailer/lib/mime-node';
import { foldLines } from 'nodemailer/lib/mime-funcs';

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
  return `${foldLines(`${name}: ${MimeNode.encodeHeaderValue(name, clean)}`, 76)}\r\n`;
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
