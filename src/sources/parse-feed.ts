import type { SourceProblem, SourceResult, Story } from '../types.js';
import { atomEntryDraft, atomFeedLink } from './atom-drafts.js';
import { decodeXmlPieces, detectXmlEncoding } from './decode-xml.js';
import { gunzipBody } from './gunzip-body.js';
import { isoDate } from './iso-date.js';
import { normalizeStory, type StoryDraft } from './normalize-story.js';
import { readFeedXml, type FeedFormat } from './read-feed-xml.js';
import { repairNotes } from './repair-notes.js';
import { rssChannelLink, rssItemDraft } from './rss-drafts.js';
import { showText } from '../text/show-text.js';
import { emptyRepairCounts } from './utf8-repair.js';
import type { XmlElement } from './xml-element.js';

export interface ParseFeedOptions {
  source: string;
  /** The file or URL, for messages. */
  where: string;
  /** The site's URL: relative links resolve against the feed's own link, else this. */
  siteUrl: string;
  /** Where the feed came from when it was fetched: a relative feed link resolves against it. */
  feedUrl?: string | undefined;
  /** The HTTP Content-Type, when fetched: its charset names the encoding. */
  contentType?: string | undefined;
}

function resolves(link: string | undefined, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, base).href;
  } catch {
    return undefined;
  }
}

function draftOf(format: FeedFormat, item: XmlElement, index: number, where: string): { draft: StoryDraft; where: string } {
  return format === 'rss' ? rssItemDraft(item, index, where) : atomEntryDraft(item, index, where, format);
}

/** The feed's text in pieces, with notes on what decoding repaired. */
function textPieces(input: string | Buffer, options: ParseFeedOptions, notes: SourceProblem[]): { pieces: Iterable<string>; replaced: () => number } {
  if (typeof input === 'string') return { pieces: [input], replaced: () => 0 };
  const { body, gzipped } = gunzipBody(input, options);
  if (gzipped) notes.push({ source: options.source, where: options.where, message: 'the feed is gzip-compressed (without Content-Encoding); read after decompressing it' });
  const found = detectXmlEncoding(body, options);
  const counts = emptyRepairCounts();
  const pieces = decodeXmlPieces(body, found, counts);
  return {
    pieces,
    replaced: () => {
      notes.push(...repairNotes(body, found, counts, options));
      return counts.windows1252 + counts.replaced;
    },
  };
}

/**
 * Parses an RSS 2.0/0.9x, RSS 1.0 or Atom 1.0/0.3 document (bytes, or text already decoded) into stories,
 * problems (items skipped) and notes (what was repaired). Items are read as they stream past.
 *
 * An item whose date cannot be read is not dropped when the feed dates its other items: it takes the date of
 * the nearest dated item before it (else after it), so it keeps its place in the feed, and a note says so.
 */
export function parseFeed(input: string | Buffer, options: ParseFeedOptions): SourceResult<Story> & { notes: SourceProblem[]; replacedBytes: number } {
  const { source } = options;
  const items: Story[] = [];
  const problems: SourceProblem[] = [];
  const notes: SourceProblem[] = [];
  const text = textPieces(input, options, notes);
  let base: string | undefined;
  let lastDate: string | undefined;
  const waiting: { draft: StoryDraft; where: string }[] = [];

  /** Normalises an item, dated `date` (its own, already read, or a neighbour's when `borrowed`). */
  const add = (draft: StoryDraft, where: string, date?: string, borrowed = false): void => {
    const result = normalizeStory(date === undefined ? draft : { ...draft, publishedAt: date }, { source, where, base });
    if (result.problem) {
      problems.push(result.problem);
      return;
    }
    items.push(result.story);
    if (borrowed) {
      const raw = draft.publishedAt;
      const why = raw?.trim() ? `publication date ${showText(raw, 60)} is not understood` : 'has no publication date';
      notes.push({ source, where, message: `${result.story.url} ${why}; dated like its neighbour in the feed (${date})` });
    }
  };

  const feedXml = readFeedXml(text.pieces, options, (item, index, { format, container }) => {
    const feedLink = format === 'rss' ? rssChannelLink(container) : atomFeedLink(container, format);
    base ??= resolves(feedLink, options.feedUrl ?? options.siteUrl) ?? options.siteUrl;
    const { draft, where } = draftOf(format, item, index, options.where);
    const date = isoDate(draft.publishedAt);
    if (date === undefined) {
      if (lastDate !== undefined) add(draft, where, lastDate, true);
      else waiting.push({ draft, where });
      return;
    }
    lastDate = date;
    for (const w of waiting.splice(0)) add(w.draft, w.where, date, true);
    add(draft, where, date);
  });
  // Nothing dated to borrow from: the undated items are skipped as problems.
  for (const w of waiting) add(w.draft, w.where);
  notes.unshift(...feedXml.notes);
  const replacedBytes = text.replaced();
  return { items, problems, skipped: problems.length, notes, replacedBytes };
}
