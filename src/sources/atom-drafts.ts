import type { StoryDraft } from './normalize-story.js';
import type { FeedDrafts } from './rss-drafts.js';
import { attr, child, first, nodes, textOf, type XmlNode } from './xml-node.js';

// Atom (RFC 4287) entries -> story drafts: `link rel="alternate"`, `published` (else `updated`),
// `author/name`, `category` (label, else term), `summary` (else `content`), Media RSS images.

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An Atom text construct as HTML. `type="text"` (the default) is text, so it is escaped: a title
 * "Why x < y" must not lose its "< y" to the tag stripper. `html` is HTML; `xhtml` arrives parsed and is
 * read back as its text.
 */
function atomHtml(node: XmlNode): string {
  const type = attr(node, 'type') ?? 'text';
  if (type === 'html' || type === 'text/html') return textOf(node);
  return escapeHtml(textOf(node));
}

/** The entry's page: `rel="alternate"` (the default rel), HTML preferred over other types. */
function alternateLink(links: XmlNode[]): string | undefined {
  const alternates = links.filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  const html = alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html'));
  return attr(html ?? alternates[0], 'href');
}

function imageOf(entry: XmlNode): StoryDraft['image'] {
  const media = [...nodes(child(entry, 'media:content')), ...nodes(child(entry, 'media:thumbnail'))];
  const image = media.find((m) => attr(m, 'medium') !== 'video' && !(attr(m, 'type') ?? 'image/').startsWith('video'));
  const enclosure = nodes(child(entry, 'link')).find(
    (l) => attr(l, 'rel') === 'enclosure' && (attr(l, 'type') ?? '').startsWith('image/'),
  );
  if (image) {
    const alt = textOf(first(child(image, 'media:description'))) || textOf(first(child(entry, 'media:description')));
    return { url: attr(image, 'url'), alt: alt || undefined, width: attr(image, 'width'), height: attr(image, 'height') };
  }
  return enclosure ? { url: attr(enclosure, 'href') } : undefined;
}

function entryDraft(entry: XmlNode): StoryDraft {
  const summary = first(child(entry, 'summary'));
  const content = first(child(entry, 'content'));
  const published = textOf(first(child(entry, 'published')));
  const updated = textOf(first(child(entry, 'updated')));
  return {
    link: alternateLink(nodes(child(entry, 'link'))),
    title: atomHtml(first(child(entry, 'title'))),
    summary: summary === undefined ? undefined : atomHtml(summary),
    content: content === undefined ? undefined : atomHtml(content),
    publishedAt: published || updated || undefined,
    updatedAt: updated || undefined,
    authors: nodes(child(entry, 'author')).map((a) => escapeHtml(textOf(first(child(a, 'name'))))),
    categories: nodes(child(entry, 'category')).map((c) => escapeHtml(attr(c, 'label') ?? attr(c, 'term') ?? '')),
    image: imageOf(entry),
  };
}

/** Drafts of an Atom feed's entries, with `where` naming each by position and id. */
export function atomDrafts(root: Record<string, unknown>, where: string): FeedDrafts {
  const feed = root['feed'] as XmlNode;
  const entries = nodes(child(feed, 'entry'));
  return {
    link: alternateLink(nodes(child(feed, 'link'))),
    items: entries.map((entry, index) => {
      const id = textOf(first(child(entry, 'id')));
      return { draft: entryDraft(entry), where: `${where} entry ${index + 1}${id ? ` (id ${id})` : ''}` };
    }),
  };
}
