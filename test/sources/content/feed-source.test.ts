// RSS and Atom quirks, from fixture files and from a real HTTP server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { FeedSource } from '../../../src/sources/feed-source.js';
import { parseFeed } from '../../../src/sources/parse-feed.js';
import { detectXmlEncoding } from '../../../src/sources/decode-xml.js';
import type { Story } from '../../../src/types.js';
import { week48 } from './content-source-contract.js';
import { FIXTURES, startFixtureServer, type FixtureServer } from './fixture-server.js';

const feed = (name: string): string => join(FIXTURES, 'feeds', name);
const byUrl = (items: Story[], fragment: string): Story => {
  const found = items.find((s) => s.url.includes(fragment));
  if (!found) throw new Error(`no story with ${fragment} in ${items.map((s) => s.url).join(', ')}`);
  return found;
};

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('FeedSource: a WordPress RSS feed', () => {
  const source = new FeedSource('site-feed', { path: feed('wordpress-rss.xml') });

  it('reads every item with an http(s) link, in feed order', async () => {
    const { items } = await source.load(week48());
    expect(items.map((s) => s.url)).toEqual([
      'https://www.identitywire.example/2026/11/27/veridex-labs-raises-40m/',
      'https://www.identitywire.example/2026/11/26/eu-wallet-1-december/',
      'https://www.identitywire.example/2026/11/25/passkeys-sim-swaps/',
      'https://www.identitywire.example/2026/11/24/draft-without-a-date/',
      'https://www.identitywire.example/2026/11/24/seamless-corridor-trial/',
      'https://www.identitywire.example/2026/11/23/deepfake-video-call-fraud-ring/',
    ]);
  });

  it('reports the mailto link as a problem naming feed, line, column, position and guid', async () => {
    const { problems } = await source.load(week48());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.where).toMatch(new RegExp(`^${feed('wordpress-rss.xml').replace(/[.]/g, '\\.')}:\\d+:\\d+ item 6`));
    expect(problems[0]!.message).toMatch(/mailto:newsletter@identitywire\.example.*not an http\(s\) URL/);
    expect(problems.every((p) => p.source === 'site-feed')).toBe(true);
  });

  it('dates the item without a date like the item before it, and says so in a note', async () => {
    const result = await source.load(week48());
    const draft = byUrl(result.items, 'draft-without-a-date');
    expect(draft.publishedAt).toBe(byUrl(result.items, 'passkeys').publishedAt);
    const note = result.notes?.find((n) => n.message.includes('draft-without-a-date'));
    expect(note?.where).toBe(`${feed('wordpress-rss.xml')}:64:2 item 4 (guid https://www.identitywire.example/?p=4806)`);
    expect(note?.message).toMatch(/has no publication date; dated like its neighbour in the feed \(2026-11-25T08:00:00\+00:00\)/);
  });

  it('decodes entities and CDATA, strips HTML from titles, including escaped HTML', async () => {
    const { items } = await source.load(week48());
    expect(byUrl(items, 'veridex').title).toBe('Veridex Labs raises €40m to take liveness detection to 12 more banks');
    expect(byUrl(items, 'eu-wallet').title).toBe('EU wallet: what changes on 1 December – and what doesn’t');
    expect(byUrl(items, 'passkeys').title).toBe('Opinion: Passkeys won’t save you from SIM swaps');
    expect(byUrl(items, 'seamless').title).toBe('Border agencies trial “seamless corridor” at Heathrow & Schiphol');
  });

  it('drops tracking parameters and fragments and resolves relative links against the channel link', async () => {
    const { items } = await source.load(week48());
    expect(byUrl(items, 'veridex').url).not.toContain('utm_');
    expect(byUrl(items, 'eu-wallet').url).toBe('https://www.identitywire.example/2026/11/26/eu-wallet-1-december/');
    expect(byUrl(items, 'passkeys').url).toBe('https://www.identitywire.example/2026/11/25/passkeys-sim-swaps/');
  });

  it('makes excerpts from the description without WordPress tails', async () => {
    const { items } = await source.load(week48());
    const veridex = byUrl(items, 'veridex').excerpt;
    expect(veridex).not.toMatch(/appeared first|\[|&/);
    expect(veridex).toBe(
      'The Series B round, led by Northgate Ventures, will pay for a second data centre in Frankfurt and a push ' +
        'into Latin American banking. Chief executive Marta Koval said the company’s passive liveness…',
    );
    expect(byUrl(items, 'eu-wallet').excerpt).toBe('Member states must accept the wallet for public services from Monday. Banks get another year.');
    expect(byUrl(items, 'passkeys').excerpt).toMatch(/^Passkeys fix phishing\. They do nothing/);
    expect(byUrl(items, 'deepfake').excerpt).toBe(
      'Investigators in Lyon said the group rehearsed answers to the questions banks ask during video identification…',
    );
  });

  it('reads dates, authors, categories and images', async () => {
    const { items } = await source.load(week48());
    const veridex = byUrl(items, 'veridex');
    expect(veridex.publishedAt).toBe('2026-11-27T09:30:00+00:00');
    expect(byUrl(items, 'passkeys').publishedAt).toBe('2026-11-25T08:00:00+00:00');
    expect(veridex.authors).toEqual(['Priya Raman']);
    expect(byUrl(items, 'eu-wallet').authors).toEqual(['Tomás Ó Briain']);
    expect(veridex.categories).toEqual(['Funding', 'Biometrics']);
    // media:content with its description as alt; the author's Gravatar is not taken for the story's image.
    expect(veridex.image).toEqual({
      url: 'https://www.identitywire.example/media/2026/11/veridex-office.jpg',
      alt: 'Engineers at Veridex Labs’ office in Kyiv',
      width: 1200,
      height: 675,
    });
    expect(byUrl(items, 'eu-wallet').image?.url).toBe('https://www.identitywire.example/media/2026/11/eu-wallet-150x150.png');
    expect(byUrl(items, 'passkeys').image?.url).toBe('https://www.identitywire.example/media/2026/11/sim-card.jpg');
    expect(byUrl(items, 'seamless').image).toBeUndefined();
  });
});

