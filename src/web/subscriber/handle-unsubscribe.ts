import { signToken } from '../../tokens/signed-token.js';
import { htmlResponse } from './html-response.js';
import { pageBadLink } from './page-message.js';
import { pageUnsubscribe } from './page-unsubscribe.js';
import { parseToken } from './parse-token.js';
import { readForm, field } from './read-form.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';
import { preferencesPath } from '../public-links.js';

/** How a person left, as recorded in `subscribers.left_via`. */
export type LeftVia = 'one-click' | 'page' | 'preferences';

/**
 * `/u/<token>`, the link in every email and in its `List-Unsubscribe` header.
 * - GET (and HEAD): a page with a button; never changes anything (link scanners and prefetchers GET).
 * - POST: unsubscribes, without cookie or login (the signed token is the capability). RFC 8058's one-click
 *   body `List-Unsubscribe=One-Click` records `one-click`; the page's own button records `page`. Idempotent:
 *   200 and the same page when the person already left, or when the id no longer exists.
 * A token that is malformed gets 400, forged/altered/another purpose 404, and nothing changes.
 */
export async function handleUnsubscribe(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const token = parseToken(segment, 'unsubscribe', ctx.secret);
  if (!token.ok) return htmlResponse(pageBadLink(ctx.site), { status: token.status });
  const id = token.payload.s;
  if (req.method !== 'POST') {
    const preferencesHref = preferencesPath(signToken({ p: 'preferences', s: id }, ctx.secret));
    return htmlResponse(pageUnsubscribe(ctx.site, { step: 'ask', preferencesHref }));
  }
  const form = await readForm(req);
  const via: LeftVia = field(form, 'List-Unsubscribe') === 'One-Click' || field(form, 'action') !== 'unsubscribe' ? 'one-click' : 'page';
  const result = await ctx.store.subscribers.remove(id, { via, now: ctx.now() });
  if (result?.changed) {
    ctx.log(`unsubscribed subscriber ${id} via ${via}${token.payload.i ? ` (issue ${token.payload.i})` : ''}`);
    // counted against the issue whose link it was, for the report
    if (token.payload.i) await ctx.store.feedback.noteUnsubscribe({ issue: token.payload.i, subscriberId: id, via, now: ctx.now() });
  }
  return htmlResponse(pageUnsubscribe(ctx.site, { step: 'done' }));
}
