import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { pageShell, type PageSite } from './page-shell.js';

/**
 * The sign-up form: address and name, POSTed to `/subscribe`. `error` (already in words for the person) is
 * shown above the form and tied to the address field; `values` refill what they typed. The `website` field
 * is a trap for form-filling robots: people never see it.
 */
export function pageSubscribe(site: PageSite, o: { error?: string; values?: { email?: string; name?: string } } = {}): string {
  const error = o.error ? `<p class="error" id="email-error" role="alert">${esc(o.error)}</p>` : '';
  const described = o.error ? ' aria-describedby="email-error" aria-invalid="true"' : '';
  return pageShell(site, {
    title: `Subscribe to ${site.name}`,
    body: `<p>The week's most-read stories, editors' picks and events, every week by email. We will send you one email to confirm your address first.</p>
${error}
<form method="post" action="/subscribe">
<label for="email">Email address</label>
<input type="email" id="email" name="email" required autocomplete="email" maxlength="254" value="${esc(o.values?.email ?? '')}"${described}>
<label for="name">Name <span class="muted">(optional)</span></label>
<input type="text" id="name" name="name" autocomplete="name" maxlength="200" value="${esc(o.values?.name ?? '')}">
<div style="position:absolute;left:-10000px" aria-hidden="true"><label for="website">Leave this empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Subscribe</button>
</form>`,
  });
}
