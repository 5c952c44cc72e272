import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { IssueRecord } from '../../store/index.js';
import { pageShell, type PageSite } from './page-shell.js';

/** The archive: every issue sent so far, newest first, each linking to its page. */
export function pageArchive(site: PageSite, issues: IssueRecord[]): string {
  const items = issues
    .map((issue) => {
      const date = (issue.sentAt ?? issue.builtAt ?? '').slice(0, 10);
      const subject = issue.subject || issue.key;
      return `<li><a href="/issues/${encodeURIComponent(issue.key)}">${esc(subject)}</a><br><small>${esc(issue.key)}${date ? ` · <time datetime="${esc(date)}">${esc(date)}</time>` : ''}</small></li>`;
    })
    .join('\n');
  return pageShell(site, {
    title: 'Past issues',
    body:
      issues.length === 0
        ? '<p>No issue has been sent yet.</p><p><a href="/subscribe">Subscribe</a> to get the first one.</p>'
        : `<ul class="issues">\n${items}\n</ul>\n<p><a href="/subscribe">Subscribe</a> to get the next one by email.</p>`,
  });
}
