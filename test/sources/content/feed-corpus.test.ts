// Real feeds written by other people (test/fixtures/feeds/corpus, origins in SOURCES.md), read by Roundup's feed
// reader. Every item a feed lists must come out as a story or as a problem (never lost silently), checked
// against an independent count: <item> and <entry> start tags counted with a regular expression, outside
// comments and CDATA, on text decoded by the encoding the file's name declares (not by Roundup's detection).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { parseFeed } from '../../../src/sources/parse-feed.js';
import { expectValidStory } from './content-source-contract.js';
import { FIXTURES } from './fixture-server.js';

const DIR = join(FIXTURES, 'feeds', 'corpus');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

/** The file's text, decoded as its name says (feedparser's encoding cases), else as UTF-8. */
function independentText(file: string, bytes: Buffer): string {
  const named = /utf-(16|32)(le|be)/.exec(file);
  if (!named) return new TextDecoder('utf-8').decode(bytes);
  const [, bits, order] = named;
  if (bits === '16') return new TextDecoder(`utf-16${order}`).decode(bytes);
  const points: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) points.push(order === 'le' ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i));
  return String.fromCodePoint(...points.filter((p) => p !== 0xfeff && p <= 0x10ffff));
}

function independentCount(text: string): number {
  const bare = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  return (bare.match(/<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]/g) ?? []).length;
}

/** Feeds that are not well-formed XML: refused with the line of the fault, as strict readers do. */
const NOT_WELL_FORMED: Record<string, RegExp> = {
  // A stray `</media:content>` closes the item early.
  'ex-microsoft-start-example-rss-feed.xml': /ex-microsoft-start-example-rss-feed\.xml:234:\d+: the feed is not well-formed XML/,
};

/** The first story of each real-world feed, checked by hand against the file. */
const FIRST: Record<string, { title: string; url: string; publishedAt: string }> = {
  'rw-the-guardian.xml': {
    title: 'Russia-Ukraine war latest: Russian foreign minister Sergei Lavrov says',
    url: 'https://www.theguardian.com/world/live/2022/apr/05/russia-ukraine-war-latest-news-live-updates-zelenskiy-address-un-united-nations-borodyanka-atrocities-bucha',
    publishedAt: '2022-04-05T21:53:47+00:00',
  },
  'rw-the-verge-front-pages.xml': {
    title: 'Anker’s first 3D printer might be the one you’ve been waiting for',
    url: 'https://www.theverge.com/23012424/anker-first-3d-printer-ankermake-m5-price-specs-launch',
    publishedAt: '2022-04-06T03:00:39-04:00',
  },
  'rw-off-menu-podcast.xml': { title: 'Ep 180: Reece Shearsmith', url: 'https://shows.acast.com/offmenu/episodes/ep-180-reece-shearsmith', publishedAt: '2023-02-22T04:00:51+00:00' },
  'rw-github-repo-releases.xml': { title: 'v0.100.0', url: 'https://github.com/gohugoio/hugo/releases/tag/v0.100.0', publishedAt: '2022-05-31T10:57:31+00:00' },
  'rw-nyt-top-stories.xml': {
    title: 'US Blocks Russia’s Access to Dollars for Bond Payments',
    url: 'https://www.nytimes.com/2022/04/05/business/russia-debt-dollars.html',
    publishedAt: '2022-04-05T21:46:13+00:00',
  },
  'rw-sky-news.xml': {
    title: 'Some 1,200 war crimes registered in Kyiv region during Ukraine war so',
    url: 'https://news.sky.com/story/ukraine-war-some-1200-war-crimes-registered-in-kyiv-region-during-russias-invasion-so-far-police-chief-says-12583136',
    publishedAt: '2022-04-05T21:12:00+01:00',
  },
  'rw-wordpress-news.xml': {
    title: 'WordPress 5.9.3 Maintenance Release',
    url: 'https://wordpress.org/news/2022/04/wordpress-5-9-3-maintenance-release/',
    publishedAt: '2022-04-05T19:50:17+00:00',
  },
  'rw-public-mastodon-feed-user.xml': {
    // A microblog post has no title: its first words stand in.
    title: 'mastodon.social is now entirely served from our new #Kubernetes cluste',
    url: 'https://mastodon.social/@Gargron/109949892433321784',
    publishedAt: '2023-03-01T20:23:36+00:00',
  },
};

describe('the feed corpus', () => {
  it('holds the files SOURCES.md lists, and nothing else', () => {
    const listed = [...readFileSync(join(DIR, 'SOURCES.md'), 'utf8').matchAll(/^\| ([^ |]+\.xml) \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(FILES);
    expect(FILES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(FILES)('%s: every item is a story or a problem, as many as the independent count', (file) => {
    const bytes = readFileSync(join(DIR, file));
    const expected = independentCount(independentText(file, bytes));
    const options = { source: 'corpus', where: file, siteUrl: 'https://www.example.com/' };
    if (NOT_WELL_FORMED[file]) {
      let error: unknown;
      try {
        parseFeed(bytes, options);
      } catch (e) {
        error = e;
      }
      expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
      expect((error as Error).message).toMatch(NOT_WELL_FORMED[file]);
      return;
    }
    const result = parseFeed(bytes, options);
    expect(result.items.length + result.problems.length).toBe(expected);
    for (const story of result.items) expectValidStory(story, 'corpus');
    for (const problem of [...result.problems, ...result.notes]) {
      expect(problem.where).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}(:\\d+:\\d+|$)`));
    }
    if (file.startsWith('rw-')) {
      // Real feeds of working sites: every item is read, none skipped.
      expect(result.problems).toEqual([]);
      expect(result.items.length).toBeGreaterThan(0);
    }
    const first = FIRST[file];
    if (first) expect(result.items[0]).toMatchObject({ ...first, title: expect.stringMatching(new RegExp(`^${first.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)) });
  });
});
