// Per-subscriber values are not rendered by Handlebars: the issue is rendered and compiled once, with these
// tokens standing in, and each subscriber's values are spliced in afterwards (see fill-tokens.ts).
// They are plain ASCII with no characters that HTML, MJML, quoted-printable or URLs would change.

export const TOKENS = {
  name: '@@ROUNDUP_NAME@@',
  email: '@@ROUNDUP_EMAIL@@',
  unsubscribeUrl: '@@ROUNDUP_UNSUBSCRIBE_URL@@',
  preferencesUrl: '@@ROUNDUP_PREFERENCES_URL@@',
} as const;

export type TokenName = keyof typeof TOKENS;

/** One subscriber's values for the tokens (raw, unescaped: fillTokens escapes them for their place). */
export type TokenValues = Record<TokenName, string>;

/** Matches any token, known or not: the checks use it to find tokens left in a filled message. */
export const ANY_TOKEN = /@@ROUNDUP_[A-Z_]+@@/g;
