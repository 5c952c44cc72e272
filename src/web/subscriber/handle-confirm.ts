import type { ConfirmOutcome } from '../../store/index.js';
import { preferencesPath } from '../public-links.js';
import { signToken } from '../../tokens/signed-token.js';
import { htmlResponse } from './html-response.js';
import { pageBadLink } from './page-message.js';
import { pageConfirm } from './page-confirm.js';
import { parseToken } from './parse-token.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';

/**
 * `/confirm/<token>`, the link in the sign-up mail. The token names the subscriber and a single-use nonce with
 * an expiry (src/store/confirmations.ts).
 * - GET: a page with a button (mail scanners open links); confirms nothing by itself. A link that can no longer
 *   confirm says so at once (410) and offers a new sign-up.
 * - POST: an unconfirmed subscriber, or one who had left and signed up again with this link, becomes `active`,
 *   and the link is used up. Pressing it again while subscribed shows the same "subscribed" page; after
 *   leaving it does nothing. `bounced` and `complained` are never made active.
 * Bad tokens: 400 (malformed) or 404 (forged, altered, another purpose, no nonce); nothing changes.
 */
export async function handleConfirm(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const token = parseToken(segment, 'confirm', ctx.secret);
  if (!token.ok) return htmlResponse(pageBadLink(ctx.site), { status: token.status });
  const { s: id, n: nonce } = token.payload;
  if (nonce === undefined) return htmlResponse(pageBadLink(ctx.site), { status: 404 });
  const now = ctx.now();
  const outcome: ConfirmOutcome = req.method === 'POST' ? await ctx.store.confirmations.use(id, nonce, now) : await ctx.store.confirmations.check(id, nonce, now);
  if (outcome === 'confirmed' && req.method !== 'POST') return htmlResponse(pageConfirm(ctx.site, { step: 'ask' }));
  if (outcome === 'confirmed' || outcome === 'already') {
    if (outcome === 'confirmed') ctx.log(`subscriber ${id} confirmed`);
    const preferencesHref = preferencesPath(signToken({ p: 'preferences', s: id }, ctx.secret));
    return htmlResponse(pageConfirm(ctx.site, { step: 'done', preferencesHref }));
  }
  if (req.method === 'POST') ctx.log(`refused a confirmation for subscriber ${id}: ${outcome}`);
  return htmlResponse(pageConfirm(ctx.site, { step: outcome === 'expired' ? 'expired' : 'used' }), { status: 410 });
}
