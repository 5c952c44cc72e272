// feed.xml: the site's RSS 2.0 feed as WordPress writes it (content, dc, media and atom namespaces; titles
// with numeric entities; categories, creators and bodies in CDATA), newest item first.
import { rfc822 } from './calendar.js';
import { SITE_URL, type Article } from './model.js';
import { escapeXml, wpHtmlText, wpTitle } from './wp-text.js';

const cdata = (text: string): string => `<![CDATA[${text}]]>`;

function item(post: Article): string {
  const lines = [
    '\t\t<item>',
    `\t\t<title>${wpTitle(post.title)}</title>`,
    `\t\t<link>${post.url}</link>`,
    `\t\t<comments>${post.url}#respond</comments>`,
    `\t\t<dc:creator>${cdata(post.authors[0] ?? '')}</dc:creator>`,
    `\t\t<pubDate>${rfc822(post.publishedAt)}</pubDate>`,
    ...[...post.categories, ...post.tags].map((c) => `\t\t<category>${cdata(c)}</category>`),
    `\t\t<guid isPermaLink="false">${SITE_URL}/?p=${post.id}</guid>`,
    '',
    `\t\t<description>${cdata(`${wpHtmlText(post.excerpt)} [&#8230;]`)}</description>`,
    `\t\t<content:encoded>${cdata(post.paragraphs.map((p) => `<p>${p}</p>`).join('\n'))}</content:encoded>`,
  ];
  if (post.image) {
    const img = post.image;
    lines.push(
      `\t\t<media:content url="${img.url}" medium="image" width="${img.width}" height="${img.height}">`,
      `\t\t\t<media:description type="plain">${escapeXml(img.alt)}</media:description>`,
      '\t\t</media:content>',
    );
  }
  lines.push('\t\t</item>');
  return lines.join('\n');
}

/** The whole feed for `posts` (any order; written newest first). */
export function feedXml(posts: readonly Article[]): string {
  const newest = [...posts].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  const built = newest[0]?.publishedAt ?? new Date(0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"',
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
    '\txmlns:atom="http://www.w3.org/2005/Atom"',
    '\txmlns:media="http://search.yahoo.com/mrss/"',
    '\t>',
    '',
    '<channel>',
    '\t<title>Identity Wire</title>',
    `\t<atom:link href="${SITE_URL}/feed/" rel="self" type="application/rss+xml" />`,
    `\t<link>${SITE_URL}</link>`,
    '\t<description>Biometrics and digital identity trade news</description>',
    `\t<lastBuildDate>${rfc822(built)}</lastBuildDate>`,
    '\t<language>en-GB</language>',
    '\t<generator>https://wordpress.org/?v=6.7.1</generator>',
    ...newest.map(item),
    '\t</channel>',
    '</rss>',
    '',
  ].join('\n');
}
