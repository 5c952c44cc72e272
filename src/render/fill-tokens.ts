import { TOKENS, type TokenName, type TokenValues } from './tokens.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const NAMES = Object.keys(TOKENS) as TokenName[];
const PATTERN = new RegExp(NAMES.map((n) => TOKENS[n]).join('|'), 'g');
const BY_TOKEN = new Map<string, TokenName>(NAMES.map((n) => [TOKENS[n], n]));

/**
 * Replaces the per-subscriber tokens in a rendered part with one subscriber's values, escaped for the place:
 * HTML-escaped in `html`, as they are in `text`. One pass, no template engine: a value is never re-read.
 */
export function fillTokens(template: string, values: TokenValues, place: 'html' | 'text'): string {
  const escape = place === 'html' ? escapeHtml : (v: string) => v;
  return template.replace(PATTERN, (token) => escape(values[BY_TOKEN.get(token)!]));
}
