import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePercent } from '../../src/sources/normalise-percent.js';
import { canonicalUrl, hostOf, pageKey, pathKey, storyKey } from '../../src/sources/url.js';

describe('pathKey and pageKey', () => {
  it('drop scheme, host, tracking query, fragment and the trailing slash', () => {
    expect(pathKey('https://www.example.com/news/a/?utm_source=x#top')).toBe('/news/a');
    expect(pageKey('/news/a/?utm_source=x&page=2')).toBe('/news/a');
    expect(pageKey('news//a/')).toBe('/news/a');
    expect(pageKey('/')).toBe('/');
  });

  it('keep the query parameters that name a page, sorted, and only those', () => {
    expect(pageKey('https://site.example/?p=123')).toBe('/?p=123');
    expect(pageKey('/?utm_source=x&p=123&replytocom=9')).toBe('/?p=123');
    expect(pageKey('/index.php?page_id=7&p=3')).toBe('/index.php?p=3&page_id=7');
    expect(pageKey('/?p=1')).not.toBe(pageKey('/?p=2'));
    expect(pageKey('/?p=1', [])).toBe('/');
    expect(pageKey('/story?article=9', ['article'])).toBe('/story?article=9');
    expect(pageKey('/?q=node%2F12')).toBe(pageKey('/?q=node/12'));
    expect(pageKey('/?name=caf%C3%A9')).toBe(pageKey('/?name=café'));
    expect(pageKey('/?name=a+b')).toBe(pageKey('/?name=a%20b'));
  });

  it('normalise percent-encoding on both sides: %2C, %2c and , meet; %2F stays apart from /', () => {
    expect(pageKey('/news/rates%2C-and-more/')).toBe('/news/rates,-and-more');
    expect(pageKey('/news/rates%2c-and-more')).toBe(pageKey('https://x.example/news/rates,-and-more/'));
    expect(pageKey('/caf%C3%A9')).toBe('/café');
    expect(pageKey(new URL('https://x.example/café/').href)).toBe('/café');
    expect(pageKey('/a%2Fb')).toBe('/a%2Fb');
    expect(pageKey('/a%2fb')).toBe('/a%2Fb');
    expect(pageKey('/a%2Fb')).not.toBe(pageKey('/a/b'));
    expect(pageKey('/100%25')).toBe('/100%25');
    expect(pageKey('/100%')).toBe('/100%25');
    expect(pageKey('/bad%FFbyte')).toBe('/bad%FFbyte');
    expect(pageKey('/line%0Abreak')).toBe('/line%0Abreak');
  });

  it('is idempotent on any input', () => {
    const pathish = fc.stringMatching(/^[/a-z%0-9A-F?=&.,+é-]{0,30}$/);
    fc.assert(
      fc.property(pathish, (raw) => {
        const once = pageKey(raw);
        expect(pageKey(once)).toBe(once);
        expect(normalisePercent(normalisePercent(raw))).toBe(normalisePercent(raw));
      }),
      { numRuns: 500 },
    );
  });
});

describe('story identity', () => {
  it('keys a story by host, path and identity parameters only', () => {
    expect(storyKey('https://www.example.com/?p=12&preview=true')).toBe('www.example.com/?p=12');
    expect(storyKey('https://www.example.com/?p=12')).not.toBe(storyKey('https://www.example.com/?p=13'));
    expect(storyKey('https://www.example.com/news/a/?amp=1')).toBe(storyKey('https://www.example.com/news/a'));
    expect(storyKey('https://a.example/x')).not.toBe(storyKey('https://b.example/x'));
  });

  it('canonicalUrl keeps a plain permalink whole', () => {
    expect(canonicalUrl('/?p=12&utm_source=x', 'https://www.example.com')).toBe('https://www.example.com/?p=12');
  });

  it('hostOf reads the host of a full URL, lower-cased, default port dropped', () => {
    expect(hostOf('HTTPS://WWW.Example.com:443/a')).toBe('www.example.com');
    expect(hostOf('http://user:pw@example.com:8080/a')).toBe('example.com:8080');
    expect(hostOf('/a')).toBeUndefined();
  });
});
