import { describe, expect, it } from 'vitest';
import { httpUrl, trackedUrl, viewInBrowserUrl } from '../../src/render/tracked-url.js';

const utm = { source: 'identitywire', medium: 'email', campaign: 'roundup-{issue}' };

describe('trackedUrl', () => {
  it('adds UTM parameters with the issue and section', () => {
    expect(trackedUrl('https://www.identitywire.example/a/?page=2#top', utm, { issue: '2026-W48', content: 'most-read' })).toBe(
      'https://www.identitywire.example/a/?page=2&utm_source=identitywire&utm_medium=email&utm_campaign=roundup-2026-W48&utm_content=most-read#top',
    );
  });

  it('replaces UTM parameters already there', () => {
    const url = new URL(trackedUrl('https://x.example/?utm_source=old&utm_content=old', utm, { issue: 'W', content: 'events' })!);
    expect(url.searchParams.getAll('utm_source')).toEqual(['identitywire']);
    expect(url.searchParams.getAll('utm_content')).toEqual(['events']);
  });

  it('refuses anything that is not an absolute http(s) URL', () => {
    for (const bad of ['javascript:alert(1)', 'mailto:a@b.example', '/relative/path', 'data:text/html,x', 'ftp://x.example/', '']) {
      expect(trackedUrl(bad, utm, { issue: 'W', content: 'c' }), bad).toBeUndefined();
      expect(httpUrl(bad), bad).toBeUndefined();
    }
    expect(httpUrl('http://x.example/a b')).toBe('http://x.example/a%20b');
  });
});

describe('viewInBrowserUrl', () => {
  it('is per issue under the public URL', () => {
    expect(viewInBrowserUrl('https://news.example/', '2026-W48')).toBe('https://news.example/issues/2026-W48');
    expect(viewInBrowserUrl('https://news.example/base', '2026-11-22')).toBe('https://news.example/base/issues/2026-11-22');
  });
});