describe('FeedSource: Atom', () => {
  it('reads alternate links, published dates with their offset, authors, categories and summaries', async () => {
    const { items, problems } = await new FeedSource('analysis', { url: `${server.base}/feeds/atom.xml` }).load(week48());
    expect(items).toHaveLength(3);
    const [age, login] = items as [Story, Story];
    expect(age.url).toBe('https://www.identitywire.example/analysis/age-assurance-split/?ref=homepage');
    expect(age.title).toBe('Why age assurance rules split the industry in two');
    expect(age.publishedAt).toBe('2026-11-28T09:00:00+01:00');
    expect(age.updatedAt).toBe('2026-11-28T11:20:00+01:00');
    expect(age.authors).toEqual(['Jonas Lindqvist', 'Ama Mensah']);
    expect(age.categories).toEqual(['Analysis', 'Age Assurance']);
    expect(age.excerpt).toMatch(/^Estimation vendors say .* different sides…$/);
    expect(age.image?.url).toBe('https://www.identitywire.example/media/2026/11/age-check.jpg');
    // Text titles are text: "<" is kept, not taken for a tag. Relative links resolve against the feed's link.
    expect(login.title).toBe("Tokens < passwords? A field guide to 2026's login stack");
    expect(login.url).toBe('https://www.identitywire.example/analysis/login-stack-2026/');
    expect(login.publishedAt).toBe('2026-11-26T16:30:00+00:00');
    expect(login.excerpt).toMatch(/^Passwords are not going away this decade/);
    expect(problems).toHaveLength(0);
    expect(items[2]!.publishedAt).toBe(login.publishedAt);
  });
});

