import { scannerReason } from '../../feedback/scanner-click.js';
import { htmlResponse, securityHeaders } from './html-response.js';
import { pageBadLink } from './page-message.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';

const TOKEN = /^[A-Za-z0-9_-]{12,120}$/;

/** 1x1 transparent GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

async function scanner(req: Request, ctx: SubscriberAppContext, issue: string, subscriberId: number | undefined) {
  const tracking = ctx.config.tracking;
  return scannerReason({
    method: req.method,
    userAgent: req.headers.get('user-agent'),
    deliveredAt: subscriberId === undefined ? undefined : await ctx.store.clicks.submittedAt(issue, subscriberId),
    now: ctx.now(),
    seconds: tracking.scannerSeconds,
    extraAgents: tracking.scannerAgents.map((a) => a.toLowerCase()),
  });
}

/**
 * `/c/<token>`: counts the click (a scanner's apart) and redirects (302) to the link as the issue froze it, UTM
 * parameters included. Only a link of that issue's snapshot can be a target: a malformed token gets 400, a
 * forged or altered one, or one naming no link of a sent issue, 404, and nothing is counted.
 */
export async function handleClick(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  if (!TOKEN.test(segment)) return htmlResponse(pageBadLink(ctx.site), { status: 400 });
  const target = await ctx.clicks.resolve(segment);
  if (!target) return htmlResponse(pageBadLink(ctx.site), { status: 404 });
  const reason = await scanner(req, ctx, target.issue, target.subscriberId);
  await ctx.store.clicks.recordClick({ issue: target.issue, link: target.index, subscriberId: target.subscriberId, scanner: reason, now: ctx.now() });
  return new Response(null, { status: 302, headers: { location: target.link.url, 'cache-control': 'no-store', ...securityHeaders() } });
}

/** `/o/<token>.gif`: the open pixel (`tracking.opens`): counts the open, answers a 1x1 GIF. */
export async function handleOpen(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const token = segment.endsWith('.gif') ? segment.slice(0, -4) : segment;
  const open = TOKEN.test(token) ? await ctx.clicks.open(token) : undefined;
  if (open) await ctx.store.clicks.recordOpen({ issue: open.issue, subscriberId: open.subscriberId, scanner: await scanner(req, ctx, open.issue, open.subscriberId), now: ctx.now() });
  // the same image whatever the token: a pixel that answers differently tells a guesser which tokens are good
  return new Response(PIXEL, { status: 200, headers: { 'content-type': 'image/gif', 'cache-control': 'no-store, private', ...securityHeaders() } });
}
