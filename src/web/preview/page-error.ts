import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PreviewError } from './describe-error.js';

const HINTS: Record<string, string> = {
  TEMPLATE_INVALID: 'Fix the template named above and save: this page reloads by itself.',
  OVERRIDE_INVALID: 'Fix the override file named above and save: this page reloads by itself.',
  CONFIG_INVALID: 'Fix the config file and save; until then the preview keeps using the last good config.',
  ISSUE_TOO_THIN: 'This week has too few new stories to make an issue: pick another week, or lower `selection.minNewStories`.',
  WEEK_INVALID: 'Pick a week from the list above.',
  SOURCE_UNREADABLE: 'A source could not be read: check the path or URL named above (mark it `optional: true` to go on without it).',
};

/** The error box shown instead of the issue: what went wrong, the file and line, and what to do. */
export function errorPanel(error: PreviewError): string {
  const hint = HINTS[error.code] ?? 'Fix what the message names and save: this page reloads by itself.';
  return `<section class="error-panel" role="alert">
<h2>This week's issue could not be built <code class="code">${esc(error.code)}</code></h2>
${error.where ? `<p class="where">In <code>${esc(error.where)}</code></p>` : ''}
<pre class="error-message">${esc(error.message)}</pre>
<p>${esc(hint)}</p>
</section>`;
}
