import { describe, expect, it } from 'vitest';
import { compileTokens, fillTokens } from '../../src/render/fill-tokens.js';
import { TOKENS, type TokenValues } from '../../src/render/tokens.js';

const values = (name: string): TokenValues => ({
  name,
  email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  unsubscribeUrl: 'https://news.example/u/abc.def',
  preferencesUrl: 'https://news.example/p/ghi.jkl',
});

const template = `<p>Hi ${TOKENS.name}</p><a href="${TOKENS.unsubscribeUrl}">x</a>${TOKENS.name}|${TOKENS.preferencesUrl}`;

describe('compileTokens', () => {
  it('fills every token, repeated ones included, for many subscribers from one compile', () => {
    const fill = compileTokens(template, 'html', TOKENS);
    expect(fill(values('Ann'))).toBe('<p>Hi Ann</p><a href="https://news.example/u/abc.def">x</a>Ann|https://news.example/p/ghi.jkl');
    expect(fill(values('Bo'))).toBe('<p>Hi Bo</p><a href="https://news.example/u/abc.def">x</a>Bo|https://news.example/p/ghi.jkl');
  });

  it('escapes values for HTML but not for text, and never reads a value as a template', () => {
    const hostile = values(`<script>"{{x}}" & ${TOKENS.email}</script>`);
    expect(fillTokens(template, hostile, 'html', TOKENS)).toContain(`&lt;script&gt;&quot;{{x}}&quot; &amp; ${TOKENS.email}&lt;/script&gt;`);
    expect(fillTokens(`Hi ${TOKENS.name}`, hostile, 'text', TOKENS)).toBe(`Hi <script>"{{x}}" & ${TOKENS.email}</script>`);
  });

  it('leaves a template without tokens as it is', () => {
    expect(compileTokens('plain <b>text</b>', 'html', TOKENS)(values('Ann'))).toBe('plain <b>text</b>');
  });
});
