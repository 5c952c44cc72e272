import { TOKENS, type TokenName, type TokenValues } from './tokens.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const NAMES = Object.keys(TOKENS) as TokenName[];
const SPLIT = new RegExp(`(${NAMES.map((n) => TOKENS[n]).join('|')})`);
const BY_TOKEN = new Map<string, TokenName>(NAMES.map((n) => [TOKENS[n], n]));

/**
 * Splits a rendered part once at its per-subscriber tokens and returns the filler for it: each call puts one
 * subscriber's values, escaped for the place (HTML-escaped in `html`, as they are in `text`), between the
 * fixed pieces. No template engine and no scan per subscriber: a value is never re-read as a template.
 */
export function compileTokens(template: string, place: 'html' | 'text'): (values: TokenValues) => string {
  const escape = place === 'html' ? escapeHtml : (v: string) => v;
  const parts = template.split(SPLIT); // fixed, token, fixed, token, ..., fixed
  const names = parts.filter((_, i) => i % 2 === 1).map((token) => BY_TOKEN.get(token)!);
  const fixed = parts.filter((_, i) => i % 2 === 0);
  return (values) => {
    let out = fixed[0]!;
    for (let i = 0; i < names.length; i++) out += escape(values[names[i]!]) + fixed[i + 1]!;
    return out;
  };
}

/** Fills one part for one subscriber (compileTokens once and call it per subscriber when there are many). */
export function fillTokens(template: string, values: TokenValues, place: 'html' | 'text'): string {
  return compileTokens(template, place)(values);
}
