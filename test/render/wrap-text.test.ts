import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/render/wrap-text.js';

describe('wrapText', () => {
  it('wraps at word boundaries with an indent', () => {
    const text = 'The quick brown fox jumps over the lazy dog and keeps running far away.';
    expect(wrapText(text, { width: 24, indent: 2 })).toBe(
      '  The quick brown fox\n  jumps over the lazy\n  dog and keeps running\n  far away.',
    );
  });

  it('keeps paragraphs apart, joins single newlines, and uses a hanging indent', () => {
    expect(wrapText('one\ntwo\n\nthree four five', { width: 10, hangingIndent: 3 })).toBe('one two\n\nthree four\n   five');
  });

  it('puts a word longer than the line on its own line, unbroken', () => {
    const url = `https://x.example/${'a'.repeat(100)}`;
    expect(wrapText(`see ${url} now`, { width: 30 })).toBe(`see\n${url}\nnow`);
  });

  it('never writes a line over the width unless it is a single long word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,30}$/), { maxLength: 60 }), fc.integer({ min: 20, max: 79 }), (words, width) => {
        const out = wrapText(words.join(' '), { width, indent: 2 });
        for (const line of out.split('\n')) {
          if (line.length > width) expect(line.trim()).not.toContain(' ');
        }
        expect(out.split(/\s+/).filter(Boolean)).toEqual(words);
      }),
    );
  });
});
