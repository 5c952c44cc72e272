// The read-count exports for one week, in four CSV dialects: GA4 "Pages and screens", Plausible, Matomo
// and a plain `url,views`. Each is drawn from the same expected reads with its own bias and noise, as real
// tools disagree a little (ad blockers, sampling, what counts as a view).
import { DAY_MS, compactDate, type SampleWeek } from './calendar.js';
import type { PageReads } from './audience.js';
import { SITE_URL } from './model.js';
import { rng, type Rng } from './rng.js';

interface Row {
  path: string;
  url: string;
  views: number;
}

/** Each tool's count: expected reads x bias x noise, rounded; pages under one view are left out. */
function counted(reads: readonly PageReads[], random: Rng, bias: number, sigma: number): Row[] {
  return reads
    .map((r) => ({ path: r.path, url: r.url, views: Math.round(r.views * bias * random.noise(sigma)) }))
    .filter((r) => r.views >= 1)
    .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path));
}

/** CSV field: quoted when it holds a comma, quote or newline. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csv = (rows: readonly (readonly (string | number)[])[]): string => rows.map((r) => r.map(field).join(',')).join('\n') + '\n';

/** GA4 writes counts of 1,000 and more with a thousands separator. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** GA4 "Pages and screens: Page path and screen class" export, with its comment header and totals row. */
export function ga4Csv(reads: readonly PageReads[], week: SampleWeek): string {
  const random = rng(`ga4:${week.key}`);
  const rows = counted(reads, random, 1, 0.06).map((r) => {
    const users = Math.max(1, Math.round(r.views * (0.72 + random.next() * 0.16)));
    const engagement = Math.round(users * (r.path === '/' ? 14 : 38 + random.next() * 40));
    const events = Math.round(r.views * (3.2 + random.next() * 0.8));
    const keyEvents = r.path === '/newsletter/' ? Math.round(r.views * 0.11) : 0;
    return { ...r, users, engagement, events, keyEvents };
  });
  const total = (k: 'views' | 'users' | 'engagement' | 'events' | 'keyEvents'): number => rows.reduce((s, r) => s + r[k], 0);
  const activeUsers = Math.round(total('users') * 0.38);
  const header = [
    '# ----------------------------------------',
    '# Pages and screens: Page path and screen class',
    '# Account: Identity Wire',
    '# Property: identitywire.example - GA4',
    '# ----------------------------------------',
    '#',
    '# All Users',
    `# Start date: ${compactDate(week.start)}`,
    `# End date: ${compactDate(new Date(week.end.getTime() - DAY_MS))}`,
    '',
    '',
  ].join('\n');
  const line = (path: string, views: number, users: number, engagement: number, events: number, keyEvents: number): (string | number)[] => [
    path, grouped(views), grouped(users), views / users, engagement / users, grouped(events), keyEvents, 0,
  ];
  return header + csv([
    ['Page path and screen class', 'Views', 'Active users', 'Views per active user', 'Average engagement time per active user', 'Event count', 'Key events', 'Total revenue'],
    line('', total('views'), activeUsers, total('engagement'), total('events'), total('keyEvents')),
    ...rows.map((r) => line(r.path, r.views, r.users, r.engagement, r.events, r.keyEvents)),
  ]);
}

/** Plausible "Top pages" export: `name,visitors,pageviews,bounce_rate,time_on_page`. */
export function plausibleCsv(reads: readonly PageReads[], week: SampleWeek): string {
  const random = rng(`plausible:${week.key}`);
  const rows = counted(reads, random, 0.93, 0.08).map((r) => ({
    ...r,
    visitors: Math.max(1, Math.round(r.views * (0.74 + random.next() * 0.14))),
    bounce: r.path === '/' ? random.int(28, 40) : random.int(55, 82),
    time: r.path === '/' ? random.int(20, 45) : random.int(48, 190),
  }));
  rows.sort((a, b) => b.visitors - a.visitors || a.path.localeCompare(b.path));
  return csv([['name', 'visitors', 'pageviews', 'bounce_rate', 'time_on_page'], ...rows.map((r) => [r.path, r.visitors, r.views, r.bounce, r.time])]);
}

/** Matomo Actions > Pages, flattened: `label,nb_visits,nb_hits,sum_time_spent,url` (label = path without `/`). */
export function matomoCsv(reads: readonly PageReads[], week: SampleWeek): string {
  const random = rng(`matomo:${week.key}`);
  const rows = counted(reads, random, 0.86, 0.08).map((r) => ({
    ...r,
    visits: Math.max(1, Math.round(r.views * (0.8 + random.next() * 0.12))),
    time: Math.round(r.views * (30 + random.next() * 90)),
  }));
  return csv([['label', 'nb_visits', 'nb_hits', 'sum_time_spent', 'url'], ...rows.map((r) => [r.path.slice(1), r.visits, r.views, r.time, r.url])]);
}

/** A plain two-column export with absolute URLs: `url,views`. */
export function plainCsv(reads: readonly PageReads[], week: SampleWeek): string {
  const random = rng(`plain:${week.key}`);
  return csv([['url', 'views'], ...counted(reads, random, 0.97, 0.05).map((r) => [`${SITE_URL}${r.path}`, r.views])]);
}
