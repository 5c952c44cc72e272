// Fuzzing the feed reader with mutations of the sample site's feed and of Atom and RSS 1.0 fixtures.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/sources/parse-feed.js';
import { TIMEOUT_MS, expectOwnOutcome, expectValidProblems, expectValidStory, mutated, params, sample } from './fuzz-kit.js';

/** The sample feed cut after its first items, so one run stays a few milliseconds. */
function firstItems(xml: string, count: number): Buffer {
  let end = 0;
  for (let i = 0; i < count; i++) end = xml.indexOf('</item>', end) + '</item>'.length;
  return Buffer.from(`${xml.slice(0, end)}\n</channel>\n</rss>\n`);
}

const sampleFeed = sample('config', 'sample', 'feed.xml').toString('utf8');
const SEEDS = [
  firstItems(sampleFeed, 6),
  sample('test', 'fixtures', 'feeds', 'atom.xml'),
  sample('test', 'fixtures', 'feeds', 'windows-1252.xml'),
  sample('test', 'fixtures', 'feeds', 'corpus', 'ex-python-feedparser-rdf-1-0-example.xml'),
  iconv.encode(firstItems(sampleFeed, 2).toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf-16le'),
];
const TOKENS = [
  '<', '>', '&', '&amp;', '&nbsp;', '&#0;', '&#xD800;', '&#146;', '<![CDATA[', ']]>', '<!--', '-->', '</item>', '<item>', '</channel>',
  '<?xml version="1.0" encoding="UTF-16"?>', '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>', '&a;', 'xmlns:a="http://www.w3.org/2005/Atom"',
  '<a10:link xmlns:a10="http://www.w3.org/2005/Atom" href="/x"/>', '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a <i>b</i></div></title>',
  '<pubDate>Seg, 24 Set 2018 10:00:00 -0300</pubDate>', '+05:75', '<media:content url="x.jpg" width="7e+32"/>', 'width="0x10"',
  '<link>javascript:alert(1)</link>', '<link>//evil.example/</link>', ' isPermaLink="true"', '\x1f\x8b',
];

describe('fuzz: feeds', () => {
  it('mutated feeds give valid stories or a SOURCE error naming the feed and line', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SEEDS, TOKENS), async (bytes) => {
        const result = await expectOwnOutcome(() => parseFeed(bytes, { source: 'fuzz', where: 'feed.xml', siteUrl: 'https://www.example.com/' }), {
          source: 'fuzz',
          file: 'feed.xml',
        });
        if (!result) return;
        for (const story of result.items) expectValidStory(story);
        expectValidProblems(result.problems);
        expectValidProblems(result.notes);
        // Output never outgrows the input: an item needs at least a dozen bytes.
        expect(result.items.length + result.problems.length).toBeLessThanOrEqual(bytes.length / 12 + 1);
      }),
      params(120),
    );
  }, TIMEOUT_MS);
});

