import { atomTextHtml } from './atom-text.js';
import { excerpt } from './excerpt.js';
import { htmlToPlain } from './html-to-plain.js';
import type { StoryDraft } from './normalize-story.js';
import { escapeForMessage } from '../text/show-text.js';
import { attr, childNamed, childText, childrenNamed, innerHtml, textOf, type XmlElement } from './xml-element.js';

// RSS 2.0 (and 0.9x, and RSS 1.0/RDF) items -> story drafts. WordPress feeds are the main customer:
// `content:encoded`, `dc:creator`, `category`, and images from `media:content` / `media:thumbnail` /
// `enclosure`. Names are canonical (xml-namespaces.ts), so `a10:link` from .NET's writer is `atom:link` here.
// RSS titles and descriptions are read as HTML, as feeds use them.

export interface FeedDrafts {
  /** The feed's own link (the site), for resolving relative links; may itself be relative. */
  link?: string | undefined;
  items: { draft: StoryDraft; where: string }[];
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/** An image from a `media:content`, `media:thumbnail` or `enclosure` element, if it is one. */
function imageOf(node: XmlElement): StoryDraft['image'] {
  const url = attr(node, 'url');
  if (!url) return undefined;
  const medium = attr(node, 'medium');
  const type = attr(node, 'type');
  const isImage = medium === 'image' || type?.startsWith('image/') === true || (!medium && !type && IMAGE_FILE.test(url));
  // WordPress.com feeds add the author's Gravatar as a media:content image: not the story's picture.
  if (!isImage || /(?:^|\.)gravatar\.com\//i.test(url.replace(/^https?:\/\//, ''))) return undefined;
  const alt = childText(node, 'media:description') || childText(node, 'media:title');
  return { url, alt: alt || undefined, width: attr(node, 'width'), height: attr(node, 'height') };
}

function pickImage(item: XmlElement): StoryDraft['image'] {
  const groups = childrenNamed(item, 'media:group');
  const media = [item, ...groups].flatMap((n) => childrenNamed(n, 'media:content'));
  const thumbs = [item, ...groups].flatMap((n) => childrenNamed(n, 'media:thumbnail'));
  const candidates = [...media, ...thumbs, ...childrenNamed(item, 'enclosure')];
  const image = candidates.map(imageOf).find((i) => i !== undefined);
  if (image && image.alt === undefined) {
    // A thumbnail or enclosure: the item may still describe its media.
    const alt = childText(item, 'media:description') || childText(item, 'media:title');
    if (alt) image.alt = alt;
  }
  return image;
}

/** `jane@example.com (Jane Doe)` -> `Jane Doe`; a bare address is kept. */
function authorName(value: string): string {
  return /\(([^)]+)\)\s*$/.exec(value)?.[1] ?? value;
}

/** The page of an item: `link`, else an Atom `link` (rel alternate), else a guid that is a permalink URL. */
function itemLink(item: XmlElement): string {
  const link = childrenNamed(item, 'link').map(textOf).find((l) => l !== '');
  if (link) return link;
  const atomLink = childrenNamed(item, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  if (atomLink) return attr(atomLink, 'href')!;
  const guid = childNamed(item, 'guid');
  const guidText = textOf(guid);
  return attr(guid, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guidText) ? guidText : '';
}

const html = (e: XmlElement | undefined) => (e ? innerHtml(e, { escapeText: false }) : undefined);

function itemDraft(item: XmlElement): StoryDraft {
  const categories: string[] = [];
  const tags: string[] = [];
  for (const category of childrenNamed(item, 'category')) {
    // Plain RSS cannot tell tags from categories; a `domain` naming tags (as some exporters write) can.
    (/tag/i.test(attr(category, 'domain') ?? '') ? tags : categories).push(textOf(category));
  }
  categories.push(...childrenNamed(item, 'dc:subject').map(textOf));
  const creators = childrenNamed(item, 'dc:creator').map(textOf);
  const summary = html(childNamed(item, 'description')) ?? atomTextHtml(childNamed(item, 'atom:summary')) ?? html(childNamed(item, 'dc:description'));
  let title = html(childNamed(item, 'title', 'dc:title')) || atomTextHtml(childNamed(item, 'atom:title')) || '';
  // RSS allows an item with a description and no title (Mastodon, microblogs): its first words stand in.
  if (title.trim() === '' && summary) title = excerpt(htmlToPlain(summary), 100).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  // The content only matters when the summary has no text (normalizeStory makes the excerpt from it then):
  // writing a long content:encoded back as HTML for every item would be most of the work on a big feed.
  const needsContent = summary === undefined || !/(?:^|>)[^<]*[^\s<]/.test(summary);
  return {
    link: itemLink(item),
    title,
    summary,
    content: needsContent ? (html(childNamed(item, 'content:encoded')) ?? atomTextHtml(childNamed(item, 'atom:content'))) : undefined,
    publishedAt:
      childText(item, 'pubDate', 'dc:date', 'atom:published', 'atom:updated', 'dcterms:issued', 'dcterms:created', 'dcterms:modified') ||
      undefined,
    updatedAt: childText(item, 'atom:updated', 'dcterms:modified') || undefined,
    authors:
      creators.length > 0
        ? creators
        : childrenNamed(item, 'author').map((a) => authorName(textOf(a))).concat(childrenNamed(item, 'atom:author').map((a) => childText(a, 'atom:name'))),
    categories,
    tags,
    image: pickImage(item),
  };
}

/** The draft of one RSS item and where it is (`file:line:column item N (guid G)`). */
export function rssItemDraft(item: XmlElement, index: number, where: string): { draft: StoryDraft; where: string } {
  const guid = childText(item, 'guid');
  return { draft: itemDraft(item), where: `${where}:${item.line}:${item.column} item ${index + 1}${guid ? ` (guid ${escapeForMessage(guid)})` : ''}` };
}

/** The channel's link: `link` text, else an Atom alternate link. */
export function rssChannelLink(channel: XmlElement): string | undefined {
  return (
    childrenNamed(channel, 'link').map(textOf).find((l) => l !== '') ??
    attr(childrenNamed(channel, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate'), 'href')
  );
}
