import { atomFeed } from '../archive/atom-feed.js';
import { issuePage, pageArchive } from '../archive/page-archive.js';
import { localMediaUrls } from '../../render/local-media-urls.js';
import { MEDIA_PATH } from '../local-media.js';
import { issueUrl } from '../public-links.js';
import { htmlResponse, securityHeaders } from './html-response.js';
import { pageMessage, pageNotFound } from './page-message.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';

// "View in browser", the archive and its feed, all served from the frozen issues in the database (never from
// files on disk): any working directory, `out/` deleted or rebuilt for another week, it is the issue that went
// out. Only issues whose send started are public; a draft or an approved issue waiting to go is not.

/** An issue key: `2026-W48` (ISO week) or `2026-11-22` (a week starting that day). Nothing else is a path. */
const ISSUE_KEY = /^\d{4}-(?:W\d{2}|\d{2}-\d{2})$/;

/** The issue page's policy: the email's own inline styles, web font and remote images; still no scripts. */
const ISSUE_CSP =
  "default-src 'none'; style-src 'unsafe-inline' https:; font-src https:; img-src 'self' https: http: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `/issues/<key>`: "view in browser", the public copy frozen with the issue (nobody's data in it). Bad
 * percent-encoding: 400. A key that is not an issue key (`..`, slashes, anything else), or an issue that did not
 * go out: 404.
 */
export async function handleIssuePage(segment: string, ctx: SubscriberAppContext): Promise<Response> {
  let key: string;
  try {
    key = decodeURIComponent(segment);
  } catch {
    return htmlResponse(pageMessage(ctx.site, { title: 'Bad address', paragraphs: ['The address is not valid percent-encoding.'] }), { status: 400 });
  }
  if (key === 'feed.xml') return await handleFeed(ctx);
  const copy = ISSUE_KEY.test(key) ? await ctx.store.snapshots.publicCopy(key) : undefined;
  if (copy === undefined) return htmlResponse(pageNotFound(ctx.site), { status: 404 });
  // with `site.mediaDir`, the pictures come from this server (`/media/`), as the preview shows them
  const html = ctx.media ? localMediaUrls(copy.html, ctx.media.url, MEDIA_PATH) : copy.html;
  return new Response(issuePage(html, ctx.site, { archive: '/issues/', subscribe: '/subscribe' }), {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      ...securityHeaders(ISSUE_CSP),
    },
  });
}

/** `/issues/`: the archive of issues that went out, newest first. */
export async function handleArchive(ctx: SubscriberAppContext): Promise<Response> {
  return htmlResponse(pageArchive(ctx.site, await ctx.store.snapshots.listPublished()), { cache: 'public' });
}

/** `/issues/feed.xml`: the archive as an Atom feed. */
export async function handleFeed(ctx: SubscriberAppContext): Promise<Response> {
  const issues = [];
  for (const issue of await ctx.store.snapshots.listPublished()) {
    issues.push({ key: issue.key, subject: issue.subject, updated: issue.sentAt ?? issue.frozenAt, html: (await ctx.store.snapshots.publicCopy(issue.key))?.html ?? '' });
  }
  const feed = atomFeed(issues, {
    title: `${ctx.site.name} weekly roundup`,
    author: { name: ctx.site.name, uri: ctx.site.url },
    language: ctx.site.language,
    archiveUrl: `${ctx.publicUrl}/issues/`,
    selfUrl: `${issueUrl(ctx.publicUrl, 'feed.xml')}`,
    emptyUpdated: ctx.now().toISOString(),
  });
  return new Response(feed, {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300', ...securityHeaders("default-src 'none'") },
  });
}
