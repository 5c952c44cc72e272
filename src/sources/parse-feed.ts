import { RoundupError } from '../errors.js';
import type { SourceProblem, SourceResult, Story } from '../types.js';
import { atomDrafts } from './atom-drafts.js';
import { normalizeStory } from './normalize-story.js';
import { parseFeedXml } from './parse-feed-xml.js';
import { rssDrafts, type FeedDrafts } from './rss-drafts.js';

export interface ParseFeedOptions {
  source: string;
  /** The file or URL, for messages. */
  where: string;
  /** The site's URL: relative links resolve against the feed's own link, else this. */
  siteUrl: string;
  /** Where the feed came from when it was fetched: a relative feed link resolves against it. */
  feedUrl?: string | undefined;
}

/** Which format the document is, from its root element. */
function drafts(root: Record<string, unknown>, options: ParseFeedOptions): FeedDrafts {
  if ('rss' in root || 'rdf:RDF' in root) return rssDrafts(root, options.where);
  if ('feed' in root) return atomDrafts(root, options.where);
  const found = Object.keys(root).filter((k) => !k.startsWith('?')).map((k) => `<${k}>`).join(', ') || 'nothing';
  throw new RoundupError(
    'SOURCE_INVALID',
    `[${options.source}] ${options.where} is XML but not an RSS or Atom feed (root element: ${found}). ` +
      'Point the source at the feed itself (WordPress: <site>/feed/).',
  );
}

function resolves(link: string | undefined, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, base).href;
  } catch {
    return undefined;
  }
}

/** Parses an RSS 2.0, RSS 1.0 or Atom document (already decoded to text) into stories and problems. */
export function parseFeed(xml: string, options: ParseFeedOptions): SourceResult<Story> {
  const found = drafts(parseFeedXml(xml, options), options);
  const base = resolves(found.link, options.feedUrl ?? options.siteUrl) ?? options.siteUrl;
  const items: Story[] = [];
  const problems: SourceProblem[] = [];
  for (const { draft, where } of found.items) {
    const result = normalizeStory(draft, { source: options.source, where, base });
    if (result.story) items.push(result.story);
    else problems.push(result.problem);
  }
  return { items, problems };
}
