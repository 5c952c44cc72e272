import { TOKEN_NAMES, tokenNonce, tokenPrefix, type MarkerName, type TokenName, type TokenSet, type TokenValues } from './tokens.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Splits `template` at the markers of `tokens`: even indexes of `fixed` are static text, `names[i]` is the
 * marker between `fixed[i]` and `fixed[i + 1]` (a token name, a link number, or `open`). Only this set's
 * markers split: any other `@@...@@` is text.
 */
export function splitAtTokens(template: string, tokens: TokenSet): { fixed: string[]; names: MarkerName[] } {
  const byMarker = new Map<string, TokenName>(TOKEN_NAMES.map((n) => [tokens[n], n]));
  const prefix = tokenPrefix(tokenNonce(tokens));
  const pattern = new RegExp(`(${[...TOKEN_NAMES.map((n) => tokens[n]), `${prefix}LINK\\d{1,6}@@`, `${prefix}OPEN@@`].join('|')})`);
  const parts = template.split(pattern); // fixed, marker, fixed, marker, ..., fixed
  return {
    fixed: parts.filter((_, i) => i % 2 === 0),
    names: parts.filter((_, i) => i % 2 === 1).map((marker): MarkerName => {
      const named = byMarker.get(marker);
      if (named) return named;
      if (marker.endsWith('OPEN@@')) return 'open';
      return Number(marker.slice(prefix.length + 4, -2));
    }),
  };
}

/** The open pixel: a 1x1 image that a screen reader skips (empty alt, hidden). */
export function openPixelHtml(url: string): string {
  return `<img src="${escapeHtml(url)}" width="1" height="1" alt="" aria-hidden="true" style="display:block;width:1px;height:1px;border:0;overflow:hidden">`;
}

/**
 * The raw value of one marker for a reader: a token's value, a link's URL (`values.links`, else the render's own
 * URL for it; a link nobody gave keeps its marker, which the token-left check catches), or the open pixel's URL.
 */
export function markerValue(name: MarkerName, values: TokenValues, ownLinks?: readonly { url: string }[]): string | undefined {
  if (name === 'open') return values.openUrl;
  if (typeof name === 'number') return values.links?.[name] ?? ownLinks?.[name]?.url;
  return values[name];
}

/**
 * Splits a rendered part once at its per-subscriber markers and returns the filler for it: each call puts one
 * subscriber's values, escaped for the place (HTML-escaped in `html`, as they are in `text`), between the
 * fixed pieces. No template engine and no scan per subscriber: a value is never re-read as a template.
 */
export function compileTokens(
  template: string,
  place: 'html' | 'text',
  tokens: TokenSet,
  ownLinks?: readonly { url: string }[],
): (values: TokenValues) => string {
  const escape = place === 'html' ? escapeHtml : (v: string) => v;
  const { fixed, names } = splitAtTokens(template, tokens);
  const prefix = tokenPrefix(tokenNonce(tokens));
  return (values) => {
    let out = fixed[0]!;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = markerValue(name, values, ownLinks);
      if (name === 'open') out += value === undefined || place === 'text' ? '' : openPixelHtml(value);
      else if (value === undefined) out += `${prefix}LINK${String(name)}@@`;
      else out += escape(value);
      out += fixed[i + 1]!;
    }
    return out;
  };
}

/** Fills one part for one subscriber (compileTokens once and call it per subscriber when there are many). */
export function fillTokens(
  template: string,
  values: TokenValues,
  place: 'html' | 'text',
  tokens: TokenSet,
  ownLinks?: readonly { url: string }[],
): string {
  return compileTokens(template, place, tokens, ownLinks)(values);
}

/** Both parts of a render filled for one reader (links: `values.links`, else the render's own URLs). */
export function fillParts(
  parts: { html: string; text: string; tokens: TokenSet; links?: readonly { url: string }[] | undefined },
  values: TokenValues,
): { html: string; text: string } {
  return {
    html: fillTokens(parts.html, values, 'html', parts.tokens, parts.links),
    text: fillTokens(parts.text, values, 'text', parts.tokens, parts.links),
  };
}

/**
 * Fills the markers `pick` has a value for (raw: escaped here for the place; the open pixel becomes its image in
 * HTML and nothing in text) and leaves the others in place: a send fills what is the same for everyone once per
 * issue, then splices the rest per recipient.
 */
export function fillSomeMarkers(
  template: string,
  place: 'html' | 'text',
  tokens: TokenSet,
  pick: (name: MarkerName) => string | undefined,
): string {
  const { fixed, names } = splitAtTokens(template, tokens);
  const prefix = tokenPrefix(tokenNonce(tokens));
  let out = fixed[0]!;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = pick(name);
    if (value === undefined) out += typeof name === 'number' ? `${prefix}LINK${name}@@` : name === 'open' ? `${prefix}OPEN@@` : tokens[name];
    else if (name === 'open') out += place === 'html' && value !== '' ? openPixelHtml(value) : '';
    else out += place === 'html' ? escapeHtml(value) : value;
    out += fixed[i + 1]!;
  }
  return out;
}
