// Who shows up in the access log: readers' browsers, search and AI crawlers, feed readers, an app, and
// scanners. Every address comes from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24, 2001:db8::/32), so nothing in the sample points at a real host.
import type { Rng } from './rng.js';

export const HUMAN_AGENTS: readonly { ua: string; weight: number; h2: boolean }[] = [
  { ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', weight: 30, h2: true },
  { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', weight: 14, h2: true },
  { ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', weight: 16, h2: true },
  { ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36', weight: 9, h2: true },
  { ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', weight: 12, h2: true },
  { ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0', weight: 6, h2: true },
  { ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', weight: 2, h2: false },
  { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', weight: 7, h2: true },
  { ua: 'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1', weight: 3, h2: false },
  { ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36', weight: 1, h2: false },
];

export interface Crawler {
  name: string;
  ua: string;
  ips: readonly string[];
  perDay: number;
}

export const CRAWLERS: readonly Crawler[] = [
  { name: 'googlebot', ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', ips: ['198.51.100.66', '198.51.100.67', '198.51.100.71'], perDay: 130 },
  { name: 'googlebot-smartphone', ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', ips: ['198.51.100.68', '198.51.100.69'], perDay: 60 },
  { name: 'bingbot', ua: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', ips: ['198.51.100.130', '198.51.100.131'], perDay: 70 },
  { name: 'ahrefs', ua: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', ips: ['192.0.2.201', '192.0.2.202'], perDay: 50 },
  { name: 'gptbot', ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)', ips: ['2001:db8:4f1a::21', '2001:db8:4f1a::22'], perDay: 35 },
];

export interface FeedReader {
  ua: string;
  ip: string;
  /** Minutes between polls. */
  every: number;
}

export const FEED_READERS: readonly FeedReader[] = [
  { ua: 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 214 subscribers; like FeedFetcher-Google)', ip: '192.0.2.45', every: 30 },
  { ua: 'Mozilla/5.0 (compatible; Inoreader; 37 subscribers; +https://www.inoreader.com)', ip: '192.0.2.77', every: 60 },
  { ua: 'NewsBlur Feed Fetcher - 12 subscribers - https://www.newsblur.com/site/88213/identity-wire (Mozilla/5.0)', ip: '203.0.113.240', every: 90 },
];

export const APP_AGENT = 'IdentityWire/3.2.1 (iPhone; iOS 18.1; Scale/3.00)';

export const SCANNER_AGENTS: readonly string[] = [
  'python-requests/2.32.3',
  'Mozilla/5.0 zgrab/0.x',
  'curl/8.5.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36',
];

/** A reader's address: about half IPv4, the rest IPv6, in documentation ranges the crawlers don't use. */
export function readerIp(random: Rng): string {
  if (random.chance(0.55)) {
    const [net, last] = random.weighted([['192.0.2', 40], ['198.51.100', 59], ['203.0.113', 230]] as const, [40, 59, 230]);
    return `${net}.${random.int(1, last)}`;
  }
  const hex = (): string => random.int(0, 0xffff).toString(16);
  return `2001:db8:${hex()}:${hex()}::${hex()}`;
}
