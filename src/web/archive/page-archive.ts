import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PublishedIssue } from '../../store/index.js';
import { pageShell, type PageSite } from '../subscriber/page-shell.js';

/** Where the archive page's links lead: the server's own paths, or a static export's relative ones. */
export interface ArchiveLinks {
  issue(key: string): string;
  feed: string;
  subscribe: string;
}

export const SERVED_ARCHIVE_LINKS: ArchiveLinks = {
  issue: (key) => `/issues/${encodeURIComponent(key)}`,
  feed: '/issues/feed.xml',
  subscribe: '/subscribe',
};

/** The archive: every issue that went out, newest first, each linking to its page; the feed and sign-up. */
export function pageArchive(site: PageSite, issues: readonly PublishedIssue[], links: ArchiveLinks = SERVED_ARCHIVE_LINKS): string {
  const items = issues
    .map((issue) => {
      const date = (issue.sentAt ?? issue.frozenAt).slice(0, 10);
      const subject = issue.subject || issue.key;
      return `<li><a href="${esc(links.issue(issue.key))}">${esc(subject)}</a><br><small>${esc(issue.key)} · <time datetime="${esc(date)}">${esc(date)}</time></small></li>`;
    })
    .join('\n');
  const follow = `<p><a href="${esc(links.subscribe)}">Subscribe</a> to get the next one by email, or follow the <a href="${esc(links.feed)}" type="application/atom+xml">archive's feed</a>.</p>`;
  return pageShell(
    site,
    {
      title: 'Past issues',
      body: issues.length === 0 ? `<p>No issue has been sent yet.</p>\n${follow}` : `<ul class="issues">\n${items}\n</ul>\n${follow}`,
      head: `<link rel="alternate" type="application/atom+xml" title="${esc(site.name)}" href="${esc(links.feed)}">`,
    },
    { subscribe: links.subscribe },
  );
}

/**
 * An issue's public copy as its archive page: the email's own HTML with a small bar on top (past issues,
 * subscribe). The copy holds nobody's data; the bar is the only thing added.
 */
export function issuePage(html: string, site: PageSite, links: { archive: string; subscribe: string }): string {
  const bar =
    `<div style="font-family:${site.brand.fontFamily};font-size:15px;line-height:1.5;padding:10px 16px;text-align:center;background:#ffffff;color:${site.brand.textColor}">` +
    `<a href="${esc(links.archive)}" style="color:${site.brand.primaryColor}">Past issues</a> &nbsp;·&nbsp; ` +
    `<a href="${esc(links.subscribe)}" style="color:${site.brand.primaryColor}">Subscribe to ${esc(site.name)}</a></div>`;
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (tag) => `${tag}${bar}`) : `${bar}${html}`;
}
