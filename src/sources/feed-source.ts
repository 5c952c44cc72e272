import type { ContentSource, SourceContext, SourceResult, Story } from '../types.js';
import { parseFeed } from './parse-feed.js';
import { readLocation, type Location } from './read-location.js';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * An RSS or Atom feed (detected from the document) read from a file or a URL. Every item the feed lists is
 * returned; choosing the week's stories is the selection's job. Items without a usable link or title are
 * skipped and reported as problems naming the feed, the item's line and column, position and guid; what
 * was repaired on the way (encoding, junk, a date borrowed from a neighbour) comes back as notes.
 */
export class FeedSource implements ContentSource {
  readonly location: string;

  constructor(
    readonly name: string,
    private readonly from: Location,
  ) {
    this.location = from.path ?? from.url;
  }

  async load(ctx: SourceContext): Promise<SourceResult<Story>> {
    const read = await readLocation(this.from, this.name, ACCEPT);
    return parseFeed(read.body, { source: this.name, where: read.where, siteUrl: ctx.siteUrl, feedUrl: read.url, contentType: read.contentType });
  }
}
