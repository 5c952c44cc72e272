import type { ContentSource, SourceContext, SourceResult, Story } from '../types.js';
import { gunzipBody } from './gunzip-body.js';
import { parseJsonStories } from './parse-json-stories.js';
import { readLocation, type Location } from './read-location.js';

/** Stories from a JSON file or URL in the format described in parse-json-stories.ts. */
export class JsonSource implements ContentSource {
  readonly location: string;

  constructor(
    readonly name: string,
    private readonly from: Location,
  ) {
    this.location = from.path ?? from.url;
  }

  async load(ctx: SourceContext): Promise<SourceResult<Story>> {
    const read = await readLocation(this.from, this.name, 'application/json');
    return parseJsonStories(gunzipBody(read.body, { source: this.name, where: read.where }).body, { source: this.name, where: read.where, siteUrl: ctx.siteUrl });
  }
}
