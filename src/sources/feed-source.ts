import type { ContentSource, SourceContext, SourceResult, Story } from '../types.js';
import { parseFeed } from './parse-feed.js';
import { readLocation, type Location } from './read-location.js';
import { xmlText } from './xml-text.js';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * An RSS or Atom feed (detected from the document) read from a file or a URL. Every item the feed lists is
 * returned; choosing the week's stories is the selection's job. Items without a usable link, title or date
 * are skipped and reported as problems naming the feed and the item's position and guid.
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
    const xml = xmlText(read.body, { where: read.where, source: this.name, contentType: read.contentType });
    return parseFeed(xml, { source: this.name, where: read.where, siteUrl: ctx.siteUrl, feedUrl: read.url });
  }
}
