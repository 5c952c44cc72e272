// Story content cannot reach a subscriber's values: whatever a story's title, excerpt, image URL, authors or
// labels hold (the token syntax of today or of old, partial markers, any text), each subscriber's address and
// links appear only where the templates put them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillParts } from '../../src/render/fill-tokens.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { ANY_TOKEN, type TokenValues } from '../../src/render/tokens.js';
import type { Digest } from '../../src/types.js';
import { renderConfig, sampleDigest } from './render-fixtures.js';

const victim: TokenValues = {
  name: 'Victimname',
  email: 'victim.q7x2@example.net',
  unsubscribeUrl: 'https://newsletter.identitywire.example/u/VICTIMUNSUBSCRIBE',
  preferencesUrl: 'https://newsletter.identitywire.example/p/VICTIMPREFERENCES',
};

/** Text with the token syntax mixed in: known names, guessed nonces, fragments, and arbitrary characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('@@ROUNDUP_EMAIL@@', '@@ROUNDUP_UNSUBSCRIBE_URL@@', '@@ROUNDUP_PREFERENCES_URL@@', '@@ROUNDUP_NAME@@', '@@ROUNDUP_', '@@', '_EMAIL@@'),
      fc.stringMatching(/^[0-9A-F]{20}$/).map((nonce) => `@@ROUNDUP_${nonce}_EMAIL@@`),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('per-subscriber values and hostile story content', () => {
  it('fills a subscriber’s values only where the templates put them, whatever the stories hold', async () => {
    const config = renderConfig();
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileText, hostileText, async (title, excerpt, query, author) => {
        const digest: Digest = sampleDigest();
        for (const section of digest.sections) {
          for (const story of section.stories) {
            story.title = `${title} ${story.title}`;
            story.excerpt = excerpt;
            story.authors = [author];
            story.categories = [title];
            if (story.image) story.image = { url: `https://evil.example/p.png?q=${encodeURIComponent(query)}&raw=${query}`, alt: excerpt };
          }
        }
        digest.subject = `${title} subject`;
        const rendered = await renderIssue(digest, { config, configDir: process.cwd(), validationLevel: 'soft' });
        const { html, text } = fillParts(rendered, victim);
        // the footer's "sent to" and its two links, once each in each part; the name is in neither template
        expect(occurrences(html, victim.email)).toBe(1);
        expect(occurrences(text, victim.email)).toBe(1);
        expect(occurrences(html, victim.unsubscribeUrl)).toBe(1);
        expect(occurrences(text, victim.unsubscribeUrl)).toBe(1);
        expect(occurrences(html, victim.preferencesUrl)).toBe(1);
        expect(occurrences(html + text, victim.name)).toBe(0);
        // no marker of this render left, and the checks did not blame a template for the story's text
        expect(html.includes(rendered.tokens.email) || text.includes(rendered.tokens.email)).toBe(false);
        expect(rendered.checks.filter((c) => c.code === 'token-left')).toEqual([]);
      }),
      { numRuns: 20, seed: 8 },
    );
  }, 120_000);

  it('the story’s own `@@ROUNDUP_...@@` text survives as text', async () => {
    const digest = sampleDigest();
    digest.sections[0]!.stories[0]!.title = 'Mail @@ROUNDUP_EMAIL@@ to win';
    const rendered = await renderIssue(digest, { config: renderConfig(), configDir: process.cwd() });
    const { text } = fillParts(rendered, victim);
    expect(text).toContain('Mail @@ROUNDUP_EMAIL@@ to win');
    expect(text.match(ANY_TOKEN)!.every((m) => m === '@@ROUNDUP_EMAIL@@')).toBe(true);
    expect(rendered.checks.map((c) => c.code)).not.toContain('token-left');
  });
});
