// One test per class of real-world feed input that used to fail (issue 11), with inputs written for it.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { parseFeed } from '../../../src/sources/parse-feed.js';

const options = { source: 'f', where: 'feed.xml', siteUrl: 'https://www.example.com/' };
const parse = (input: string | Buffer) => parseFeed(typeof input === 'string' ? Buffer.from(input) : input, options);
const failure = (input: string | Buffer): Error => {
  try {
    parse(input);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

const RSS_ITEM = (n: number, extra = '') =>
  `<item><title>Story ${n}</title><link>https://www.example.com/s/${n}/</link><pubDate>Tue, 24 Nov 2026 09:3${n}:00 +0000</pubDate>${extra}</item>`;
const rss = (items: string, ns = '') => `<rss version="2.0"${ns}><channel><title>T</title><link>https://www.example.com/</link>${items}</channel></rss>`;
const ATOM_NS = 'http://www.w3.org/2005/Atom';

describe('1. whitespace and junk before <?xml', () => {
  it.each([
    ['a newline', '\n'],
    ['blank lines and spaces', '\n\n   \t\n'],
    ['a BOM, then a newline', '\uFEFF\n'],
  ])('%s: read as if it were not there, silently', (_, before) => {
    const result = parse(`${before}<?xml version="1.0" encoding="UTF-8"?>${rss(RSS_ITEM(1))}`);
    expect(result.items.map((s) => s.title)).toEqual(['Story 1']);
    expect(result.notes).toEqual([]);
  });

  it('a PHP notice: skipped with a note naming it, and line numbers still point into the file', () => {
    const junk = '<br />\n<b>Warning</b>: Cannot modify header information in <b>/srv/wp/functions.php</b> on line <b>42</b><br />\n';
    const result = parse(`${junk}<?xml version="1.0"?>\n${rss(`${RSS_ITEM(1)}<item><title>No link</title></item>`)}`);
    expect(result.items).toHaveLength(1);
    expect(result.notes[0]!.message).toMatch(/^skipped "<br \/>\\n<b>Warning<\/b>: .*" before the XML document$/);
    // The bad item is on line 4 of the file (two junk lines, the declaration, then the feed).
    expect(result.problems[0]!.where).toMatch(/^feed\.xml:4:\d+ item 2$/);
  });
});

describe('2. Atom text constructs', () => {
  const entry = (title: string) =>
    `<feed xmlns="${ATOM_NS}"><title>T</title><entry>${title}<link href="https://www.example.com/a/"/><id>a</id><updated>2026-11-24T09:30:00Z</updated></entry></feed>`;

  it('xhtml keeps its words in order (it became "dogs Sentry Calming Collar for")', () => {
    const xml = entry('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Sentry Calming Collar for <i>dogs</i></div></title>');
    expect(parse(xml).items[0]!.title).toBe('Sentry Calming Collar for dogs');
  });

  it('xhtml block elements separate words, inline ones do not; escaped text stays text', () => {
    const xml = entry(
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p><b>Bold</b>ly &lt;two&gt; &amp; three</p></div></title>',
    );
    expect(parse(xml).items[0]!.title).toBe('One Boldly <two> & three');
  });

  it('text is text and html is HTML', () => {
    expect(parse(entry('<title type="text">x &lt; y &amp;&amp; &lt;b&gt;</title>')).items[0]!.title).toBe('x < y && <b>');
    expect(parse(entry('<title type="html">x &lt;b&gt;bold&lt;/b&gt; &amp;amp; y</title>')).items[0]!.title).toBe('x bold & y');
  });

  it('Atom 0.3: issued and modified dates, escaped and base64 content', () => {
    const xml = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>
      <entry><title mode="escaped" type="text/html">A &lt;i&gt;b&lt;/i&gt;</title><link rel="alternate" type="text/html" href="https://www.example.com/a/"/>
      <id>a</id><issued>2026-11-24T09:30:00Z</issued><modified>2026-11-25T09:30:00Z</modified>
      <summary mode="base64" type="text/plain">${Buffer.from('Plain & simple').toString('base64')}</summary></entry></feed>`;
    const [story] = parse(xml).items;
    expect(story).toMatchObject({ title: 'A b', publishedAt: '2026-11-24T09:30:00+00:00', updatedAt: '2026-11-25T09:30:00+00:00', excerpt: 'Plain & simple' });
  });
});

describe('3. namespaces by URI, not by prefix', () => {
  it('a prefixed Atom feed gives the same stories as the default-namespace one', () => {
    const plain = `<feed xmlns="${ATOM_NS}"><title>T</title><entry><title>E</title><link href="https://www.example.com/e/"/><id>e</id><updated>2026-11-24T09:30:00Z</updated></entry></feed>`;
    const prefixed = `<a:feed xmlns:a="${ATOM_NS}"><a:title>T</a:title><a:entry><a:title>E</a:title><a:link href="https://www.example.com/e/"/><a:id>e</a:id><a:updated>2026-11-24T09:30:00Z</a:updated></a:entry></a:feed>`;
    const expected = parse(plain);
    expect(expected.items).toHaveLength(1);
    expect(parse(prefixed)).toEqual(expected);
  });

  it('RSS with a10:link (the .NET syndication writer) has its links', () => {
    const xml = rss(
      `<item><guid isPermaLink="false">42</guid><a10:link href="https://www.example.com/net/"/><title>Net</title><pubDate>Tue, 24 Nov 2026 09:30:00 Z</pubDate><a10:updated>2026-11-25T09:30:00Z</a10:updated></item>`,
      ` xmlns:a10="${ATOM_NS}"`,
    );
    const result = parse(xml);
    expect(result.problems).toEqual([]);
    expect(result.items[0]).toMatchObject({ url: 'https://www.example.com/net/', updatedAt: '2026-11-25T09:30:00+00:00' });
  });

  it('an element from another namespace is never taken for an RSS one, whatever its prefix', () => {
    const xml = rss(RSS_ITEM(1, '<x:title xmlns:x="urn:other">Not the title</x:title><dc:creator>Jane</dc:creator>'), ' xmlns:dc="urn:not-dublin-core"');
    const [story] = parse(xml).items;
    expect(story!.title).toBe('Story 1');
    expect(story!.authors).toEqual([]);
  });

  it('Dublin Core and Media RSS under any prefix; an undeclared media: prefix still means Media RSS', () => {
    const xml = rss(
      RSS_ITEM(1, '<d:creator>Jane Roe</d:creator><m:content url="https://www.example.com/i.jpg" medium="image" width="640"/>'),
      ' xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:m="http://search.yahoo.com/mrss/"',
    ) + '';
    const story = parse(xml).items[0]!;
    expect(story.authors).toEqual(['Jane Roe']);
    expect(story.image).toEqual({ url: 'https://www.example.com/i.jpg', width: 640 });
    const undeclared = parse(rss(RSS_ITEM(1, '<media:thumbnail url="https://www.example.com/t.jpg"/>')));
    expect(undeclared.items[0]!.image?.url).toBe('https://www.example.com/t.jpg');
    expect(undeclared.notes).toEqual([]);
  });

  it('RSS 1.0 (RDF) with the RSS namespace on a prefix', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <rss:channel><rss:title>T</rss:title><rss:link>https://www.example.com/</rss:link></rss:channel>
      <rss:item><rss:title>R</rss:title><rss:link>/r/</rss:link><dc:date>2026-11-24T09:30:00+01:00</dc:date></rss:item></rdf:RDF>`;
    expect(parse(xml).items).toMatchObject([{ url: 'https://www.example.com/r/', title: 'R', publishedAt: '2026-11-24T09:30:00+01:00' }]);
  });

  it('property: renaming the Atom prefix (atom: -> any other) gives the same stories', () => {
    const feed = (p: string) =>
      `<${p}:feed xmlns:${p}="${ATOM_NS}"><${p}:title>T</${p}:title>` +
      [1, 2]
        .map((n) => `<${p}:entry><${p}:title type="html">E${n} &lt;b&gt;x&lt;/b&gt;</${p}:title><${p}:link href="/e/${n}/"/><${p}:id>${n}</${p}:id><${p}:published>2026-11-2${n}T09:30:00Z</${p}:published><${p}:author><${p}:name>A${n}</${p}:name></${p}:author></${p}:entry>`)
        .join('') +
      `</${p}:feed>`;
    const expected = parse(feed('atom'));
    expect(expected.items).toHaveLength(2);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/).filter((p) => !/^xml/i.test(p)), (prefix) => {
        expect(parse(feed(prefix))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('4. encodings', () => {
  const xmlFor = (titles: string[], encoding = 'UTF-8') =>
    `<?xml version="1.0" encoding="${encoding}"?>\n` +
    rss(titles.map((t, i) => `<item><title>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title><link>https://www.example.com/${i}/</link><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate></item>`).join(''));
  const BOMS: Record<string, number[]> = { 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], 'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff] };

  it('property: UTF-16LE/BE and UTF-32LE/BE, with and without a BOM, give the same stories as UTF-8', () => {
    // Titles of any characters XML allows (astral ones included), not only whitespace.
    const title = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/[\u0080-\u009f\ufeff]/g, ''))
      .filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 4 }), fc.constantFrom('utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'), fc.boolean(), (titles, encoding, bom) => {
        const expected = parse(xmlFor(titles));
        const label = encoding.startsWith('utf-16') ? 'UTF-16' : 'UTF-32';
        const body = iconv.encode(xmlFor(titles, label), encoding);
        const bytes = bom ? Buffer.concat([Buffer.from(BOMS[encoding]!), body]) : body;
        const result = parse(bytes);
        expect(result.items).toEqual(expected.items);
        expect(result.replacedBytes).toBe(0);
      }),
      { numRuns: Number(process.env["ENC_RUNS"] ?? 150) },
    );
  });

  it('a declaration naming UTF-16 on UTF-8 bytes is ignored (a common mistake)', () => {
    expect(parse(xmlFor(['Größe'], 'UTF-16')).items[0]!.title).toBe('Größe');
  });

  it('a stray windows-1252 byte in UTF-8 is the character it means, counted', () => {
    const bytes = Buffer.concat([Buffer.from(xmlFor(['Don']).split('Don')[0]!), Buffer.from([0x44, 0x6f, 0x6e, 0x92, 0x74, 0x20, 0x93, 0x71, 0x94, 0x20, 0xe9]), Buffer.from(xmlFor(['Don']).split('Don')[1]!)]);
    const result = parse(bytes);
    expect(result.items[0]!.title).toBe('Don’t “q” é');
    expect(result.replacedBytes).toBe(4);
    const note = result.notes.find((n) => /4 bytes were not valid UTF-8 \(the first here\): 4 read as windows-1252, 0 replaced by U\+FFFD/.test(n.message));
    // The first bad byte: line 2 (after the declaration), just after "Don".
    const column = xmlFor(['Don']).split('\n')[1]!.indexOf('Don') + 4;
    expect(note?.where).toBe(`feed.xml:2:${column}`);
  });

  it('U+0092 (a C1 control from a double conversion) becomes ’', () => {
    const result = parse(xmlFor(['Don\u0092t']));
    expect(result.items[0]!.title).toBe('Don’t');
    expect(result.notes.some((n) => /1 C1 control character read as windows-1252/.test(n.message))).toBe(true);
  });

  it('bytes that are damage, not windows-1252, become U+FFFD and are counted', () => {
    const [head, tail] = xmlFor(['X']).split('>X<') as [string, string];
    // E2 82 then ASCII: a three-byte sequence cut short.
    const result = parse(Buffer.concat([Buffer.from(`${head}>A`), Buffer.from([0xe2, 0x82]), Buffer.from(`B<${tail}`)]));
    expect(result.items[0]!.title).toBe('A\uFFFDB');
    expect(result.replacedBytes).toBe(2);
  });

  it('a gzipped feed is read after decompressing it, with a note', () => {
    const result = parse(gzipSync(xmlFor(['Zipped'])));
    expect(result.items[0]!.title).toBe('Zipped');
    expect(result.notes[0]!.message).toMatch(/gzip-compressed/);
  });
});

describe('5. dates', () => {
  it('a feed with localised RFC 822 dates keeps every item', () => {
    const items = ['Seg, 24 Set 2018 10:00:00 -0300', 'Ter, 25 Set 2018 10:00:00 -0300']
      .map((d, i) => `<item><title>T${i}</title><link>https://www.example.com/${i}/</link><pubDate>${d}</pubDate></item>`)
      .join('');
    expect(parse(rss(items)).items.map((s) => s.publishedAt)).toEqual(['2018-09-24T10:00:00-03:00', '2018-09-25T10:00:00-03:00']);
  });

  it('an item whose date cannot be read keeps its place with its neighbour\'s date; the first takes the next one\'s', () => {
    const undated = (n: number, date: string) => `<item><title>U${n}</title><link>https://www.example.com/u${n}/</link><pubDate>${date}</pubDate></item>`;
    const result = parse(rss(undated(0, 'soon') + RSS_ITEM(1) + undated(2, 'Tue, 24 Nov 2026 09:30:00 +05:75') + RSS_ITEM(3)));
    expect(result.items.map((s) => [s.title, s.publishedAt])).toEqual([
      ['U0', '2026-11-24T09:31:00+00:00'],
      ['Story 1', '2026-11-24T09:31:00+00:00'],
      ['U2', '2026-11-24T09:31:00+00:00'],
      ['Story 3', '2026-11-24T09:33:00+00:00'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/u0\/ publication date "soon" is not understood; dated like its neighbour/),
      expect.stringMatching(/u2\/ publication date ".*\+05:75" is not understood; dated like its neighbour/),
    ]);
  });

  it('a feed without any readable date skips its items, each a problem', () => {
    const result = parse(rss('<item><title>A</title><link>https://www.example.com/a/</link></item>'));
    expect(result.items).toEqual([]);
    expect(result.problems[0]!.message).toMatch(/no publication date; skipped/);
  });
});

describe('errors name the source, the file and line:column', () => {
  it('for XML that is not well-formed', () => {
    const error = failure(`<?xml version="1.0"?>\n<rss>\n<channel>\n<item>\n</channel></rss>`);
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect(error.message).toMatch(/^\[f\] feed\.xml:5:\d+: the feed is not well-formed XML/);
  });

  it('for XML that is not a feed, and for an empty body', () => {
    expect(failure('<html><body>x</body></html>').message).toMatch(/^\[f\] feed\.xml:1:\d+: the document is XML but not an RSS or Atom feed \(root element: "<html>"\)/);
    expect(failure('').message).toMatch(/^\[f\] feed\.xml:1:\d+: /);
  });

  it('with control characters escaped', () => {
    const error = failure('<\u001b[31mhtml/>');
    expect(error.message).not.toMatch(/\u001b/);
  });

  it('HTML entities a feed forgot to declare, and a bare &, are read on with one note', () => {
    const result = parse(rss('<item><title>AT&T&nbsp;news &copy; &foo;</title><link>https://www.example.com/a/</link><pubDate>Tue, 24 Nov 2026 09:30:00 +0000</pubDate></item>'));
    expect(result.items[0]!.title).toBe('AT&T news © &foo;');
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]!.where).toMatch(/^feed\.xml:1:\d+$/);
  });
});
