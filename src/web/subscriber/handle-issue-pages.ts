import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getIssue, listIssues, type IssueRecord } from '../../store/index.js';
import { htmlResponse, securityHeaders } from './html-response.js';
import { pageMessage, pageNotFound } from './page-message.js';
import { pageArchive } from './page-archive.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';

/** An issue key: `2026-W48` (ISO week) or `2026-11-22` (a week starting that day). Nothing else is a path. */
const ISSUE_KEY = /^\d{4}-(?:W\d{2}|\d{2}-\d{2})$/;

/** Issues people may see: those that went (or are going) out, never a draft waiting for approval. */
function isPublic(issue: IssueRecord | undefined): issue is IssueRecord {
  return issue?.status === 'sending' || issue?.status === 'sent';
}

/** The issue page's policy: the email's own inline styles, web font and remote images; still no scripts. */
const ISSUE_CSP =
  "default-src 'none'; style-src 'unsafe-inline' https:; font-src https:; img-src https: http: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `/issues/<key>`: "view in browser". Serves `<outDir>/<key>/index.html` (`roundup build` writes it filled
 * with neutral values: no subscriber's data), for issues the database records as sending or sent. Bad percent-encoding: 400. A key
 * that is not an issue key (`..`, slashes, anything else), an unknown or unsent issue, or a missing file: 404.
 */
export async function handleIssuePage(segment: string, ctx: SubscriberAppContext): Promise<Response> {
  let key: string;
  try {
    key = decodeURIComponent(segment);
  } catch {
    return htmlResponse(pageMessage(ctx.site, { title: 'Bad address', paragraphs: ['The address is not valid percent-encoding.'] }), { status: 400 });
  }
  if (!ISSUE_KEY.test(key) || !isPublic(getIssue(ctx.db, key))) return htmlResponse(pageNotFound(ctx.site), { status: 404 });
  let html: string;
  try {
    html = await readFile(join(ctx.outDir, key, 'index.html'), 'utf8');
  } catch {
    return htmlResponse(pageNotFound(ctx.site), { status: 404 });
  }
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      ...securityHeaders(ISSUE_CSP),
    },
  });
}

/** `/issues/`: the archive of issues sent, newest first. */
export function handleArchive(ctx: SubscriberAppContext): Response {
  const issues = listIssues(ctx.db).filter(isPublic).reverse();
  return htmlResponse(pageArchive(ctx.site, issues), { cache: 'public' });
}
