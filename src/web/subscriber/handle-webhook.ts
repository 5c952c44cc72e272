import type { SubscriberAppContext } from './subscriber-app-context.js';

/** `POST /webhooks/ses` and `POST /webhooks/mailgun`: the relays' reports (src/feedback/webhooks), answered in plain text. */
export async function handleWebhook(req: Request, segment: string, ctx: SubscriberAppContext): Promise<Response> {
  const receive = segment === 'ses' ? ctx.webhooks.ses : segment === 'mailgun' ? ctx.webhooks.mailgun : undefined;
  if (!receive) return new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const body = await req.text();
  const result = await receive(body);
  return new Response(`${result.text}\n`, { status: result.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
