import { cleanName, mergeTopics } from '../../store/index.js';
import { htmlResponse, seeOther } from './html-response.js';
import { pageBadLink } from './page-message.js';
import { pagePreferences } from './page-preferences.js';
import { pageUnsubscribe } from './page-unsubscribe.js';
import { parseToken } from './parse-token.js';
import { field, readForm } from './read-form.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';
import { topicChoices, topicsNotOffered } from './topic-choices.js';

/**
 * `/p/<token>`: the preferences page.
 * - GET: name, topics (offered: see topicChoices), pause, and an unsubscribe button.
 * - POST `action=save`: stores name and topics (those the page offered as ticked; the subscriber's other topics,
 *   which change nothing, are kept as they are), pauses or resumes
 *   (active <-> paused; a subscriber who left is not brought back here: that takes a new sign-up), then
 *   303 to the page with `?saved=1`.
 * - POST `action=unsubscribe`: unsubscribes (recorded as `preferences`) and says so.
 * Bad tokens: 400 (malformed) or 404 (forged, altered, another purpose, unknown id); nothing changes.
 */
export async function handlePreferences(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const token = parseToken(segment, 'preferences', ctx.secret);
  if (!token.ok) return htmlResponse(pageBadLink(ctx.site), { status: token.status });
  const subscriber = await ctx.store.subscribers.get(token.payload.s);
  if (subscriber === undefined) return htmlResponse(pageBadLink(ctx.site), { status: 404 });
  const choices = topicChoices(ctx.config.selection);
  if (req.method !== 'POST') {
    const saved = new URL(req.url).searchParams.get('saved') === '1';
    return htmlResponse(pagePreferences(ctx.site, { subscriber, choices, saved }));
  }

  const form = await readForm(req);
  const action = field(form, 'action');
  const now = ctx.now();
  if (action === 'unsubscribe') {
    const result = await ctx.store.subscribers.remove(subscriber.id, { via: 'preferences', now });
    if (result?.changed) ctx.log(`unsubscribed subscriber ${subscriber.id} via preferences`);
    return htmlResponse(pageUnsubscribe(ctx.site, { step: 'done' }));
  }
  if (action !== 'save') {
    return htmlResponse(pagePreferences(ctx.site, { subscriber, choices }), { status: 400 });
  }
  if (subscriber.status !== 'active' && subscriber.status !== 'paused') {
    // left or unconfirmed: the page offers no form; a POST changes nothing
    return seeOther(`/p/${segment}`);
  }
  // only topics the page offered, in the page's order; the subscriber's others (which change nothing) are kept
  const submitted = new Set((form.get('topics') ?? []).map((t) => t.trim().toLowerCase()));
  const picked = choices.filter((c) => submitted.has(c.toLowerCase()));
  const kept = topicsNotOffered(subscriber.topics, choices);
  const name = form.has('name') ? cleanName(field(form, 'name')) : subscriber.name;
  // the store reads the status again inside its write: an unsubscribe that landed meanwhile is never undone by a resume
  await ctx.store.subscribers.updatePreferences(subscriber.id, { name, topics: mergeTopics(picked, kept), paused: field(form, 'paused') !== '' }, now);
  return seeOther(`/p/${segment}?saved=1`);
}
