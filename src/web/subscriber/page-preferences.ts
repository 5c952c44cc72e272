import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { Subscriber } from '../../types.js';
import { pageShell, type PageSite } from './page-shell.js';

/**
 * The preferences page: name, topics (checkboxes), pause, save; and a separate unsubscribe button. Both
 * forms POST to this same URL (the token in it is the capability, so no CSRF token is needed: a page that
 * could forge the POST would have to know the token already). A subscriber who left sees how to come back.
 */
export function pagePreferences(
  site: PageSite,
  o: { subscriber: Subscriber; choices: string[]; saved?: boolean },
): string {
  const s = o.subscriber;
  if (s.status !== 'active' && s.status !== 'paused') {
    const why = s.status === 'unconfirmed' ? 'Your subscription is not confirmed yet: open the link in the confirmation email.' : 'You are not subscribed at the moment.';
    return pageShell(site, {
      title: 'Your preferences',
      body: `<p role="status">${esc(why)}</p>
<p><a href="/subscribe">Subscribe again</a> (we will ask you to confirm by email).</p>`,
    });
  }
  const chosen = new Set(s.topics.map((t) => t.toLowerCase()));
  const topics = o.choices
    .map((topic, i) => {
      const checked = chosen.has(topic.toLowerCase()) ? ' checked' : '';
      return `<label class="check" for="topic-${i}"><input type="checkbox" id="topic-${i}" name="topics" value="${esc(topic)}"${checked}> ${esc(topic)}</label>`;
    })
    .join('\n');
  const saved = o.saved ? '<p class="notice" role="status">Your preferences are saved.</p>' : '';
  const paused = s.status === 'paused';
  return pageShell(site, {
    title: 'Your preferences',
    body: `${saved}
<p>${paused ? 'Your subscription is paused: no issues are sent to you until you resume it.' : `You get ${esc(site.name)}'s weekly roundup.`}</p>
<form method="post" action="">
<input type="hidden" name="action" value="save">
<label for="name">Your name</label>
<input type="text" id="name" name="name" value="${esc(s.name)}" autocomplete="name" maxlength="200">
${o.choices.length > 0 ? `<fieldset>\n<legend>Topics you are most interested in</legend>\n${topics}\n</fieldset>` : ''}
<fieldset>
<legend>Pause</legend>
<label class="check" for="paused"><input type="checkbox" id="paused" name="paused" value="yes"${paused ? ' checked' : ''}> Pause my subscription (send nothing until I untick this)</label>
</fieldset>
<button type="submit">Save preferences</button>
</form>
<form method="post" action="">
<input type="hidden" name="action" value="unsubscribe">
<button type="submit" class="secondary">Unsubscribe</button>
</form>`,
  });
}
