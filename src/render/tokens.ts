import { createHash } from 'node:crypto';
import type { IssueLink } from '../types.js';

// Per-subscriber values are not rendered by Handlebars: the issue is rendered and compiled once, with markers
// standing in for them, and each subscriber's values are spliced in afterwards (see fill-tokens.ts).
//
// The markers of a render are made for that render: `@@ROUNDUP_<nonce>_EMAIL@@`, where the nonce is a hash of
// everything the render is made from (the digest). No string from a source can become a marker: a story that
// contains `@@ROUNDUP_EMAIL@@`, or any other guess, is text, because to name the marker it would have to
// contain the hash of itself. They are plain ASCII with no characters that HTML, MJML, quoted-printable or
// URLs would change.

export type TokenName = 'name' | 'email' | 'unsubscribeUrl' | 'preferencesUrl';

/** The markers one render uses, by name. */
export type TokenSet = Readonly<Record<TokenName, string>>;

/**
 * One subscriber's values for the tokens (raw, unescaped: fillTokens escapes them for their place). `links`: the
 * URL each link marker stands for (index = the render's link number); without it each link reads as the
 * render's own URL for it (`Personalisable.links`), as the preview and the public copy show them. `openUrl`:
 * the open pixel's URL; without it the pixel is left out.
 */
export type TokenValues = Record<TokenName, string> & { links?: readonly string[] | undefined; openUrl?: string | undefined };

/** A rendered part pair still holding its markers: what fillTokens and compileMessage take. */
export interface Personalisable {
  html: string;
  text: string;
  tokens: TokenSet;
  /** The render's content links: link marker `i` stands for `links[i]` (absent in parts rendered before links had markers). */
  links?: readonly IssueLink[] | undefined;
}

/** What a marker stands for: a per-subscriber value, a content link (its number in the render's links), or the open pixel. */
export type MarkerName = TokenName | number | 'open';

const LABELS: Record<TokenName, string> = {
  name: 'NAME',
  email: 'EMAIL',
  unsubscribeUrl: 'UNSUBSCRIBE_URL',
  preferencesUrl: 'PREFERENCES_URL',
};

export const TOKEN_NAMES = Object.keys(LABELS) as TokenName[];

/** The markers for a nonce (`[A-Z0-9]*`). */
export function tokenSet(nonce: string): TokenSet {
  if (!/^[A-Z0-9]*$/.test(nonce)) throw new Error(`token nonce must be [A-Z0-9]*, got ${JSON.stringify(nonce)}`);
  const prefix = tokenPrefix(nonce);
  return Object.fromEntries(TOKEN_NAMES.map((n) => [n, `${prefix}${LABELS[n]}@@`])) as unknown as TokenSet;
}

/** What every marker of a nonce starts with: the checks look for it in a filled part. */
export function tokenPrefix(nonce: string): string {
  return nonce === '' ? '@@ROUNDUP_' : `@@ROUNDUP_${nonce}_`;
}

/**
 * The marker for the render's content link number `index` (`@@ROUNDUP_<nonce>_LINK<index>@@`): a link is filled
 * at send time with its click URL (web.publicUrl/c/<token>), and with its own URL in the preview and the public copy.
 */
export function linkToken(tokens: TokenSet, index: number): string {
  return `${tokenPrefix(tokenNonce(tokens))}LINK${index}@@`;
}

/** The marker for the open pixel (an `<img>` when the send fills it, nothing otherwise). */
export function openToken(tokens: TokenSet): string {
  return `${tokenPrefix(tokenNonce(tokens))}OPEN@@`;
}

/** The nonce of a token set (the part between `@@ROUNDUP_` and the label). */
export function tokenNonce(tokens: TokenSet): string {
  return tokens.name.slice('@@ROUNDUP_'.length, -`${LABELS.name}@@`.length).replace(/_$/, '');
}

/**
 * The markers of a render made from `seed` (the digest, serialised): 80 bits of its SHA-256. The same inputs
 * give the same markers (renders stay byte-identical); content cannot name them.
 */
export function tokensFor(seed: string): TokenSet {
  return tokenSet(createHash('sha256').update(seed).digest('hex').slice(0, 20).toUpperCase());
}

/**
 * A fixed set, for tests and hand-built parts only (its markers are public knowledge, so content could name
 * them): renderIssue never uses it.
 */
export const TOKENS: TokenSet = tokenSet('');

/** Any render's markers (for tests: nothing of the kind is left in a filled message). */
export const ANY_TOKEN = /@@ROUNDUP_[A-Z0-9_]+@@/g;