describe('FeedSource: declared encodings', () => {
  it('decodes an ISO-8859-1 feed', async () => {
    const { items } = await new FeedSource('fr', { path: feed('iso-8859-1.xml') }).load(week48());
    expect(items.map((s) => s.title)).toEqual([
      "Carte d'identité : la Bretagne teste l'accès aux services publics",
      'Straße, Größe, Übung: German eID adoption passes 30%',
    ]);
    expect(items[0]!.categories).toEqual(['Identité numérique']);
    expect(items[0]!.excerpt).toContain('4,5 M£');
    expect(items[0]!.publishedAt).toBe('2026-11-25T10:00:00+01:00');
  });

  it('decodes a windows-1252 feed, curly quotes and euro sign included', async () => {
    expect(readFileSync(feed('windows-1252.xml')).includes(0x92)).toBe(true);
    const { items } = await new FeedSource('legacy', { path: feed('windows-1252.xml') }).load(week48());
    expect(items[0]!.title).toBe('Regulator’s €2m fine – “the first of many”');
    expect(items[0]!.excerpt).toBe('The watchdog’s decision… and what it means for naïve résumé checks.');
  });

  it('decodes the same bytes fetched over HTTP, and lets the HTTP charset win over the declaration', async () => {
    const plain = await new FeedSource('legacy', { url: `${server.base}/feeds/windows-1252.xml` }).load(week48());
    expect(plain.items[0]!.title).toBe('Regulator’s €2m fine – “the first of many”');
    expect(plain.replacedBytes).toBe(0);
    // A server that says UTF-8 for windows-1252 bytes: the header is obeyed, and the stray bytes are read as
    // the windows-1252 characters they are, counted.
    const lying = await new FeedSource('legacy', { url: `${server.base}/feeds/windows-1252.xml?charset=utf-8` }).load(week48());
    expect(lying.items[0]!.title).toBe('Regulator’s €2m fine – “the first of many”');
    expect(lying.replacedBytes).toBeGreaterThan(0);
    expect(lying.notes?.some((n) => /not valid UTF-8 .* read as windows-1252, 0 replaced by U\+FFFD/.test(n.message))).toBe(true);
  });

  it('refuses an encoding it cannot decode with SOURCE_INVALID naming it', () => {
    const xml = Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss><channel></channel></rss>');
    expect(() => detectXmlEncoding(xml, { where: 'k.xml', source: 'k' })).toThrow(
      expect.objectContaining({ code: 'SOURCE_INVALID', message: expect.stringContaining('"x-klingon"') }),
    );
  });

  it('honours a byte order mark over the declaration', () => {
    const xml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>')]);
    expect(detectXmlEncoding(xml, { where: 'b.xml', source: 'b' })).toEqual({ encoding: 'utf-8', bomLength: 3, from: 'bom' });
  });
});

describe('FeedSource: bad input', () => {
  it('throws SOURCE_INVALID with file and line for malformed XML', async () => {
    const error = await failure(new FeedSource('broken', { path: feed('malformed.xml') }).load(week48()));
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(`${feed('malformed.xml')}:8:`);
  });

  it('throws SOURCE_INVALID for XML that is not a feed', () => {
    const run = () => parseFeed('<html><body>Hi</body></html>', { source: 's', where: 'page.html', siteUrl: 'https://x.example' });
    expect(run).toThrow(expect.objectContaining({ code: 'SOURCE_INVALID', message: expect.stringContaining('<html>') }));
  });

  it('throws SOURCE_UNREADABLE for a missing file and an HTTP error', async () => {
    const missing = await failure(new FeedSource('f', { path: feed('nope.xml') }).load(week48()));
    expect(isRoundupError(missing, 'SOURCE_UNREADABLE')).toBe(true);
    const notFound = await failure(new FeedSource('f', { url: `${server.base}/feeds/nope.xml` }).load(week48()));
    expect(isRoundupError(notFound, 'SOURCE_UNREADABLE')).toBe(true);
    expect((notFound as Error).message).toContain('404');
  });
});

describe('parseFeed: relative links without a channel link', () => {
  it('resolves them against the site URL', () => {
    const xml = `<rss version="2.0"><channel><title>t</title>
      <item><title>A</title><link>/a/b/</link><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate></item>
      <item><title>B</title><guid>https://other.example/b?utm_medium=x&amp;id=3</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate></item>
    </channel></rss>`;
    const { items } = parseFeed(xml, { source: 's', where: 'f', siteUrl: 'https://www.identitywire.example/' });
    expect(items.map((s) => s.url)).toEqual(['https://www.identitywire.example/a/b/', 'https://other.example/b?id=3']);
  });

  it('reads RSS 1.0 (RDF) items and dc:date', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>t</title><link>https://www.identitywire.example/</link></channel>
      <item><title>R</title><link>https://www.identitywire.example/r/</link><dc:date>2026-11-24T09:30:00+01:00</dc:date><dc:subject>Fraud</dc:subject></item>
    </rdf:RDF>`;
    const { items } = parseFeed(xml, { source: 's', where: 'f', siteUrl: 'https://www.identitywire.example/' });
    expect(items).toHaveLength(1);
    expect(items[0]!.publishedAt).toBe('2026-11-24T09:30:00+01:00');
    expect(items[0]!.categories).toEqual(['Fraud']);
  });
});
