import { describe, expect, it } from 'vitest';
import { htmlToPlain } from '../../../src/sources/html-to-plain.js';

describe('htmlToPlain', () => {
  it('drops tags and decodes entities', () => {
    expect(htmlToPlain('<p>EU wallet: <em>1 December</em> &#8211; what doesn&#8217;t change</p>')).toBe(
      'EU wallet: 1 December – what doesn’t change',
    );
  });

  it('keeps inline elements inside words and separates blocks', () => {
    expect(htmlToPlain('<b>Bold</b>ly<p>One</p><p>Two</p>Three<br>Four<br/>Five')).toBe('Boldly One Two Three Four Five');
  });

  it('drops scripts, styles and comments with their content', () => {
    expect(htmlToPlain('A<script>var x = "<p>no</p>";</script> B<style>p{color:red}</style> C<!-- hidden <b>x</b> --> D')).toBe(
      'A B C D',
    );
  });

  it('honours quoted attributes that contain >', () => {
    expect(htmlToPlain('<a href="/x" title="a > b">link</a> text')).toBe('link text');
  });

  it('keeps a < that cannot start a tag', () => {
    expect(htmlToPlain('x < y and 3<4')).toBe('x < y and 3<4');
  });

  it('turns escaped tags into text, not markup', () => {
    expect(htmlToPlain('Why &lt;b&gt; is bold')).toBe('Why <b> is bold');
  });

  it('collapses whitespace, non-breaking spaces included, and removes soft hyphens', () => {
    expect(htmlToPlain('  a\n\t b&nbsp;&nbsp;c  pass&shy;word ')).toBe('a b c password');
  });

  it('returns an empty string for markup without text', () => {
    expect(htmlToPlain('<p> </p><img src="x.jpg" alt="a">')).toBe('');
  });
});

describe('htmlToPlain: dropped elements', () => {
  it('finds the end tag in any case, after text whose lower case is longer', () => {
    expect(htmlToPlain('İstanbul <SCRIPT>x()</Script> ok')).toBe('İstanbul ok');
  });
});
