// The site's articles for weeks 2026-W45..W48: how many per day, when, in which categories, by whom, with
// which picture, and how popular each will be. Newest last; the feed writer reverses the order.
import { DAY_MS, SAMPLE_WEEKS, datePath } from './calendar.js';
import { STORY_IMAGES, imageRef } from './images.js';
import { SITE_URL, type Article, type ImageRef } from './model.js';
import { rng, type Rng } from './rng.js';
import { CATEGORIES, type Category } from './story-context.js';
import { AUTHOR_BEATS } from './vocabulary.js';
import { writeStory, type Used } from './write-story.js';
import { firstWords, slugify } from './wp-text.js';

/** Stories per day, Monday first: several per weekday, fewer at weekends (17 + 19 + 18 + 18 = 72). */
const DAILY: readonly (readonly number[])[] = [
  [3, 4, 3, 3, 3, 1, 0],
  [4, 4, 3, 4, 3, 1, 0],
  [3, 4, 4, 3, 3, 0, 1],
  [4, 3, 4, 3, 3, 1, 0],
];

/** Typical lifetime reads by category (log scale) and how much stories vary around it. */
const POPULARITY: Record<Category, number> = {
  'Biometrics News': 7.0,
  'Digital ID': 7.2,
  Surveillance: 7.4,
  'Border Control': 7.0,
  'Financial Services': 6.8,
  Opinion: 7.2,
  'Trade Notes': 6.2,
};

/** Publication times for `count` stories on `day` (midnight), in order. */
function timesOfDay(random: Rng, day: Date, count: number): Date[] {
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const [from, to] = weekend ? [9 * 60, 16 * 60] : [6 * 60 + 30, 18 * 60 + 30];
  const minutes = new Set<number>();
  while (minutes.size < count) minutes.add(random.int(from, to));
  return [...minutes]
    .sort((a, b) => a - b)
    .map((m) => new Date(day.getTime() + m * 60_000 + (random.chance(0.4) ? 0 : random.int(1, 59) * 1000)));
}

/** The week's main categories: at least 3 Opinion and 3 Digital ID, the rest spread over the others. */
function weekCategories(random: Rng, count: number): Category[] {
  const rest = CATEGORIES.filter((c) => c !== 'Opinion' && c !== 'Digital ID');
  const list: Category[] = ['Opinion', 'Opinion', 'Opinion', 'Digital ID', 'Digital ID', 'Digital ID'];
  if (random.chance(0.5)) list.push('Digital ID');
  while (list.length < count) list.push(random.weighted(rest, [4, 3, 3, 3, 2]));
  return random.shuffle(list);
}

/** Extra categories a story is also filed under (1-3 in all). */
function alsoFiledUnder(random: Rng, main: Category): Category[] {
  const extra: Category[] = [];
  if (main !== 'Biometrics News' && main !== 'Opinion' && random.chance(0.45)) extra.push('Biometrics News');
  if (main === 'Opinion' && random.chance(0.5)) extra.push(random.pick(['Digital ID', 'Surveillance', 'Border Control'] as const));
  if (main === 'Trade Notes' && random.chance(0.3)) extra.push('Financial Services');
  if (main === 'Surveillance' && random.chance(0.25)) extra.push('Trade Notes');
  return extra.slice(0, 2);
}

/** Picks a picture that suits the category, avoiding the last few used. */
function pickImage(random: Rng, category: Category, recent: string[]): ImageRef {
  const suits = STORY_IMAGES.filter((i) => i.themes.includes(category) && !recent.includes(i.name));
  const spec = suits.length > 0 ? random.pick(suits) : random.pick(STORY_IMAGES.filter((i) => !recent.includes(i.name)));
  recent.push(spec.name);
  if (recent.length > 4) recent.shift();
  return imageRef(spec);
}

/** All 72 articles of the sample, oldest first, with WordPress post ids from `firstId` upwards. */
export function buildPosts(firstId: number): Article[] {
  const random = rng('posts');
  const used: Used = { titles: new Set<string>(), kinds: new Map() };
  const recentImages: string[] = [];
  const posts: Article[] = [];
  let id = firstId;
  SAMPLE_WEEKS.forEach((week, w) => {
    const daily = DAILY[w] ?? [];
    const categories = weekCategories(random, daily.reduce((s, n) => s + n, 0));
    const weekPosts: Article[] = [];
    daily.forEach((count, d) => {
      const day = new Date(week.start.getTime() + d * DAY_MS);
      const times = timesOfDay(random, day, count);
      // One story each issue week is scheduled for midnight, the window's first instant (W47).
      if (w === 2 && d === 0) times[0] = new Date(day.getTime());
      for (const publishedAt of times) {
        const main = categories.shift() ?? 'Biometrics News';
        const story = writeStory(random, main, used);
        let slug = slugify(story.title);
        if (used.titles.has(slug)) slug = `${slug}-2`;
        used.titles.add(story.title);
        used.titles.add(slug);
        const path = `/${datePath(publishedAt)}/${slug}/`;
        id += random.int(3, 29);
        const noImage = (main === 'Trade Notes' && random.chance(0.5)) || random.chance(0.05);
        const image = noImage ? undefined : pickImage(random, main, recentImages);
        weekPosts.push({
          ...(image ? { image } : {}),
          kind: 'post',
          id,
          slug,
          title: story.title,
          url: `${SITE_URL}${path}`,
          path,
          publishedAt,
          authors: [random.pick(AUTHOR_BEATS[main] ?? ['Helen Okafor'])],
          categories: [main, ...alsoFiledUnder(random, main)],
          tags: [],
          paragraphs: story.html,
          excerpt: firstWords(story.text[0] ?? '', 32),
          popularity: random.logNormal(POPULARITY[main], 0.75),
        });
      }
    });
    // Editor's picks: one or two a week, never Trade Notes.
    const candidates = weekPosts.filter((p) => p.categories[0] !== 'Trade Notes');
    for (const pick of random.shuffle(candidates).slice(0, random.int(1, 2))) {
      pick.tags.push('editors-pick');
      pick.popularity *= 1.3;
    }
    posts.push(...weekPosts);
  });
  return posts;
}
