// The link registry: one marker per link id, in the order the email shows the links.
import { describe, expect, it } from 'vitest';
import { createLinkMarkers } from '../../src/render/link-markers.js';
import { linkToken, tokenSet } from '../../src/render/tokens.js';

const tokens = tokenSet('ABC123');

describe('createLinkMarkers', () => {
  it('gives each link id one marker, numbered in the order first seen; the first URL for an id is kept', () => {
    const m = createLinkMarkers(tokens);
    const header = m.mark({ id: 'header', url: 'https://a.example/', kind: 'header', section: 'header' });
    const story = m.mark({ id: 'latest:1', url: 'https://a.example/s1', kind: 'story', section: 'latest', story: 'https://a.example/s1' });
    const again = m.mark({ id: 'header', url: 'https://a.example/other', kind: 'header', section: 'header' });
    expect([header, story, again]).toEqual([linkToken(tokens, 0), linkToken(tokens, 1), linkToken(tokens, 0)]);
    expect(m.links.map((l) => [l.id, l.url])).toEqual([
      ['header', 'https://a.example/'],
      ['latest:1', 'https://a.example/s1'],
    ]);
  });

  it('two registries do not share links', () => {
    const a = createLinkMarkers(tokens);
    const b = createLinkMarkers(tokens);
    a.mark({ id: 'x', url: 'https://a.example/', kind: 'header', section: 'header' });
    expect(b.links).toEqual([]);
    expect(b.mark({ id: 'y', url: 'https://b.example/', kind: 'header', section: 'header' })).toBe(linkToken(tokens, 0));
  });
});
