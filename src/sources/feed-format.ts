import type { XmlElement } from './xml-element.js';

// The feed formats Roundup reads, told apart by the root element's canonical name (xml-namespaces.ts), and
// where each keeps its items.

export type FeedFormat = 'rss' | 'atom' | 'atom03';

/** Each format's item element and the elements it may sit in (RSS 1.0 keeps items beside the channel). */
export const ITEM_KINDS: Record<FeedFormat, { item: string; parents: string[] }> = {
  rss: { item: 'item', parents: ['channel', 'rss', 'rdf:RDF'] },
  atom: { item: 'atom:entry', parents: ['atom:feed'] },
  atom03: { item: 'atom03:entry', parents: ['atom03:feed'] },
};

/** The format of a document whose root element is `root`, or undefined when it is no feed. */
export function formatOf(root: string): FeedFormat | undefined {
  if (root === 'rss' || root === 'rdf:RDF') return 'rss';
  if (root === 'atom:feed') return 'atom';
  if (root === 'atom03:feed') return 'atom03';
  return undefined;
}

/** The element that describes the feed itself: RSS `channel` when the root has one, else the root. */
export function feedElement(root: XmlElement, format: FeedFormat): XmlElement {
  if (format !== 'rss') return root;
  return root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'channel') ?? root;
}
