import { preferencesUrl, unsubscribeUrl } from '../web/public-links.js';
import type { TokenValues } from './tokens.js';

/**
 * Long, realistic per-subscriber values: the size check fills the message with them (Gmail clips after
 * personalisation, so the worst case counts), and previews use them for "a sample subscriber".
 */
export function sampleTokenValues(publicUrl: string): TokenValues {
  // A signed token is base64url(payload).base64url(mac): about 60-80 characters; take a long one.
  const token = `${'eyJwIjoidW5zdWJzY3JpYmUiLCJzIjoxMjM0NTY3OCwiaSI6IjIwMjYtVzQ4In0'}.${'Q2hhbmdlIG1lIHBsZWFzZSEx'}`;
  return {
    name: 'Maximiliana Alexandra Featherstonehaugh-Montgomery',
    email: 'maximiliana.featherstonehaugh-montgomery@subscriber-mail.example',
    unsubscribeUrl: unsubscribeUrl(publicUrl, token),
    preferencesUrl: preferencesUrl(publicUrl, token),
  };
}
