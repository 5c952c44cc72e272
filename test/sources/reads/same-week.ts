// One week's reads, written in the dialect of every read source: CSV exports (GA4, Plausible, Matomo, plain),
// an access log, WordPress Popular Posts, and what the GA4, Plausible and Matomo APIs answer. Each spells the
// pages its own way (trailing slashes, full URLs, %2C, tracking queries, a row split in two, a plain permalink),
// and all of them, matched to page keys, must give TRUTH.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BROWSER, GOOGLEBOT, logLine } from './helpers.js';

export const SITE = 'https://www.identitywire.example';

/** Page key -> reads in 2026-W48. */
export const TRUTH: Record<string, number> = {
  '/news/2026/11/veridex-liveness-detection-banks': 9,
  '/news/2026/11/eu-digital-identity-wallet-pilot': 7,
  '/opinion/why-passkeys-win': 4,
  '/news/2026/11/rates,-fees-and-limits': 3,
  '/?p=42': 2,
};

const V = '/news/2026/11/veridex-liveness-detection-banks';
const W = '/news/2026/11/eu-digital-identity-wallet-pilot';
const P = '/opinion/why-passkeys-win';
const R = '/news/2026/11/rates%2C-fees-and-limits';

/** [page as the tool writes it, views]: the GA4 flavour (paths with trailing slashes, a split row). */
export const GA4_ROWS: [string, number][] = [[`${V}/`, 9], [`${W}/`, 5], [`${W}/?utm_source=newsletter`, 2], [`${P}/`, 4], [`${R}/`, 3], ['/?p=42', 2]];
/** Plausible: paths without trailing slashes, commas decoded. */
export const PLAUSIBLE_ROWS: [string, number][] = [[V, 9], [W, 7], [P, 4], ['/news/2026/11/rates,-fees-and-limits', 3], ['/?p=42', 2]];
/** Matomo: full URLs. */
export const MATOMO_ROWS: [string, number][] = [[`${SITE}${V}/`, 9], [`${SITE}${W}/`, 6], [`${SITE}${W}/?utm_medium=email`, 1], [`${SITE}${P}/`, 4], [`${SITE}${R}/`, 3], [`${SITE}/?p=42`, 2]];

/** Writes every file-based dialect into `dir`; returns their names. */
export async function writeSameWeek(dir: string): Promise<Record<'ga4' | 'plausible' | 'matomo' | 'plain' | 'log' | 'wpp', string>> {
  const files = {
    ga4: 'same-ga4.csv',
    plausible: 'same-plausible.csv',
    matomo: 'same-matomo.csv',
    plain: 'same-plain.csv',
    log: 'same-access.log',
    wpp: 'same-wpp.json',
  };
  const csv = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => (String(c).includes(',') ? `"${c}"` : c)).join(',')).join('\n') + '\n';
  await writeFile(
    join(dir, files.ga4),
    '# Pages and screens\n# Start date: 20261123\n# End date: 20261129\n\n' +
      csv([['Page path and screen class', 'Views', 'Active users'], ['', 25, 20], ...GA4_ROWS.map(([p, v]) => [p, v, v])]),
  );
  await writeFile(join(dir, files.plausible), csv([['name', 'visitors', 'pageviews'], ...PLAUSIBLE_ROWS.map(([p, v]) => [p, v, v])]));
  await writeFile(join(dir, files.matomo), csv([['label', 'nb_visits', 'nb_hits', 'url'], ...MATOMO_ROWS.map(([u, v]) => [new URL(u).pathname, v, v, u])]));
  await writeFile(join(dir, files.plain), csv([['url', 'views'], [`${SITE}${V}`, 9], [W, 7], [`${P}/?utm_campaign=x`, 4], [R.replace('%2C', '%2c'), 3], [`${SITE}/?p=42`, 2]]));
  await writeFile(join(dir, files.log), accessLog().join('\n') + '\n');
  await writeFile(
    join(dir, files.wpp),
    JSON.stringify(MATOMO_ROWS.filter(([u]) => !u.includes('utm_')).map(([link, views], i) => ({ id: i + 1, link, pageviews: link.includes(W) ? String(views + 1) : views }))),
  );
  return files;
}

/** A read is a visitor's first GET of a page on a day: one line per read, plus lines that are not reads. */
function accessLog(): string[] {
  const forms: Record<string, string[]> = {
    '/news/2026/11/veridex-liveness-detection-banks': [`${V}/`, V, `${V}/?utm_source=x`],
    '/news/2026/11/eu-digital-identity-wallet-pilot': [`${W}/`, `${W}?fbclid=1`],
    '/opinion/why-passkeys-win': [`${P}/`],
    '/news/2026/11/rates,-fees-and-limits': [`${R}/`, '/news/2026/11/rates,-fees-and-limits', R.replace('%2C', '%2c')],
    '/?p=42': ['/?p=42', '/?utm_source=x&p=42'],
  };
  const lines: string[] = [];
  for (const [key, views] of Object.entries(TRUTH)) {
    const targets = forms[key]!;
    for (let i = 0; i < views; i++) {
      const ip = `198.51.100.${lines.length + 1}`;
      const target = targets[i % targets.length]!;
      lines.push(logLine({ ip, time: `2${4 + (i % 5)}/Nov/2026:10:0${i % 10}:00 +0000`, target }));
      // The same visitor again that day, a bot, and the page's image: none is another read.
      lines.push(logLine({ ip, time: `2${4 + (i % 5)}/Nov/2026:11:00:00 +0000`, target }));
    }
    lines.push(logLine({ ip: '66.249.66.1', time: '25/Nov/2026:03:00:00 +0000', target: targets[0]!, agent: GOOGLEBOT }));
    lines.push(logLine({ ip: '203.0.113.5', time: '25/Nov/2026:03:00:00 +0000', target: '/wp-content/uploads/2026/11/photo.jpg', agent: BROWSER }));
  }
  // A read the week before does not count.
  lines.push(logLine({ ip: '203.0.113.9', time: '22/Nov/2026:23:59:59 +0000', target: `${V}/` }));
  return lines;
}
