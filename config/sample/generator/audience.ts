// How many times each page "really" was read, day by day: the truth every read-count file is drawn around.
// Stories are read mostly on the day they appear and the next two or three days, then a long tail;
// weekends are quieter. Each export then adds its own bias and noise (see reads-files.ts, access-log.ts).
import { DAY_MS, HOUR_MS, isWeekend, startOfDay, type SampleWeek } from './calendar.js';
import { SITE_URL, type Article, type OtherPage } from './model.js';
import { rng } from './rng.js';

/** Share of a news story's lifetime reads on the day it appears, the day after, and so on. */
const NEWS_DECAY = [0.3, 0.24, 0.12, 0.07, 0.05];

/** Pages that are not stories: the home page, category pages, and older stories still being read. */
export const OTHER_PAGES: readonly OtherPage[] = [
  { path: '/', weeklyViews: 5200 },
  { path: '/category/biometrics-news/', weeklyViews: 720 },
  { path: '/category/digital-id/', weeklyViews: 640 },
  { path: '/category/opinion/', weeklyViews: 410 },
  { path: '/category/surveillance/', weeklyViews: 380 },
  { path: '/category/border-control/', weeklyViews: 260 },
  { path: '/category/financial-services/', weeklyViews: 240 },
  { path: '/category/trade-notes/', weeklyViews: 150 },
  { path: '/events/', weeklyViews: 310 },
  { path: '/whitepapers/', weeklyViews: 180 },
  { path: '/newsletter/', weeklyViews: 290 },
  { path: '/about/', weeklyViews: 95 },
  { path: '/company/veridex-labs/', weeklyViews: 120 },
  { path: '/2026/10/14/what-is-passive-liveness-detection/', weeklyViews: 430 },
  { path: '/2026/10/21/estmark-digital-id-wallet-the-first-year/', weeklyViews: 180 },
  { path: '/2026/09/30/a-buyers-guide-to-iris-recognition/', weeklyViews: 260 },
  { path: '/2026/10/28/caldera-monetary-authority-fines-bank-over-onboarding-checks/', weeklyViews: 140 },
];

/** Expected reads of `article` on the day starting at `day` (UTC midnight). */
export function dayReads(article: Article, day: Date): number {
  const age = Math.round((day.getTime() - startOfDay(article.publishedAt).getTime()) / DAY_MS);
  if (age < 0) return 0;
  let share = article.kind === 'post' ? (NEWS_DECAY[age] ?? 0.05 * 0.82 ** (age - 4)) : 0.08 * 0.93 ** age;
  if (age === 0) {
    const hoursLeft = (day.getTime() + DAY_MS - article.publishedAt.getTime()) / HOUR_MS;
    share *= Math.min(1, hoursLeft / 16);
  }
  return article.popularity * share * (isWeekend(day) ? 0.6 : 1);
}

/** One page's expected reads in a week. */
export interface PageReads {
  path: string;
  url: string;
  /** Expected reads (not rounded). */
  views: number;
  article?: Article;
}

/** Expected reads of every page in `week`: stories published up to the week's end, and the other pages. */
export function weekReads(articles: readonly Article[], week: SampleWeek): PageReads[] {
  const out: PageReads[] = [];
  for (const article of articles) {
    if (article.publishedAt >= week.end) continue;
    let views = 0;
    for (let d = week.start.getTime(); d < week.end.getTime(); d += DAY_MS) views += dayReads(article, new Date(d));
    if (views >= 0.5) out.push({ path: article.path, url: article.url, views, article });
  }
  const random = rng(`other-pages:${week.key}`);
  for (const page of OTHER_PAGES) {
    out.push({ path: page.path, url: `${SITE_URL}${page.path}`, views: page.weeklyViews * random.noise(0.1) });
  }
  return out.sort((a, b) => b.views - a.views || a.path.localeCompare(b.path));
}
