// Feed vocabularies are told apart by namespace URI, never by prefix: `<a:feed xmlns:a="http://www.w3.org/2005/Atom">`,
// `<atom:link>` and .NET's `<a10:link>` are the same Atom element. The XML reader names every element and
// attribute with the canonical prefix of its namespace below (`atom:link`, `dc:creator`, `media:content`);
// RSS, whose versions differ in namespace (none, RSS 1.0's, UserLand's RSS 2.0 one), gets no prefix at all.
// Elements of other namespaces are named `{uri}local`, so they can never be mistaken for a known one.

const RSS = '';

/** Namespace URI -> canonical prefix ('' for the RSS vocabularies). */
export const CANONICAL_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['', RSS],
  ['http://purl.org/rss/1.0/', RSS],
  ['http://backend.userland.com/rss2', RSS],
  ['http://backend.userland.com/rss', RSS],
  ['http://my.netscape.com/rdf/simple/0.9/', RSS],
  ['http://www.w3.org/2005/Atom', 'atom'],
  // Atom 0.3: a different vocabulary in places (issued, modified, mode); atom-drafts.ts reads both.
  ['http://purl.org/atom/ns#', 'atom03'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://search.yahoo.com/mrss/', 'media'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
]);

/**
 * Namespaces for prefixes a feed uses without declaring them (not well-formed, but common: `media:content`
 * in a feed that forgot `xmlns:media`). Only prefixes whose meaning no one disputes.
 */
export const UNDECLARED_PREFIXES: Readonly<Record<string, string>> = {
  atom: 'http://www.w3.org/2005/Atom',
  a10: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
};

/** The canonical name of `local` in namespace `uri`. */
export function canonicalName(uri: string, local: string): string {
  const prefix = CANONICAL_PREFIXES.get(uri);
  if (prefix === undefined) return `{${uri}}${local}`;
  return prefix === RSS ? local : `${prefix}:${local}`;
}
