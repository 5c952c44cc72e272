import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/sources/decode-entities.js';

describe('decodeEntities', () => {
  it('decodes the named references feeds use', () => {
    expect(decodeEntities('Q&amp;A &hellip; &ndash; &mdash; &lsquo;x&rsquo; &ldquo;y&rdquo; &nbsp;&euro;5 &copy;')).toBe(
      'Q&A … – — ‘x’ “y” \u00a0€5 ©',
    );
    expect(decodeEntities('&Eacute;cole &uuml;ber &szlig; &apos;')).toBe("École über ß '");
  });

  it('decodes decimal and hex numeric references', () => {
    expect(decodeEntities('don&#8217;t &#x2019; &#X201C; &#38;')).toBe('don’t ’ “ &');
    expect(decodeEntities('&#128512;')).toBe('😀');
  });

  it('reads numeric references 128-159 as windows-1252, as browsers do', () => {
    expect(decodeEntities('&#150; &#146; &#128;')).toBe('– ’ €');
  });

  it('replaces impossible code points with U+FFFD', () => {
    expect(decodeEntities('a&#0;b&#xD800;c&#x110000;')).toBe('a\uFFFDb\uFFFDc\uFFFD');
  });

  it('decodes once: an escaped reference stays a reference', () => {
    expect(decodeEntities('&amp;lt;b&amp;gt; &amp;#8217;')).toBe('&lt;b&gt; &#8217;');
  });

  it('leaves unknown names, and named references without a semicolon, as written', () => {
    expect(decodeEntities('&bogus; AT&T &copy2026 fish & chips')).toBe('&bogus; AT&T &copy2026 fish & chips');
  });
});
