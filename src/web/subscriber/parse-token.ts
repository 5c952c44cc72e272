import { isRoundupError } from '../../errors.js';
import { verifyToken, type TokenPayload, type TokenPurpose } from '../../tokens/signed-token.js';

export type ParsedToken = { ok: true; payload: TokenPayload } | { ok: false; status: 400 | 404 };

const SHAPE = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the token of a link path segment (still percent-encoded, as it came in the URL). Not shaped like a
 * token at all: 400. Shaped like one but forged, altered, or made for another purpose: 404, so a guesser
 * learns nothing about which ids exist.
 */
export function parseToken(segment: string, purpose: TokenPurpose, secret: string): ParsedToken {
  if (!SHAPE.test(segment)) return { ok: false, status: 400 };
  // base64url leaves spare bits in the last character: `...A` and `...B` can decode to the same MAC. Only
  // the one canonical spelling is the token; any other is an altered link.
  const mac = segment.slice(segment.indexOf('.') + 1);
  if (Buffer.from(mac, 'base64url').toString('base64url') !== mac) return { ok: false, status: 404 };
  try {
    return { ok: true, payload: verifyToken(segment, purpose, secret) };
  } catch (error) {
    if (isRoundupError(error, 'TOKEN_INVALID')) return { ok: false, status: 404 };
    throw error;
  }
}
