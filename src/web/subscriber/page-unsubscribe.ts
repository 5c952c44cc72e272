import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { pageShell, type PageSite } from './page-shell.js';

/**
 * The unsubscribe link's page. `ask`: a button that POSTs to this same URL (opening the link never
 * unsubscribes: mail scanners open links too). `done`: the result, the same whether this request or an
 * earlier one did it. `preferencesHref` is the person's own preferences page, for "pause instead".
 */
export function pageUnsubscribe(site: PageSite, state: { step: 'ask' | 'done'; preferencesHref?: string }): string {
  if (state.step === 'done') {
    return pageShell(site, {
      title: 'You are unsubscribed',
      body: `<p role="status">You will not get ${esc(site.name)}'s weekly roundup any more.</p>
<p>Changed your mind? <a href="/subscribe">Subscribe again</a> (we will ask you to confirm by email).</p>`,
    });
  }
  const pause = state.preferencesHref
    ? `<p class="muted">Too many emails? You can also <a href="${esc(state.preferencesHref)}">pause or choose topics</a>.</p>`
    : '';
  return pageShell(site, {
    title: 'Unsubscribe',
    body: `<p>Do you want to stop getting ${esc(site.name)}'s weekly roundup?</p>
<form method="post" action="">
<input type="hidden" name="action" value="unsubscribe">
<button type="submit">Unsubscribe</button>
</form>
${pause}`,
  });
}
