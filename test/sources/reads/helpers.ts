// Shared by the read-source tests: the week they count, a context, temp folders and a local HTTP server.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageKey } from '../../../src/sources/url.js';
import type { ReadCount, SourceContext, WeekWindow } from '../../../src/types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/reads');

/** 2026-W48 in London: GMT all week, so the offsets are +00:00. */
export const WEEK: WeekWindow = {
  key: '2026-W48',
  start: '2026-11-23T00:00:00+00:00',
  end: '2026-11-30T00:00:00+00:00',
  timeZone: 'Europe/London',
  hours: 168,
};

export function context(overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    window: WEEK,
    siteUrl: 'https://www.identitywire.example',
    now: new Date('2026-11-30T06:00:00Z'),
    ...overrides,
  };
}

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'roundup-reads-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An HTTP server on 127.0.0.1 with a random port. */
export async function startServer(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just freed). */
export async function deadUrl(): Promise<string> {
  const server = await startServer((_req, res) => res.end());
  await server.close();
  return server.url;
}

/** One combined-format line. */
export function logLine(parts: {
  ip?: string;
  time: string;
  request?: string;
  target?: string;
  method?: string;
  status?: number;
  agent?: string;
}): string {
  const request = parts.request ?? `${parts.method ?? 'GET'} ${parts.target ?? '/'} HTTP/1.1`;
  const agent = parts.agent ?? BROWSER;
  return `${parts.ip ?? '192.0.2.1'} - - [${parts.time}] "${request}" ${parts.status ?? 200} 5120 "-" "${agent}"`;
}

export const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const OTHER_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
export const GOOGLEBOT =
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36';

/** A source's items as page key -> views, summed the way matching does (pageKey on every page). */
export function byPage(items: readonly ReadCount[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { page, views } of items) {
    const key = pageKey(page);
    out[key] = (out[key] ?? 0) + views;
  }
  return out;
}
