import { atomTextHtml } from './atom-text.js';
import type { StoryDraft } from './normalize-story.js';
import { escapeForMessage } from '../text/show-text.js';
import { attr, childNamed, childText, childrenNamed, textOf, type XmlElement } from './xml-element.js';

// Atom (RFC 4287, and the older 0.3) entries -> story drafts: `link rel="alternate"`, `published` (else
// `updated`; 0.3: `issued`, `modified`), `author/name`, `category` (label, else term), `summary` (else
// `content`) as text constructs (atom-text.ts), Media RSS images. `p` is the canonical prefix of the
// document's Atom version (`atom` or `atom03`).

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The entry's page: `rel="alternate"` (the default rel), HTML preferred over other types. */
function alternateLink(links: XmlElement[]): string | undefined {
  const alternates = links.filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  const html = alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html'));
  return attr(html ?? alternates[0], 'href');
}

function imageOf(entry: XmlElement, p: string): StoryDraft['image'] {
  const media = [...childrenNamed(entry, 'media:content'), ...childrenNamed(entry, 'media:thumbnail')];
  const image = media.find((m) => attr(m, 'medium') !== 'video' && !(attr(m, 'type') ?? 'image/').startsWith('video'));
  const enclosure = childrenNamed(entry, `${p}:link`).find(
    (l) => attr(l, 'rel') === 'enclosure' && (attr(l, 'type') ?? '').startsWith('image/'),
  );
  if (image) {
    const alt = childText(image, 'media:description') || childText(entry, 'media:description');
    return { url: attr(image, 'url'), alt: alt || undefined, width: attr(image, 'width'), height: attr(image, 'height') };
  }
  return enclosure ? { url: attr(enclosure, 'href') } : undefined;
}

function entryDraft(entry: XmlElement, p: string): StoryDraft {
  const published = childText(entry, `${p}:published`, `${p}:issued`, `${p}:created`, 'dc:date');
  const updated = childText(entry, `${p}:updated`, `${p}:modified`);
  return {
    link: alternateLink(childrenNamed(entry, `${p}:link`)),
    title: atomTextHtml(childNamed(entry, `${p}:title`)) ?? '',
    summary: atomTextHtml(childNamed(entry, `${p}:summary`)),
    content: atomTextHtml(childNamed(entry, `${p}:content`)),
    publishedAt: published || updated || undefined,
    updatedAt: updated || undefined,
    authors: childrenNamed(entry, `${p}:author`).map((a) => escapeHtml(childText(a, `${p}:name`))),
    categories: childrenNamed(entry, `${p}:category`).map((c) => escapeHtml(attr(c, 'label') ?? attr(c, 'term') ?? textOf(c))),
    image: imageOf(entry, p),
  };
}

/** The draft of one Atom entry and where it is (`file:line:column entry N (id I)`). */
export function atomEntryDraft(entry: XmlElement, index: number, where: string, p: string): { draft: StoryDraft; where: string } {
  const id = childText(entry, `${p}:id`);
  return { draft: entryDraft(entry, p), where: `${where}:${entry.line}:${entry.column} entry ${index + 1}${id ? ` (id ${escapeForMessage(id)})` : ''}` };
}

/** The feed's own page. */
export function atomFeedLink(feed: XmlElement, p: string): string | undefined {
  return alternateLink(childrenNamed(feed, `${p}:link`));
}
