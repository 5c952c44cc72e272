import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { signToken, verifyToken } from '../../src/tokens/signed-token.js';

const SECRET = 'a-test-secret-of-enough-length';

function rejects(token: string, purpose: 'unsubscribe' | 'preferences' = 'unsubscribe', secret = SECRET): boolean {
  try {
    verifyToken(token, purpose, secret);
    return false;
  } catch (error) {
    return isRoundupError(error, 'TOKEN_INVALID');
  }
}

describe('signed tokens', () => {
  it('round-trips a payload and reveals no address', () => {
    const token = signToken({ p: 'unsubscribe', s: 42, i: '2026-W48' }, SECRET);
    expect(verifyToken(token, 'unsubscribe', SECRET)).toEqual({ p: 'unsubscribe', s: 42, i: '2026-W48' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses another purpose, another secret, and malformed tokens', () => {
    const token = signToken({ p: 'preferences', s: 7 }, SECRET);
    expect(rejects(token, 'unsubscribe')).toBe(true);
    expect(rejects(token, 'preferences', 'another-secret-of-enough-length')).toBe(true);
    for (const bad of ['', '.', 'abc', 'abc.', '.abc', 'a.b.c', `${token}x`, token.replace('.', '..')]) {
      expect(rejects(bad, 'preferences')).toBe(true);
    }
  });

  it('refuses every altered character, including other spellings of the last one', () => {
    const token = signToken({ p: 'unsubscribe', s: 12345 }, SECRET);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const position of [0, token.indexOf('.') - 1, token.indexOf('.') + 1, token.length - 1]) {
      for (const c of alphabet) {
        if (c === token[position]) continue;
        const altered = token.slice(0, position) + c + token.slice(position + 1);
        expect(rejects(altered), `${altered} at ${position}`).toBe(true);
      }
    }
  });
});
