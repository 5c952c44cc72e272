// One week of the site's nginx access log (combined format), from the same expected reads as the analytics
// exports: readers (popularity-skewed, mostly in the days after publication, some re-reading a page the
// same day, some arriving with tracking parameters), the assets their browsers fetch, crawlers, feed
// readers, the app's REST calls, scanners and their 404s and POSTs, three broken lines, and a few lines
// from just before and just after the week.
import { DAY_MS, nginxTime, type SampleWeek } from './calendar.js';
import { OTHER_PAGES, dayReads } from './audience.js';
import { APP_AGENT, CRAWLERS, FEED_READERS, HUMAN_AGENTS, SCANNER_AGENTS, readerIp } from './log-agents.js';
import { SITE_URL, type Article } from './model.js';
import { rng, type Rng } from './rng.js';

/** Share of the analytics reads that the log sees as story requests (caching, AMP, apps). */
const LOG_SHARE = 0.3;
/** Readers by hour of day (UTC = London here): a working-hours curve with an evening tail. */
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4, 4.5, 4.2, 4, 3.8, 4, 4, 3.8, 3.5, 3, 2.5, 2.2, 2, 1.8, 1.5, 1.2];
const THEME = '/wp-content/themes/identitywire';
const ASSETS = [
  { path: `${THEME}/style.css?ver=2.4.1`, bytes: 18342 },
  { path: `${THEME}/js/main.js?ver=2.4.1`, bytes: 9214 },
  { path: '/wp-includes/js/jquery/jquery.min.js?ver=3.7.1', bytes: 30567 },
  { path: '/wp-content/plugins/wordpress-popular-posts/assets/js/wpp.min.js?ver=7.1.0', bytes: 2210 },
];
const REFERERS = ['https://www.google.com/', 'https://www.google.co.uk/', 'https://www.bing.com/', 'https://duckduckgo.com/', 'https://news.google.com/', 'https://t.co/', 'https://www.linkedin.com/', 'internal', '-'];
const REFERER_WEIGHTS = [30, 8, 5, 3, 6, 6, 9, 15, 18];
const PROBES = [
  { path: '/.env', status: 404 }, { path: '/.git/config', status: 404 }, { path: '/phpmyadmin/', status: 404 },
  { path: '/wp-content/plugins/wp-file-manager/readme.txt', status: 404 }, { path: '/wp-config.php.bak', status: 404 },
  { path: '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', status: 404 }, { path: '/wp-login.php', status: 200 },
  { path: '/xmlrpc.php', status: 405 },
];
const DEAD_LINKS = ['/2025/06/03/estmark-passport-office-backlog/', '/category/events/', '/2026/11/31/correction/', '/media/old-logo.png'];

interface Visitor {
  ip: string;
  ua: string;
  proto: string;
}

/** Collects lines with their time; sorted once at the end (ties keep insertion order). */
class Lines {
  private readonly rows: { t: number; seq: number; line: string }[] = [];
  constructor(readonly lo: number, readonly hi: number) {}
  add(t: number, ip: string, request: string, status: number, bytes: number, referer: string, ua: string): void {
    const at = Math.floor(t / 1000) * 1000;
    if (at < this.lo || at >= this.hi) return;
    const line = `${ip} - - [${nginxTime(new Date(at))}] "${request}" ${status} ${bytes} "${referer}" "${ua}"`;
    this.rows.push({ t: at, seq: this.rows.length, line });
  }
  raw(t: number, line: string): void {
    this.rows.push({ t, seq: this.rows.length, line });
  }
  text(): string {
    return `${this.rows.sort((a, b) => a.t - b.t || a.seq - b.seq).map((r) => r.line).join('\n')}\n`;
  }
}

