import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../src/tokens/base32.js';
import { signCompact, verifyCompact } from '../../src/tokens/compact-token.js';

const SECRET = 'test-secret-0123456789abcdef';

describe('compact tokens', () => {
  it('round-trips each purpose, and is short enough for a text line and a local part', () => {
    const click = signCompact({ purpose: 'click', issue: '2026-W48', link: 3 }, SECRET);
    expect(verifyCompact(click, 'click', SECRET)).toEqual({ purpose: 'click', issue: '2026-W48', link: 3 });
    expect(`https://newsletter.identitywire.example/c/${click}`.length).toBeLessThanOrEqual(78);
    const personal = signCompact({ purpose: 'click', issue: '2026-W48', link: 12, subscriber: 1_234_567 }, SECRET);
    expect(verifyCompact(personal, 'click', SECRET)).toEqual({ purpose: 'click', issue: '2026-W48', link: 12, subscriber: 1_234_567 });
    expect(`https://newsletter.identitywire.example/c/${personal}`.length).toBeLessThanOrEqual(78);
    const verp = signCompact({ purpose: 'return-path', issue: '2026-11-22', subscriber: 99_999_999 }, SECRET);
    expect(verp).toMatch(/^[a-z2-7]+$/);
    expect(`bounces+${verp}`.length).toBeLessThanOrEqual(64);
    expect(verifyCompact(verp.toUpperCase(), 'return-path', SECRET)).toEqual({ purpose: 'return-path', issue: '2026-11-22', subscriber: 99_999_999 });
  });

  it('refuses forged, altered, truncated, re-purposed and other-secret tokens', () => {
    const token = signCompact({ purpose: 'mailto', issue: '2026-W48', subscriber: 7 }, SECRET);
    expect(verifyCompact(token, 'mailto', 'another-secret-0123456789')).toBeUndefined();
    expect(verifyCompact(token, 'return-path', SECRET)).toBeUndefined();
    expect(verifyCompact(token.slice(0, -2), 'mailto', SECRET)).toBeUndefined();
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'a' ? 'b' : 'a';
      expect(verifyCompact(token.slice(0, i) + c + token.slice(i + 1), 'mailto', SECRET)).toBeUndefined();
    }
    // a click token whose subscriber or issue is swapped for another keeps no valid MAC
    const mine = signCompact({ purpose: 'click', issue: '2026-W48', link: 1, subscriber: 5 }, SECRET);
    const raw = Buffer.from(mine, 'base64url');
    raw[1] = 6;
    expect(verifyCompact(raw.toString('base64url'), 'click', SECRET)).toBeUndefined();
    expect(verifyCompact('not a token at all!', 'click', SECRET)).toBeUndefined();
    expect(verifyCompact(`${mine}A`, 'click', SECRET)).toBeUndefined();
  });

  it('base32 has one spelling per byte string', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0]), Buffer.from('hello world'), Buffer.from([255, 1, 2, 3, 4, 5, 6])]) {
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(base32Decode('ab')).toBeUndefined(); // non-zero spare bits
    expect(base32Decode('a1')).toBeUndefined();
  });
});
