import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { pageShell, type PageSite } from './page-shell.js';

/**
 * The confirmation link's page. `ask`: a button that POSTs to this same URL (mail scanners open links, so
 * opening it confirms nothing). `done`: subscribed, with a link to the person's preferences.
 */
export function pageConfirm(site: PageSite, state: { step: 'ask' | 'done'; preferencesHref?: string }): string {
  if (state.step === 'done') {
    const prefs = state.preferencesHref ? `<p>You can <a href="${esc(state.preferencesHref)}">choose topics or pause</a> at any time.</p>` : '';
    return pageShell(site, {
      title: 'You are subscribed',
      body: `<p role="status">Thank you: your address is confirmed. The next weekly roundup from ${esc(site.name)} will come to you.</p>\n${prefs}`,
    });
  }
  return pageShell(site, {
    title: 'Confirm your subscription',
    body: `<p>Press the button to confirm that you want ${esc(site.name)}'s weekly roundup at this address.</p>
<form method="post" action="">
<input type="hidden" name="action" value="confirm">
<button type="submit">Confirm my subscription</button>
</form>
<p class="muted">Did not ask for this? Close this page: nothing will be sent to you.</p>`,
  });
}