/** The log's text for `week` (uncompressed). `fileBytes` gives the size of a /media/ file for its lines. */
export function accessLog(articles: readonly Article[], week: SampleWeek, fileBytes: (path: string) => number): string {
  const random = rng(`access-log:${week.key}`);
  const margin = 10 * 60_000;
  const log = new Lines(week.start.getTime() - margin, week.end.getTime() + margin);
  const visitors: Visitor[] = Array.from({ length: 6000 }, () => {
    const agent = random.weighted(HUMAN_AGENTS, HUMAN_AGENTS.map((a) => a.weight));
    return { ip: readerIp(random), ua: agent.ua, proto: agent.h2 ? 'HTTP/2.0' : 'HTTP/1.1' };
  });
  const visitor = (): Visitor => visitors[Math.floor(visitors.length * random.next() ** 2.2)] as Visitor;
  const pageBytes = (path: string): number => 38_000 + (rng(`bytes:${path}`).int(0, 24_000)) + random.int(0, 400);
  const days: Date[] = [];
  for (let d = week.start.getTime() - DAY_MS; d <= week.end.getTime(); d += DAY_MS) days.push(new Date(d));
  const timeIn = (day: Date, notBefore = 0): number => {
    const t = day.getTime() + random.weighted(HOURS, HOUR_WEIGHTS) * 3_600_000 + random.int(0, 3599) * 1000;
    return t >= notBefore ? t : notBefore + random.int(30, 3 * 3600) * 1000;
  };
  const roundRandom = (x: number): number => Math.floor(x + random.next());

  const view = (path: string, t: number, article?: Article): void => {
    const v = visitor();
    const ref = random.weighted(REFERERS, REFERER_WEIGHTS);
    const referer = ref === 'internal' ? `${SITE_URL}${random.pick(['/', '/', '/category/digital-id/', '/category/biometrics-news/'])}` : ref;
    const query = random.chance(0.07)
      ? random.pick(['?utm_source=twitter&utm_medium=social', '?utm_source=linkedin&utm_medium=social&utm_campaign=daily', `?utm_source=newsletter&utm_medium=email&utm_campaign=${week.key}`, '?fbclid=IwZXh0bgNhZW0CMTEAAR0xY'])
      : '';
    let at = t;
    if (path !== '/' && random.chance(0.015)) {
      log.add(at, v.ip, `GET ${path.slice(0, -1)} ${v.proto}`, 301, 0, referer, v.ua);
      at += 1000;
    }
    log.add(at, v.ip, `GET ${path}${query} ${v.proto}`, 200, pageBytes(path), referer, v.ua);
    if (random.chance(0.25)) {
      for (const asset of random.shuffle(ASSETS).slice(0, random.int(1, 3))) log.add(at + 1000, v.ip, `GET ${asset.path} ${v.proto}`, 200, asset.bytes, `${SITE_URL}${path}`, v.ua);
      if (article?.image) log.add(at + 1000, v.ip, `GET /${article.image.file} ${v.proto}`, 200, fileBytes(article.image.file), `${SITE_URL}${path}`, v.ua);
    }
    if (article?.kind === 'post' && random.chance(0.2)) {
      log.add(at + random.int(2, 20) * 1000, v.ip, `POST /wp-json/wordpress-popular-posts/v1/popular-posts ${v.proto}`, 201, 55, `${SITE_URL}${path}`, v.ua);
    }
    if (random.chance(0.08)) {
      log.add(at + random.int(120, 5400) * 1000, v.ip, `GET ${path} ${v.proto}`, 200, pageBytes(path), random.chance(0.5) ? '-' : `${SITE_URL}/`, v.ua);
    }
  };

  // Readers: each story's expected reads that day, shared out over the day's hours.
  for (const article of articles) {
    const bias = LOG_SHARE * random.noise(0.1);
    for (const day of days) {
      const n = roundRandom(dayReads(article, day) * bias);
      for (let i = 0; i < n; i++) view(article.path, timeIn(day, article.publishedAt.getTime()), article);
    }
  }
  for (const page of OTHER_PAGES) {
    for (const day of days) {
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      const n = roundRandom((page.weeklyViews / 7) * LOG_SHARE * (weekend ? 0.6 : 1));
      for (let i = 0; i < n; i++) view(page.path, timeIn(day));
    }
  }
  machines(random, log, articles, days, fileBytes);
  broken(random, log, week);
  return log.text();
}

