// Writes one story: a headline and three to five paragraphs from the templates, all about the same cast.
import { SITE_URL } from './model.js';
import { CLOSINGS, CONTEXT, NUMBERS, OPINIONS, QUOTES, RULES } from './paragraphs.js';
import type { Rng } from './rng.js';
import { STORY_KINDS, type StoryKind } from './story-kinds.js';
import { storyContext, type Category, type StoryContext } from './story-context.js';
import { slugify, wpHtmlText } from './wp-text.js';

export interface WrittenStory {
  context: StoryContext;
  title: string;
  /** Plain-text paragraphs. */
  text: string[];
  /** The same paragraphs as WordPress HTML (entities, one link, some emphasis), without `<p>`. */
  html: string[];
}

const OPINION_NOTE = 'The views in this column are the author\u2019s own, not necessarily those of Identity Wire.';

type Pool = readonly ((c: StoryContext) => string)[];

function body(random: Rng, category: Category): Pool[] {
  if (category === 'Opinion') return random.shuffle([OPINIONS, OPINIONS, OPINIONS, QUOTES]).slice(0, random.int(2, 4));
  const pools: Pool[] = [QUOTES, CONTEXT, random.pick([NUMBERS, RULES]), random.pick([CONTEXT, QUOTES, RULES])];
  const middle = random.shuffle(pools).slice(0, random.int(1, 3));
  return [...middle, CLOSINGS];
}

/** Links the first mention of the company to its page, as the site's editors do. */
function linkCompany(html: string, company: string): string {
  const escaped = wpHtmlText(company);
  const at = html.indexOf(escaped);
  if (at < 0) return html;
  const href = `${SITE_URL}/company/${slugify(company)}/`;
  return `${html.slice(0, at)}<a href="${href}">${escaped}</a>${html.slice(at + escaped.length)}`;
}

/** What earlier stories used: titles and slugs (never repeated), and how often each kind was used. */
export interface Used {
  titles: Set<string>;
  kinds: Map<StoryKind, number>;
}

/** A new story in `category`: a kind used at most twice so far, and a title not used before. */
export function writeStory(random: Rng, category: Category, used: Used): WrittenStory {
  const kinds = STORY_KINDS[category];
  for (let attempt = 0; attempt < 60; attempt++) {
    const limit = attempt < 30 ? 2 : 3;
    const fresh = kinds.filter((k) => (used.kinds.get(k) ?? 0) < limit);
    const kind = random.pick(fresh.length > 0 ? fresh : kinds);
    const context = storyContext(random, category);
    const title = kind.headline(context);
    if (used.titles.has(title) || used.titles.has(slugify(title))) continue;
    used.kinds.set(kind, (used.kinds.get(kind) ?? 0) + 1);
    const taken = new Set<(c: StoryContext) => string>();
    const text = [random.pick(kind.ledes)(context)];
    for (const pool of body(random, category)) {
      const left = pool.filter((p) => !taken.has(p));
      if (left.length === 0) continue;
      const paragraph = random.pick(left);
      taken.add(paragraph);
      text.push(paragraph(context));
    }
    const html = text.map((t) => wpHtmlText(t));
    html[0] = linkCompany(html[0] as string, context.co.name);
    if (category === 'Opinion' && html.length < 5) html.push(`<em>${wpHtmlText(OPINION_NOTE)}</em>`);
    return { context, title, text, html };
  }
  throw new Error(`writeStory: could not find an unused ${category} headline in 60 attempts`);
}
