// Shared inputs for the render tests: the hand-made sample digest and a config like the sample site's,
// built here (not read from config/roundup.yaml) so the snapshot does not move when the sample config does.
import { readFileSync } from 'node:fs';
import { Config } from '../../src/config/schema.js';
import { fillSomeMarkers } from '../../src/render/fill-tokens.js';
import type { MarkerName } from '../../src/render/tokens.js';
import type { Digest, DigestStory, RenderedIssue } from '../../src/types.js';

export const FIXTURE = new URL('../fixtures/digests/sample-digest.json', import.meta.url);

export function sampleDigest(): Digest {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Digest;
}

export function renderConfig(email: Record<string, unknown> = {}): Config {
  return Config.parse({
    site: { name: 'Identity Wire', url: 'https://www.identitywire.example', timezone: 'Europe/London', language: 'en-GB' },
    content: [{ type: 'feed', path: 'sample/feed.xml' }],
    selection: { sections: [{ id: 'most-read', title: 'Most Read This Week', kind: 'most-read' }] },
    web: { publicUrl: 'https://newsletter.identitywire.example' },
    email: {
      from: { name: 'Identity Wire', address: 'newsletter@identitywire.example' },
      postalAddress: 'Identity Wire Ltd, 10 Example Street, London EC1A 1AA, United Kingdom',
      brand: { primaryColor: '#0b2545', accentColor: '#0f7c7c' },
      utm: { source: 'identitywire', medium: 'email', campaign: 'roundup-{issue}' },
      ...email,
    },
  });
}

export function story(overrides: Partial<DigestStory> = {}): DigestStory {
  return {
    url: 'https://www.identitywire.example/2026/11/24/a-story/',
    title: 'A story',
    excerpt: 'What happened.',
    publishedAt: '2026-11-24T09:30:00+00:00',
    authors: ['Sarah Okafor'],
    categories: ['Biometrics'],
    tags: [],
    sticky: false,
    source: 'site-feed',
    reads: 10,
    why: '#1 by reads',
    ...overrides,
  };
}

/** Every story of the digest, in order. */
export function allStories(digest: Digest): DigestStory[] {
  return digest.sections.flatMap((s) => s.stories);
}

/**
 * A render's parts with each content link's marker replaced by the link's own URL (as the preview and the public
 * copy show it) and the per-subscriber markers kept: what the file snapshots hold and what link assertions read.
 */
export function withOwnLinks(rendered: Pick<RenderedIssue, 'html' | 'text' | 'tokens' | 'links'>): { html: string; text: string } {
  const own = (name: MarkerName) => (typeof name === 'number' ? rendered.links[name]?.url : undefined);
  return { html: fillSomeMarkers(rendered.html, 'html', rendered.tokens, own), text: fillSomeMarkers(rendered.text, 'text', rendered.tokens, own) };
}
