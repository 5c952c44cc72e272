import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../src/tokens/hmac.js';

describe('hmacSha256', () => {
  it('is HMAC-SHA256 keyed by the secret text, whichever secrets come one after another', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string()), { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [secret, data] of calls) {
          expect(hmacSha256(secret).update(data).digest('hex')).toBe(createHmac('sha256', secret).update(data).digest('hex'));
        }
      }),
    );
  });
});
