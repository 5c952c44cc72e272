import { describe, expect, it } from 'vitest';
import { normalizeStory, type StoryDraft } from '../../../src/sources/normalize-story.js';

const options = { source: 's', where: 'w', base: 'https://www.identitywire.example/news/' };
const draft = (over: Partial<StoryDraft> = {}): StoryDraft => ({
  link: 'https://www.identitywire.example/a/',
  title: 'A',
  publishedAt: 'Tue, 24 Nov 2026 09:30:00 +0000',
  ...over,
});

describe('normalizeStory', () => {
  it('makes a complete story with arrays present and defaults set', () => {
    expect(normalizeStory(draft(), options).story).toEqual({
      url: 'https://www.identitywire.example/a/',
      title: 'A',
      excerpt: '',
      publishedAt: '2026-11-24T09:30:00+00:00',
      authors: [],
      categories: [],
      tags: [],
      sticky: false,
      source: 's',
    });
  });

  it('canonicalises links: relative resolved, host lower-cased, tracking and fragment dropped', () => {
    const story = normalizeStory(draft({ link: 'HTTPS://WWW.IdentityWire.example:443/b/?utm_source=x&id=2#top' }), options).story!;
    expect(story.url).toBe('https://www.identitywire.example/b/?id=2');
    expect(normalizeStory(draft({ link: 'c/' }), options).story!.url).toBe('https://www.identitywire.example/news/c/');
  });

  it('reports, instead of returning, a story without link, http(s) link, title or date', () => {
    const messages = [
      draft({ link: '' }),
      draft({ link: 'javascript:alert(1)' }),
      draft({ title: '<p> </p>' }),
      draft({ publishedAt: undefined }),
      draft({ publishedAt: 'soon' }),
    ].map((d) => normalizeStory(d, options).problem);
    expect(messages.map((p) => p?.where)).toEqual(['w', 'w', 'w', 'w', 'w']);
    expect(messages.map((p) => p?.message)).toEqual([
      expect.stringMatching(/no link/),
      expect.stringMatching(/javascript:alert\(1\).*not an http\(s\) URL/),
      expect.stringMatching(/no title/),
      expect.stringMatching(/no publication date/),
      expect.stringMatching(/`soon` is not understood/),
    ]);
  });

  it('prefers the summary, else the content, for the excerpt', () => {
    expect(normalizeStory(draft({ summary: '<p>Sum</p>', content: '<p>Body</p>' }), options).story!.excerpt).toBe('Sum');
    expect(normalizeStory(draft({ summary: '  ', content: '<p>Body &amp; more</p>' }), options).story!.excerpt).toBe('Body & more');
  });

  it('cleans names: decoded, empty and repeated ones dropped', () => {
    const story = normalizeStory(draft({ authors: ['Tom&aacute;s', '', 'Tomás'], categories: ['A &amp; B', ' '], tags: ['x', 'x'] }), options).story!;
    expect(story.authors).toEqual(['Tomás']);
    expect(story.categories).toEqual(['A & B']);
    expect(story.tags).toEqual(['x']);
  });

  it('makes image URLs absolute, keeps their query, drops bad dimensions and non-http images', () => {
    const story = normalizeStory(draft({ image: { url: '/m/i.jpg?w=600&h=400', alt: '  ', width: '640', height: 'tall' } }), options).story!;
    expect(story.image).toEqual({ url: 'https://www.identitywire.example/m/i.jpg?w=600&h=400', width: 640 });
    expect(normalizeStory(draft({ image: { url: 'data:image/png;base64,AAAA' } }), options).story!.image).toBeUndefined();
  });

  it('drops dimensions no image has: 7e+32, 1e3, 0x10, 2.5, negative, past 100,000', () => {
    for (const width of ['7e+32', 7e32, '1e3', '0x10', '2.5', -4, '100001', Number.MAX_SAFE_INTEGER]) {
      const story = normalizeStory(draft({ image: { url: '/i.jpg', width } }), options).story!;
      expect(story.image, String(width)).toEqual({ url: 'https://www.identitywire.example/i.jpg' });
    }
    expect(normalizeStory(draft({ image: { url: '/i.jpg', width: ' 1200 ' } }), options).story!.image?.width).toBe(1200);
  });

  it('keeps updatedAt only when it differs, and events only with a readable start', () => {
    const same = normalizeStory(draft({ updatedAt: '2026-11-24T09:30:00Z' }), options).story!;
    expect(same.updatedAt).toBeUndefined();
    const later = normalizeStory(draft({ updatedAt: '2026-11-25T09:30:00Z' }), options).story!;
    expect(later.updatedAt).toBe('2026-11-25T09:30:00+00:00');
    expect(normalizeStory(draft({ event: { startsAt: 'tbc', location: 'Leeds' } }), options).story!.event).toBeUndefined();
    expect(normalizeStory(draft({ event: { startsAt: '2026-12-01 10:00' } }), { ...options, defaultOffset: 60 }).story!.event).toEqual({
      startsAt: '2026-12-01T10:00:00+01:00',
    });
  });
});
