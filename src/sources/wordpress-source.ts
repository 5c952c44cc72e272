import type { ContentSource, SourceContext, SourceProblem, SourceResult, Story } from '../types.js';
import { getJsonList } from './get-json-list.js';
import { normalizeStory } from './normalize-story.js';
import { WordPressPost, wordPressPostDraft } from './wordpress-post.js';

// Posts from the WordPress REST API: `GET <site>/wp-json/wp/v2/posts?_embed=1&...`, newest first, paged by
// the `X-WP-TotalPages` header. The query asks only for posts that could be eligible: published before the
// window's end and at most `lookbackDays` before it (selection may let stories of the last N days rank, and
// events are announced ahead). `_embed` brings author names, category and tag names and the featured image.

export interface WordPressSourceOptions {
  /** Site root, e.g. `https://www.example.com` (a trailing slash is fine). */
  url: string;
  perPage: number;
  maxPages: number;
  /** How far before the window's end to ask for posts. Default 35 days. */
  lookbackDays?: number;
}

const DAY_MS = 86_400_000;

/** The posts URL for one page. `before` is the window's end as written (with the zone's offset). */
export function wordPressPostsUrl(site: string, q: { perPage: number; page: number; after: string; before: string }): string {
  const url = new URL(`${site.replace(/\/+$/, '')}/wp-json/wp/v2/posts`);
  url.searchParams.set('_embed', '1');
  url.searchParams.set('per_page', String(q.perPage));
  url.searchParams.set('page', String(q.page));
  url.searchParams.set('after', q.after);
  url.searchParams.set('before', q.before);
  url.searchParams.set('orderby', 'date');
  url.searchParams.set('order', 'desc');
  return url.toString();
}

export class WordPressSource implements ContentSource {
  readonly location: string;

  constructor(
    readonly name: string,
    private readonly options: WordPressSourceOptions,
  ) {
    this.location = options.url;
  }

  private async page(url: string): Promise<{ posts: unknown[]; totalPages: number; notes: SourceProblem[]; replacedBytes: number }> {
    const { list: posts, response, notes, replacedBytes } = await getJsonList(url, {
      source: this.name,
      hint: `that ${this.options.url} is the WordPress site root with the REST API enabled`,
    });
    const total = Number.parseInt(response.headers.get('x-wp-totalpages') ?? '1', 10);
    return { posts, totalPages: Number.isFinite(total) && total > 0 ? total : 1, notes, replacedBytes };
  }

  async load(ctx: SourceContext): Promise<SourceResult<Story>> {
    const { perPage, maxPages, lookbackDays = 35 } = this.options;
    const after = new Date(Date.parse(ctx.window.end) - lookbackDays * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = { perPage, after, before: ctx.window.end };
    const items: Story[] = [];
    const problems: SourceProblem[] = [];
    const notes: SourceProblem[] = [];
    let replacedBytes = 0;
    const seen = new Set<string>();
    let totalPages = 1;
    for (let page = 1; page <= Math.min(totalPages, maxPages); page++) {
      const url = wordPressPostsUrl(this.options.url, { ...query, page });
      const answer = await this.page(url);
      if (page === 1) totalPages = answer.totalPages;
      notes.push(...answer.notes);
      replacedBytes += answer.replacedBytes;
      answer.posts.forEach((raw, index) => {
        const where = `${url}#posts[${index}]`;
        const post = WordPressPost.safeParse(raw);
        if (!post.success) {
          const issue = post.error.issues[0];
          const field = issue?.path.join('.') || 'post';
          problems.push({ source: this.name, where, message: `\`${field}\`: ${issue?.message ?? 'not a post'}; skipped` });
          return;
        }
        const { draft, offset } = wordPressPostDraft(post.data);
        const idWhere = post.data.id === undefined ? where : `${where} (id ${post.data.id})`;
        const result = normalizeStory(draft, { source: this.name, where: idWhere, defaultOffset: offset, base: ctx.siteUrl });
        if (result.problem) problems.push(result.problem);
        // Posts published while paging shift later pages: the same post can come twice.
        else if (!seen.has(result.story.url)) {
          seen.add(result.story.url);
          items.push(result.story);
        }
      });
    }
    if (totalPages > maxPages) {
      problems.push({
        source: this.name,
        where: this.options.url,
        message: `stopped after ${maxPages} of ${totalPages} pages of posts; raise \`maxPages\` or \`perPage\` to read them all`,
      });
    }
    return { items, problems, notes, replacedBytes };
  }
}
