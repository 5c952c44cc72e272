import { describe, expect, it } from 'vitest';
import { AccessLogCounter } from '../../../src/sources/reads/access-log-counter.js';
import type { WeekWindow } from '../../../src/types.js';
import { GOOGLEBOT, OTHER_BROWSER, WEEK, logLine } from './helpers.js';

const STORY = '/news/2026/11/a-story';

function count(lines: string[], options: { window?: WeekWindow; storyPaths?: Set<string> } = {}) {
  const counter = new AccessLogCounter({ source: 'log', window: options.window ?? WEEK, storyPaths: options.storyPaths });
  lines.forEach((line, i) => counter.add(line, 'access.log', i + 1));
  const result = counter.result();
  return { ...result, views: Object.fromEntries(result.items.map((r) => [r.page, r.views])) };
}

describe('AccessLogCounter', () => {
  it('counts a GET answered 200 or 304 by a browser', () => {
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:00 +0000', target: `${STORY}/` }),
      logLine({ ip: '192.0.2.2', time: '24/Nov/2026:09:31:00 +0000', target: `${STORY}/`, status: 304 }),
    ]);
    expect(views).toEqual({ [STORY]: 2 });
  });

  it('drops bots, and clients without a user agent', () => {
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:00 +0000', target: STORY }),
      logLine({ ip: '66.249.66.1', time: '24/Nov/2026:09:30:00 +0000', target: STORY, agent: GOOGLEBOT }),
      logLine({ ip: '192.0.2.3', time: '24/Nov/2026:09:30:00 +0000', target: STORY, agent: 'curl/8.5.0' }),
      logLine({ ip: '192.0.2.4', time: '24/Nov/2026:09:30:00 +0000', target: STORY, agent: '-' }),
      logLine({ ip: '192.0.2.5', time: '24/Nov/2026:09:30:00 +0000', target: STORY, agent: '' }),
    ]);
    expect(views).toEqual({ [STORY]: 1 });
  });

  it('counts the same visitor once a day on a page, and again on another day', () => {
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:00:00:00 +0000', target: STORY }),
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:12:00:00 +0000', target: `${STORY}/?utm_source=x` }),
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:23:59:59 +0000', target: STORY }),
      logLine({ ip: '192.0.2.1', time: '25/Nov/2026:00:00:00 +0000', target: STORY }),
      // Same address, another browser: another visitor. Same browser, another address: another visitor.
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:12:00:00 +0000', target: STORY, agent: OTHER_BROWSER }),
      logLine({ ip: '192.0.2.9', time: '24/Nov/2026:12:00:00 +0000', target: STORY }),
      // Same visitor, another page.
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:12:00:00 +0000', target: '/other' }),
    ]);
    expect(views).toEqual({ [STORY]: 4, '/other': 1 });
  });

  it('takes the day in the window time zone, not the UTC date', () => {
    const newYork: WeekWindow = {
      key: '2026-W48',
      start: '2026-11-23T00:00:00-05:00',
      end: '2026-11-30T00:00:00-05:00',
      timeZone: 'America/New_York',
      hours: 168,
    };
    // 22:00 and 23:30 New York time on the 24th are the 25th in UTC; 01:00 on the 25th is another local day.
    const lines = [
      logLine({ time: '24/Nov/2026:22:00:00 -0500', target: STORY }),
      logLine({ time: '25/Nov/2026:04:30:00 +0000', target: STORY }),
      logLine({ time: '25/Nov/2026:01:00:00 -0500', target: STORY }),
    ];
    expect(count(lines, { window: newYork }).views).toEqual({ [STORY]: 2 });
  });

  it('keeps the window exact, honouring each line\'s offset', () => {
    const { views } = count([
      // 2026-11-22T23:59:59Z: one second early.
      logLine({ ip: '192.0.2.1', time: '22/Nov/2026:18:59:59 -0500', target: '/early' }),
      // 2026-11-23T00:00:00Z: the first instant of the window.
      logLine({ ip: '192.0.2.2', time: '23/Nov/2026:01:00:00 +0100', target: '/first' }),
      // 2026-11-29T23:59:59Z: the last second.
      logLine({ ip: '192.0.2.3', time: '29/Nov/2026:18:59:59 -0500', target: '/last' }),
      // 2026-11-30T00:00:00Z: the end is excluded.
      logLine({ ip: '192.0.2.4', time: '30/Nov/2026:01:00:00 +0100', target: '/end' }),
      logLine({ ip: '192.0.2.5', time: '29/Nov/2026:19:00:00 -0500', target: '/end' }),
    ]);
    expect(views).toEqual({ '/first': 1, '/last': 1 });
  });

  it('ignores POST, HEAD, 404, 500 and redirects', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: t, target: STORY, method: 'POST' }),
      logLine({ ip: '192.0.2.2', time: t, target: STORY, method: 'HEAD' }),
      logLine({ ip: '192.0.2.3', time: t, target: STORY, status: 404 }),
      logLine({ ip: '192.0.2.4', time: t, target: STORY, status: 500 }),
      logLine({ ip: '192.0.2.5', time: t, target: STORY, status: 301 }),
      logLine({ ip: '192.0.2.6', time: t, target: STORY, method: 'GETS' }),
      // 206 is a 2xx: counted.
      logLine({ ip: '192.0.2.7', time: t, target: STORY, status: 206 }),
    ]);
    expect(views).toEqual({ [STORY]: 1 });
  });

  it('merges query strings, fragments and trailing slashes into one path key', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: t, target: STORY }),
      logLine({ ip: '192.0.2.2', time: t, target: `${STORY}/` }),
      logLine({ ip: '192.0.2.3', time: t, target: `${STORY}/?utm_source=newsletter&utm_medium=email` }),
      logLine({ ip: '192.0.2.4', time: t, target: `${STORY}?amp=1` }),
      logLine({ ip: '192.0.2.5', time: t, target: `https://www.identitywire.example${STORY}/` }),
    ]);
    expect(views).toEqual({ [STORY]: 5 });
  });

  it('keeps the query parameters that name a page (plain permalinks) and normalises percent-encoding', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views } = count([
      logLine({ ip: '192.0.2.1', time: t, target: '/?p=12' }),
      logLine({ ip: '192.0.2.2', time: t, target: '/?utm_source=x&p=12' }),
      logLine({ ip: '192.0.2.3', time: t, target: '/index.php?p=13' }),
      logLine({ ip: '192.0.2.4', time: t, target: '/?p=14&replytocom=2' }),
      logLine({ ip: '192.0.2.5', time: t, target: '/news/rates%2C-fees' }),
      logLine({ ip: '192.0.2.6', time: t, target: '/news/rates,-fees/' }),
      logLine({ ip: '192.0.2.7', time: t, target: '/news/caf%c3%a9' }),
    ]);
    expect(views).toEqual({ '/?p=12': 2, '/index.php?p=13': 1, '/?p=14': 1, '/news/rates,-fees': 2, '/news/café': 1 });
  });

  it('counts story pages given by page key, plain permalinks included', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views } = count(
      [logLine({ time: t, target: '/?p=12' }), logLine({ time: t, target: '/?p=99' }), logLine({ time: t, target: '/' })],
      { storyPaths: new Set(['/?p=12']) },
    );
    expect(views).toEqual({ '/?p=12': 1 });
  });

  it('skips assets and WordPress machinery', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const targets = [
      '/wp-content/uploads/2026/11/photo.jpg', '/wp-includes/js/wp-emoji.min.js', '/wp-admin/admin-ajax.php',
      '/wp-json/wp/v2/posts', '/favicon.ico', '/sitemap.xml', '/robots.txt', '/assets/app.css?v=3',
      '/fonts/inter.woff2', '/logo.svg', '/feed.json', '/xmlrpc.php',
    ];
    const { views } = count([...targets.map((target) => logLine({ time: t, target })), logLine({ time: t, target: '/news/v2.0-released' })]);
    expect(views).toEqual({ '/news/v2.0-released': 1 });
  });

  it('counts only story paths when they are given', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views } = count(
      [logLine({ time: t, target: `${STORY}/` }), logLine({ time: t, target: '/tag/biometrics/' }), logLine({ time: t, target: '/' })],
      { storyPaths: new Set([STORY]) },
    );
    expect(views).toEqual({ [STORY]: 1 });
  });

  it('skips a line that does not parse and reports it with its line number', () => {
    const t = '24/Nov/2026:09:30:00 +0000';
    const { views, problems, skipped } = count([
      logLine({ time: t, target: STORY }),
      '',
      'garbage that is no log line',
      logLine({ time: '24/Nov/2026:25:30:00 +0000', target: STORY }),
      logLine({ ip: '192.0.2.7', time: t, target: STORY }),
    ]);
    expect(views).toEqual({ [STORY]: 2 });
    expect(skipped).toBe(2);
    expect(problems.map((p) => p.where)).toEqual(['access.log:3', 'access.log:4']);
    expect(problems[0]!.message).toContain('garbage that is no log line');
    expect(problems[0]!.source).toBe('log');
  });

  it('keeps the first 20 unparseable lines and sums up the rest', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `junk ${i}`);
    const { problems, skipped } = count(lines);
    expect(skipped).toBe(25);
    expect(problems).toHaveLength(21);
    expect(problems[19]!.where).toBe('access.log:20');
    expect(problems[20]).toMatchObject({ where: 'access.log', message: '5 more unparseable lines' });
    expect(count(lines.slice(0, 21)).problems[20]).toMatchObject({ message: '1 more unparseable line' });
  });

  it('answers the same counts whichever order the lines come in', () => {
    const lines = [
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:00 +0000', target: STORY }),
      logLine({ ip: '192.0.2.1', time: '25/Nov/2026:09:30:00 +0100', target: STORY }),
      logLine({ ip: '192.0.2.2', time: '24/Nov/2026:09:30:00 -0500', target: '/b' }),
      logLine({ ip: '192.0.2.1', time: '24/Nov/2026:09:30:30 +0000', target: `${STORY}/` }),
    ];
    expect(count([...lines].reverse()).items).toEqual(count(lines).items);
    expect(count(lines).views).toEqual({ [STORY]: 2, '/b': 1 });
  });
});
