import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX, excerpt, stripExcerptTail } from '../../../src/sources/excerpt.js';

const words = (n: number, word = 'word'): string => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('excerpt', () => {
  it('keeps short text as it is', () => {
    expect(excerpt('Passkeys fix phishing.')).toBe('Passkeys fix phishing.');
  });

  it('cuts long text at a word boundary and adds an ellipsis', () => {
    const text = words(60);
    const result = excerpt(text);
    expect(result.endsWith('…')).toBe(true);
    expect(Array.from(result).length).toBeLessThanOrEqual(EXCERPT_MAX + 1);
    const head = result.slice(0, -1);
    expect(text.startsWith(head)).toBe(true);
    expect(text[head.length]).toBe(' ');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    const text = `${'a'.repeat(190)} bbbb, ${'c'.repeat(30)}`;
    expect(excerpt(text)).toBe(`${'a'.repeat(190)} bbbb…`);
  });

  it('cuts a single overlong word hard, the one case without a boundary', () => {
    expect(excerpt('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
  });

  it('removes WordPress tails: [&hellip;], Continue reading, and the feed footer', () => {
    expect(excerpt('Banks get another year [&hellip;]')).toBe('Banks get another year…');
    expect(excerpt('Banks get another year […]')).toBe('Banks get another year…');
    expect(excerpt('Banks get another year. Continue reading EU wallet →')).toBe('Banks get another year.');
    expect(excerpt('Short text. The post Short appeared first on Identity Wire.')).toBe('Short text.');
    expect(excerpt('Banks get another year Read more »')).toBe('Banks get another year…');
  });

  it('keeps "read more" inside a sentence', () => {
    expect(excerpt('Read more about the wallet in our explainer.')).toBe('Read more about the wallet in our explainer.');
  });

  it('reports whether a tail said the text goes on', () => {
    expect(stripExcerptTail('Text [&hellip;]')).toEqual({ text: 'Text', cut: true });
    expect(stripExcerptTail('Text. The post T appeared first on S.')).toEqual({ text: 'Text.', cut: false });
  });

  it('never cuts inside a word and never exceeds the limit (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zé’0-9]{1,15}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 80 }), (list) => {
        const text = list.join(' ');
        const result = excerpt(text);
        expect(Array.from(result).length).toBeLessThanOrEqual(EXCERPT_MAX + 1);
        if (result === text) return;
        expect(result.endsWith('…')).toBe(true);
        const head = result.slice(0, -1);
        expect(text.startsWith(head)).toBe(true);
        expect(text[head.length]).toBe(' ');
      }),
    );
  });
});
