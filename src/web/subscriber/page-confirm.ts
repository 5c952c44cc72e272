import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { pageShell, type PageSite } from './page-shell.js';

/**
 * The confirmation link's page. `ask`: a button that POSTs to this same URL (mail scanners open links, so
 * opening it confirms nothing). `done`: subscribed, with a link to the person's preferences. `expired` and
 * `used`: the link cannot confirm any more (the same words whatever the reason, so the page tells nobody
 * whether the address bounced or complained); a new sign-up sends a new link.
 */
export function pageConfirm(site: PageSite, state: { step: 'ask' | 'done' | 'expired' | 'used'; preferencesHref?: string }): string {
  if (state.step === 'expired' || state.step === 'used') {
    const why = state.step === 'expired' ? 'has expired' : 'was already used or is no longer valid';
    return pageShell(site, {
      title: 'This link cannot confirm',
      body: `<p>This confirmation link ${why}: each link works once, for a few days. Nothing was changed.</p>
<p>To get ${esc(site.name)}'s weekly roundup, <a href="/subscribe">sign up again</a>: a new link will come by email.</p>`,
    });
  }
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