/** Crawlers, feed readers, the app, scanners, dead links and POSTs. */
function machines(random: Rng, log: Lines, articles: readonly Article[], days: readonly Date[], fileBytes: (path: string) => number): void {
  for (const day of days) {
    const t0 = day.getTime();
    const posts = articles.filter((a) => a.publishedAt.getTime() < t0);
    for (const bot of CRAWLERS) {
      const n = Math.round(bot.perDay * random.noise(0.15));
      for (let i = 0; i < n; i++) {
        const t = t0 + random.int(0, 86_399) * 1000;
        const ip = random.pick(bot.ips);
        const kind = random.weighted(['robots', 'feed', 'story', 'page', 'image', 'dead'], [8, 7, 55, 15, 10, 5]);
        const story = posts.length > 0 ? random.pick(posts) : undefined;
        const [path, status, bytes] =
          kind === 'robots' ? ['/robots.txt', 200, 412]
          : kind === 'feed' ? [random.pick(['/feed/', '/wp-sitemap.xml', '/wp-sitemap-posts-post-1.xml']), 200, 68_112]
          : kind === 'story' && story ? [story.path, 200, 38_000 + rng(`bytes:${story.path}`).int(0, 24_000)]
          : kind === 'page' ? [random.pick(OTHER_PAGES).path, 200, 41_220]
          : kind === 'image' && story?.image ? [`/${story.image.file}`, 200, fileBytes(story.image.file)]
          : [random.pick(DEAD_LINKS), 404, 5123];
        log.add(t, ip, `GET ${path} HTTP/1.1`, status, bytes, '-', bot.ua);
      }
    }
    for (const reader of FEED_READERS) {
      for (let m = random.int(0, reader.every - 1); m < 1440; m += reader.every) {
        const t = t0 + m * 60_000 + random.int(0, 59) * 1000;
        const fresh = articles.some((a) => a.kind === 'post' && a.publishedAt.getTime() <= t && a.publishedAt.getTime() > t - reader.every * 60_000);
        log.add(t, reader.ip, 'GET /feed/ HTTP/1.1', fresh ? 200 : 304, fresh ? 68_112 : 0, '-', reader.ua);
      }
    }
    const some = (perDay: number, add: (t: number) => void): void => {
      const n = Math.round(perDay * random.noise(0.3));
      for (let i = 0; i < n; i++) add(t0 + random.int(0, 86_399) * 1000);
    };
    some(60, (t) => log.add(t, readerIp(random), 'GET /wp-json/wp/v2/posts?per_page=20&_embed=1 HTTP/2.0', 200, 91_234, '-', APP_AGENT));
    some(22, (t) => {
      const probe = random.pick(PROBES);
      log.add(t, readerIp(random), `GET ${probe.path} HTTP/1.1`, probe.status, probe.status === 200 ? 4521 : 5123, '-', random.pick(SCANNER_AGENTS));
    });
    some(6, (t) => log.add(t, readerIp(random), `GET ${random.pick(DEAD_LINKS)} HTTP/2.0`, 404, 5123, 'https://www.google.com/', random.pick(HUMAN_AGENTS).ua));
    some(8, (t) => log.add(t, readerIp(random), 'POST /wp-login.php HTTP/1.1', 200, 4521, `${SITE_URL}/wp-login.php`, 'python-requests/2.32.3'));
    some(4, (t) => log.add(t, readerIp(random), 'POST /xmlrpc.php HTTP/1.1', 403, 153, '-', 'Mozilla/5.0 zgrab/0.x'));
    some(12, (t) => log.add(t, readerIp(random), 'POST /wp-admin/admin-ajax.php HTTP/2.0', 200, 47, `${SITE_URL}${random.pick<{ path: string }>(posts.length > 0 ? posts : OTHER_PAGES).path}`, random.pick(HUMAN_AGENTS).ua));
    some(3, (t) => log.add(t, readerIp(random), 'POST /newsletter/ HTTP/2.0', 303, 0, `${SITE_URL}/newsletter/`, random.pick(HUMAN_AGENTS).ua));
  }
}

/** Three lines a parser must survive: one cut short, the rest of it on the next line, and TLS bytes. */
function broken(random: Rng, log: Lines, week: SampleWeek): void {
  const t = week.start.getTime() + random.int(1, 6) * DAY_MS + random.int(0, 86_399) * 1000;
  const ua = HUMAN_AGENTS[0]?.ua ?? '-';
  log.raw(t, `203.0.113.58 - - [${nginxTime(new Date(t))}] "GET /category/digital-id/ HTTP/2.0" 200 4`);
  log.raw(t, `1211 "https://www.google.com/" "${ua}"`);
  const t2 = week.start.getTime() + random.int(0, 6) * DAY_MS + random.int(0, 86_399) * 1000;
  log.raw(t2, `192.0.2.33 - - [${nginxTime(new Date(t2))}] "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03\\x9A" 400 157 "-" "-"`);
}
