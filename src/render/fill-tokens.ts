import { TOKEN_NAMES, type TokenName, type TokenSet, type TokenValues } from './tokens.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Splits `template` at the markers of `tokens`: even indexes of `fixed` are static text, `names[i]` is the
 * token between `fixed[i]` and `fixed[i + 1]`. Only this set's markers split: any other `@@...@@` is text.
 */
export function splitAtTokens(template: string, tokens: TokenSet): { fixed: string[]; names: TokenName[] } {
  const byMarker = new Map<string, TokenName>(TOKEN_NAMES.map((n) => [tokens[n], n]));
  const pattern = new RegExp(`(${TOKEN_NAMES.map((n) => tokens[n]).join('|')})`);
  const parts = template.split(pattern); // fixed, marker, fixed, marker, ..., fixed
  return {
    fixed: parts.filter((_, i) => i % 2 === 0),
    names: parts.filter((_, i) => i % 2 === 1).map((marker) => byMarker.get(marker)!),
  };
}

/**
 * Splits a rendered part once at its per-subscriber markers and returns the filler for it: each call puts one
 * subscriber's values, escaped for the place (HTML-escaped in `html`, as they are in `text`), between the
 * fixed pieces. No template engine and no scan per subscriber: a value is never re-read as a template.
 */
export function compileTokens(template: string, place: 'html' | 'text', tokens: TokenSet): (values: TokenValues) => string {
  const escape = place === 'html' ? escapeHtml : (v: string) => v;
  const { fixed, names } = splitAtTokens(template, tokens);
  return (values) => {
    let out = fixed[0]!;
    for (let i = 0; i < names.length; i++) out += escape(values[names[i]!]) + fixed[i + 1]!;
    return out;
  };
}

/** Fills one part for one subscriber (compileTokens once and call it per subscriber when there are many). */
export function fillTokens(template: string, values: TokenValues, place: 'html' | 'text', tokens: TokenSet): string {
  return compileTokens(template, place, tokens)(values);
}

/** Both parts of a render filled for one reader. */
export function fillParts(parts: { html: string; text: string; tokens: TokenSet }, values: TokenValues): { html: string; text: string } {
  return { html: fillTokens(parts.html, values, 'html', parts.tokens), text: fillTokens(parts.text, values, 'text', parts.tokens) };
}
