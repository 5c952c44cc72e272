import { createHmac, createSecretKey, type Hmac, type KeyObject } from 'node:crypto';

// The HMAC-SHA256 every token is signed with, keyed by ROUNDUP_SECRET. A send signs three tokens per message:
// keyed by a KeyObject made once, rather than by the secret's text, an HMAC costs about half as much (Node
// otherwise imports the key anew on every call). Same bytes either way.

let lastSecret: string | undefined;
let lastKey: KeyObject | undefined;

/** An HMAC-SHA256 keyed by `secret` (its UTF-8 bytes, as `createHmac('sha256', secret)` takes them). */
export function hmacSha256(secret: string): Hmac {
  if (secret !== lastSecret || !lastKey) {
    lastKey = createSecretKey(Buffer.from(secret, 'utf8'));
    lastSecret = secret;
  }
  return createHmac('sha256', lastKey);
}
