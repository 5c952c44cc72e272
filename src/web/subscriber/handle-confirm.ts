import { getSubscriber, setSubscriberStatus } from '../../store/index.js';
import { signToken } from '../signed-token.js';
import { htmlResponse } from './html-response.js';
import { pageBadLink } from './page-message.js';
import { pageConfirm } from './page-confirm.js';
import { parseToken } from './parse-token.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';
import { preferencesPath } from '../public-links.js';

/**
 * `/confirm/<token>`, the link in the sign-up mail.
 * - GET: a page with a button; confirms nothing by itself.
 * - POST: an unconfirmed subscriber, or one who had left and signed up again, becomes `active`. Idempotent:
 *   an active or paused one stays as they are and sees the same page.
 * Bad tokens: 400 (malformed) or 404 (forged, altered, another purpose, unknown id); nothing changes.
 */
export async function handleConfirm(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const token = parseToken(segment, 'confirm', ctx.secret);
  if (!token.ok) return htmlResponse(pageBadLink(ctx.site), { status: token.status });
  const subscriber = getSubscriber(ctx.db, token.payload.s);
  if (subscriber === undefined) return htmlResponse(pageBadLink(ctx.site), { status: 404 });
  if (req.method !== 'POST') return htmlResponse(pageConfirm(ctx.site, { step: 'ask' }));
  if (subscriber.status !== 'active' && subscriber.status !== 'paused') {
    setSubscriberStatus(ctx.db, subscriber.id, 'active', { via: 'signup', now: ctx.now() });
    ctx.log(`subscriber ${subscriber.id} confirmed (was ${subscriber.status})`);
  }
  const preferencesHref = preferencesPath(signToken({ p: 'preferences', s: subscriber.id }, ctx.secret));
  return htmlResponse(pageConfirm(ctx.site, { step: 'done', preferencesHref }));
}
