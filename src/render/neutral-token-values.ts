import type { TokenValues } from './tokens.js';

/**
 * The per-subscriber values of the public copy of an issue (`out/<key>/index.html`, served by `roundup serve`
 * as "view in browser"): nobody's data. The footer reads "sent to
 * you", and its links lead to pages that explain where the personal links are (`/unsubscribe`,
 * `/preferences`), so a shared page never lets one reader act for another.
 */
export function neutralTokenValues(publicUrl: string): TokenValues {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    name: 'reader',
    email: 'you',
    unsubscribeUrl: `${base}/unsubscribe`,
    preferencesUrl: `${base}/preferences`,
  };
}
