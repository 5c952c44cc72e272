import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PreviewIssue } from './build-preview.js';

/** Widths of the frames: a desktop client's reading pane (600 px email plus margins) and a phone. */
export const DESKTOP_WIDTH = 640;
export const PHONE_WIDTH = 375;

const frame = (week: string, view: string, title: string, width: number) =>
  `<figure class="frame frame-${view}">
<figcaption>${esc(title)} · ${width} px</figcaption>
<iframe id="frame-${view}" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" title="${esc(title)} view of the email" src="/email?week=${week}&amp;view=${view}" width="${width}" height="1400"></iframe>
</figure>`;

/** The email at a desktop client's width, in its frame (`/email?view=desktop`): beside the stories. */
export function desktopView(issue: PreviewIssue): string {
  return `<section class="frames frames-desktop" aria-label="The email">${frame(encodeURIComponent(issue.shown.window.key), 'desktop', 'Desktop', DESKTOP_WIDTH)}</section>`;
}

/** The email on a phone and in dark mode, each in its own frame, and the plain-text part. */
export function otherViews(issue: PreviewIssue): string {
  const week = encodeURIComponent(issue.shown.window.key);
  return `<section class="frames" aria-label="The email on a phone">
${frame(week, 'phone', 'Phone', PHONE_WIDTH)}
${frame(week, 'dark', 'Dark mode (phone)', PHONE_WIDTH)}
<section class="text-part">
<h2>Plain-text part</h2>
<pre id="text-part">${esc(issue.text)}</pre>
</section>
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
