import type { StoryDraft } from './normalize-story.js';
import { attr, child, first, nodes, textOf, type XmlNode } from './xml-node.js';

// RSS 2.0 (and RSS 1.0/RDF) items -> story drafts. WordPress feeds are the main customer: `content:encoded`,
// `dc:creator`, `category`, and images from `media:content` / `media:thumbnail` / `enclosure`. RSS titles
// and descriptions are read as HTML, as feeds use them.

export interface FeedDrafts {
  /** The feed's own link (the site), for resolving relative links; may itself be relative. */
  link?: string | undefined;
  items: { draft: StoryDraft; where: string }[];
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/** An image from a `media:content`, `media:thumbnail` or `enclosure` element, if it is one. */
function imageOf(node: XmlNode, urlAttr = 'url'): StoryDraft['image'] {
  const url = attr(node, urlAttr);
  if (!url) return undefined;
  const medium = attr(node, 'medium');
  const type = attr(node, 'type');
  const isImage = medium === 'image' || type?.startsWith('image/') === true || (!medium && !type && IMAGE_FILE.test(url));
  // WordPress.com feeds add the author's Gravatar as a media:content image: not the story's picture.
  if (!isImage || /(?:^|\.)gravatar\.com\//i.test(url.replace(/^https?:\/\//, ''))) return undefined;
  const alt = textOf(first(child(node, 'media:description'))) || textOf(first(child(node, 'media:title')));
  return { url, alt: alt || undefined, width: attr(node, 'width'), height: attr(node, 'height') };
}

function pickImage(item: XmlNode): StoryDraft['image'] {
  const groups = nodes(child(item, 'media:group'));
  const media = [item, ...groups].flatMap((n) => nodes(child(n, 'media:content')));
  const thumbs = [item, ...groups].flatMap((n) => nodes(child(n, 'media:thumbnail')));
  const candidates = [...media, ...thumbs, ...nodes(child(item, 'enclosure'))];
  const image = candidates.map((n) => imageOf(n)).find((i) => i !== undefined);
  if (image && image.alt === undefined) {
    // A thumbnail or enclosure: the item may still describe its media.
    const alt = textOf(first(child(item, 'media:description'))) || textOf(first(child(item, 'media:title')));
    if (alt) image.alt = alt;
  }
  return image;
}

/** `jane@example.com (Jane Doe)` -> `Jane Doe`; a bare address is kept. */
function authorName(value: string): string {
  return /\(([^)]+)\)\s*$/.exec(value)?.[1] ?? value;
}

function itemDraft(item: XmlNode): StoryDraft {
  const guid = first(child(item, 'guid'));
  const guidText = textOf(guid);
  const guidIsLink = attr(guid, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guidText);
  const link = textOf(first(child(item, 'link'))) || (guidIsLink ? guidText : '');
  const categories: string[] = [];
  const tags: string[] = [];
  for (const category of nodes(child(item, 'category'))) {
    // Plain RSS cannot tell tags from categories; a `domain` naming tags (as some exporters write) can.
    (/tag/i.test(attr(category, 'domain') ?? '') ? tags : categories).push(textOf(category));
  }
  categories.push(...nodes(child(item, 'dc:subject')).map(textOf));
  const creators = nodes(child(item, 'dc:creator')).map(textOf);
  return {
    link,
    title: textOf(first(child(item, 'title'))),
    summary: textOf(first(child(item, 'description'))),
    content: textOf(first(child(item, 'content:encoded'))),
    publishedAt: textOf(first(child(item, 'pubDate'))) || textOf(first(child(item, 'dc:date'))) || undefined,
    updatedAt: textOf(first(child(item, 'atom:updated'))) || undefined,
    authors: creators.length > 0 ? creators : nodes(child(item, 'author')).map((a) => authorName(textOf(a))),
    categories,
    tags,
    image: pickImage(item),
  };
}

/** Drafts of an RSS document's items, with `where` naming each by position and guid. */
export function rssDrafts(root: Record<string, unknown>, where: string): FeedDrafts {
  const rss = (root['rss'] ?? root['rdf:RDF']) as XmlNode;
  const channel = first(child(rss, 'channel'));
  // RSS 1.0 keeps its items beside the channel, RSS 2.0 inside it.
  const items = [...nodes(child(channel, 'item')), ...nodes(child(rss, 'item'))];
  const channelLink = nodes(child(channel, 'link')).map(textOf).find((l) => l !== '');
  return {
    link: channelLink,
    items: items.map((item, index) => {
      const guid = textOf(first(child(item, 'guid')));
      return { draft: itemDraft(item), where: `${where} item ${index + 1}${guid ? ` (guid ${guid})` : ''}` };
    }),
  };
}
