import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { atomFeed } from '../web/archive/atom-feed.js';
import { issuePage, pageArchive } from '../web/archive/page-archive.js';
import { pageSiteFromConfig } from '../web/subscriber/page-shell.js';
import { writeFileAtomic } from '../write-file-atomic.js';

export interface ExportArchiveOptions {
  store: Store;
  config: Config;
  /** The folder to write into (created if needed). */
  dir: string;
  /** Where the folder will be served from (absolute URL): the feed's links need it. Default `<web.publicUrl>/issues/`. */
  baseUrl?: string | undefined;
  now: Date;
}

/**
 * The archive as static files for any static host, from the frozen issues in the database: `index.html` (the
 * list), `<key>/index.html` (each issue's public copy) and `feed.xml`. Links between the pages are relative; the
 * sign-up link and the feed's links are absolute (a static host has no sign-up). Each file is written whole.
 * Returns the issues written.
 */
export async function exportArchive(o: ExportArchiveOptions): Promise<string[]> {
  const { config } = o;
  const site = pageSiteFromConfig(config);
  const publicUrl = config.web.publicUrl.replace(/\/+$/, '');
  const base = (o.baseUrl ?? `${publicUrl}/issues/`).replace(/\/*$/, '/');
  const subscribe = `${publicUrl}/subscribe`;
  const issues = await o.store.snapshots.listPublished();
  const feedIssues = [];
  for (const issue of issues) {
    const copy = (await o.store.snapshots.publicCopy(issue.key))!;
    writeFileAtomic(join(o.dir, issue.key, 'index.html'), issuePage(copy.html, site, { archive: '../', subscribe }));
    feedIssues.push({ key: issue.key, subject: issue.subject, updated: issue.sentAt ?? issue.frozenAt, html: copy.html });
  }
  writeFileAtomic(join(o.dir, 'index.html'), pageArchive(site, issues, { issue: (key) => `${encodeURIComponent(key)}/`, feed: 'feed.xml', subscribe }));
  const feed = atomFeed(feedIssues, {
    title: `${config.site.name} weekly roundup`,
    author: { name: config.site.name, uri: config.site.url },
    language: config.site.language,
    archiveUrl: base,
    selfUrl: `${base}feed.xml`,
    emptyUpdated: o.now.toISOString(),
  });
  writeFileAtomic(join(o.dir, 'feed.xml'), feed);
  return issues.map((i) => i.key);
}
