// Signing lives beneath deliver, web and feedback alike: each of them makes or checks tokens, none owns them.
import { timingSafeEqual } from 'node:crypto';
import { RoundupError } from '../errors.js';
import { hmacSha256 } from './hmac.js';

// Opaque signed tokens for the links in every email (unsubscribe, preferences, confirm). The payload holds
// a subscriber id, never an address; the signature is an HMAC-SHA256 with ROUNDUP_SECRET, truncated to 128
// bits. Format: base64url(payload) "." base64url(mac). A forged or altered token fails `verifyToken`.

export type TokenPurpose = 'unsubscribe' | 'preferences' | 'confirm';

export interface TokenPayload {
  /** What the token is for: a preferences token cannot unsubscribe, and so on. */
  p: TokenPurpose;
  /** Subscriber id. */
  s: number;
  /** Issue key the mail was for (unsubscribe tokens), for the record. */
  i?: string;
  /** Confirm tokens: the single-use nonce stored with the confirmation (src/store/confirmations.ts). */
  n?: string;
}

function mac(body: string, secret: string): Buffer {
  return hmacSha256(secret).update(body).digest().subarray(0, 16);
}

export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** Returns the payload, or throws TOKEN_INVALID. `purpose` must match the token's. */
export function verifyToken(token: string, purpose: TokenPurpose, secret: string): TokenPayload {
  const invalid = () => new RoundupError('TOKEN_INVALID', 'This link is not valid: it may have been altered or cut short.');
  const dot = token.indexOf('.');
  if (dot <= 0 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  const given = Buffer.from(signature, 'base64url');
  // base64url's last character carries unused bits: only the one canonical spelling is the token we signed.
  if (given.toString('base64url') !== signature) throw invalid();
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const p = payload as Partial<TokenPayload>;
  if (p.p !== purpose || typeof p.s !== 'number' || !Number.isSafeInteger(p.s)) throw invalid();
  if (p.n !== undefined && typeof p.n !== 'string') throw invalid();
  return p as TokenPayload;
}
