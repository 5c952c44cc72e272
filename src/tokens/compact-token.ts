import { timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';
import { hmacSha256 } from './hmac.js';

// Short signed tokens for the places where length counts: a click link in the plain-text part (under 78
// columns with `web.publicUrl`), the local part of an address (64 octets at most: the VERP return path
// `bounces+<token>@...` and the unsubscribe mailto `unsubscribe+<token>@...`). The JSON tokens of
// signed-token.ts are 60-90 characters: too long for both.
//
// Layout (bytes): purpose, then the subscriber id (varint) when the purpose names one, then the link number
// (varint) for clicks, then the issue key (ASCII), then an HMAC-SHA256 of all that with ROUNDUP_SECRET,
// truncated. URL tokens are base64url with a 64-bit MAC; address tokens are base32 in lower case (mail systems
// may change the case of an address's local part) with an 80-bit MAC. Nothing in them is an address.

export type CompactPurpose = 'click' | 'open' | 'return-path' | 'mailto';

export interface CompactPayload {
  purpose: CompactPurpose;
  issue: string;
  /** Required for `return-path` and `mailto`; for `click` and `open` only with `tracking.perSubscriber`. */
  subscriber?: number | undefined;
  /** Clicks: the link's index in the issue's frozen list of links (snapshot.links). */
  link?: number | undefined;
}

const CODES = { click: 1, 'click+s': 2, open: 3, 'open+s': 4, 'return-path': 5, mailto: 6 } as const;
const BY_CODE = new Map<number, { purpose: CompactPurpose; subscriber: boolean }>([
  [1, { purpose: 'click', subscriber: false }],
  [2, { purpose: 'click', subscriber: true }],
  [3, { purpose: 'open', subscriber: false }],
  [4, { purpose: 'open', subscriber: true }],
  [5, { purpose: 'return-path', subscriber: true }],
  [6, { purpose: 'mailto', subscriber: true }],
]);

const isAddress = (p: CompactPurpose) => p === 'return-path' || p === 'mailto';
const macLength = (p: CompactPurpose) => (isAddress(p) ? 10 : 8);
const ISSUE = /^[A-Za-z0-9-]{1,40}$/;

function code(payload: CompactPayload): number {
  const withSubscriber = payload.subscriber !== undefined;
  switch (payload.purpose) {
    case 'click':
      return withSubscriber ? CODES['click+s'] : CODES.click;
    case 'open':
      return withSubscriber ? CODES['open+s'] : CODES.open;
    default:
      if (!withSubscriber) throw new Error(`a ${payload.purpose} token names a subscriber`);
      return CODES[payload.purpose];
  }
}

function varint(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`expected a whole number >= 0, got ${n}`);
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

function readVarint(bytes: Buffer, at: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 8; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return Number.isSafeInteger(value) ? [value, i + 1] : undefined;
    scale *= 128;
  }
  return undefined;
}

function mac(body: Buffer, secret: string, length: number): Buffer {
  return hmacSha256(secret).update('roundup-compact-token\0').update(body).digest().subarray(0, length);
}

/** A short signed token for `payload`. */
export function signCompact(payload: CompactPayload, secret: string): string {
  if (!ISSUE.test(payload.issue)) throw new Error(`issue key not suited to a token: ${JSON.stringify(payload.issue)}`);
  const bytes = [code(payload)];
  if (payload.subscriber !== undefined) bytes.push(...varint(payload.subscriber));
  if (payload.purpose === 'click') bytes.push(...varint(payload.link ?? -1));
  const body = Buffer.concat([Buffer.from(bytes), Buffer.from(payload.issue, 'ascii')]);
  const whole = Buffer.concat([body, mac(body, secret, macLength(payload.purpose))]);
  return isAddress(payload.purpose) ? base32Encode(whole) : whole.toString('base64url');
}

/**
 * The payload of a token made for `purpose`, or undefined when it is malformed, forged, altered, cut short or
 * made for another purpose. Address tokens are read in any letter case.
 */
export function verifyCompact(token: string, purpose: CompactPurpose, secret: string): CompactPayload | undefined {
  if (token.length < 12 || token.length > 120) return undefined;
  let whole: Buffer | undefined;
  if (isAddress(purpose)) whole = base32Decode(token.toLowerCase());
  else if (/^[A-Za-z0-9_-]+$/.test(token)) {
    whole = Buffer.from(token, 'base64url');
    // base64url's last character carries spare bits: only the canonical spelling is the token we made
    if (whole.toString('base64url') !== token) return undefined;
  }
  const length = macLength(purpose);
  if (!whole || whole.length <= length + 1) return undefined;
  const body = whole.subarray(0, whole.length - length);
  const given = whole.subarray(whole.length - length);
  if (!timingSafeEqual(given, mac(body, secret, length))) return undefined;
  const kind = BY_CODE.get(body[0]!);
  if (!kind || kind.purpose !== purpose) return undefined;
  let at = 1;
  const payload: CompactPayload = { purpose, issue: '' };
  if (kind.subscriber) {
    const read = readVarint(body, at);
    if (!read) return undefined;
    [payload.subscriber, at] = read;
  }
  if (purpose === 'click') {
    const read = readVarint(body, at);
    if (!read) return undefined;
    [payload.link, at] = read;
  }
  payload.issue = body.subarray(at).toString('latin1');
  return ISSUE.test(payload.issue) ? payload : undefined;
}
