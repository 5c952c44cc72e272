import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PreviewIssue } from './build-preview.js';

/** Widths of the frames: a desktop client's reading pane (600 px email plus margins) and a phone. */
export const DESKTOP_WIDTH = 640;
export const PHONE_WIDTH = 375;

/**
 * The issue as subscribers get it: the inbox line (sender, subject, preheader), the HTML at desktop and phone
 * widths and in dark mode, each in its own frame (`/email?view=...`), and the plain-text part.
 */
export function emailViews(issue: PreviewIssue, fromName: string): string {
  const built = issue.shown;
  const week = encodeURIComponent(built.window.key);
  const frame = (view: string, title: string, width: number) =>
    `<figure class="frame frame-${view}">
<figcaption>${esc(title)} · ${width} px</figcaption>
<iframe id="frame-${view}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" title="${esc(title)} view of the email" src="/email?week=${week}&amp;view=${view}" width="${width}" height="1400"></iframe>
</figure>`;
  return `<section class="inbox" aria-label="Inbox line">
<div class="inbox-line">
<span class="inbox-from">${esc(fromName)}</span>
<span class="inbox-text"><span id="subject" class="inbox-subject">${esc(built.rendered.subject)}</span>
<span class="inbox-preheader">— ${esc(built.rendered.preheader)}</span></span>
<span class="inbox-date">${esc(built.digest.sendDate)}</span>
</div>
</section>
<section class="frames" aria-label="The email">
${frame('desktop', 'Desktop', DESKTOP_WIDTH)}
${frame('phone', 'Phone', PHONE_WIDTH)}
${frame('dark', 'Dark mode (phone)', PHONE_WIDTH)}
</section>
<section class="text-part">
<h2>Plain-text part</h2>
<pre id="text-part">${esc(issue.text)}</pre>
</section>`;
}

/**
 * The email's HTML as a dark-mode client shows it: the document is told to use the dark colour scheme and its
 * `prefers-color-scheme: dark` rules apply unconditionally, whatever the editor's own system setting is.
 */
export function darkModeDocument(html: string): string {
  const forced = html.replace(/@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, '@media all');
  const style = '<meta name="color-scheme" content="dark"><style>:root { color-scheme: dark; }</style>';
  return /<\/head>/i.test(forced) ? forced.replace(/<\/head>/i, `${style}</head>`) : `${style}${forced}`;
}
