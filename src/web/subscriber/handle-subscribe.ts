import { checkEmail, cleanName, emailKey } from '../../store/index.js';
import { signToken } from '../../tokens/signed-token.js';
import { clientAddress } from './client-address.js';
import { confirmationMail } from './confirmation-mail.js';
import { htmlResponse } from './html-response.js';
import { pageMessage } from './page-message.js';
import { pageSubscribe } from './page-subscribe.js';
import { field, readForm } from './read-form.js';
import type { SubscriberAppContext } from './subscriber-app-context.js';
import { confirmUrl } from '../public-links.js';

/**
 * `/subscribe`: sign-up with double opt-in.
 * - GET: the form.
 * - POST: a new address is stored `unconfirmed` (the send loop only takes `active`) and gets a mail with a
 *   `/confirm/<token>` link (single use, expiring after `web.serve.signup.confirmDays`). An unconfirmed one
 *   gets a new mail. One that unsubscribed keeps its status and record and gets the mail: only the new
 *   confirmation brings it back. An active or paused one, and one that bounced or complained, is left alone
 *   and gets nothing. The answer is the same page in every case, sent
 *   before the mail goes out, so neither its words nor its timing tell whether an address is on the list.
 * Limits: `web.serve.signup.perHour` POSTs per client address (429 past it), and confirmation mails to any
 * one address at most 3 an hour (silently: the page still says "check your inbox").
 */
export async function handleSubscribe(req: Request, ctx: SubscriberAppContext): Promise<Response> {
  const mailer = ctx.mailer;
  if (mailer === undefined) {
    return htmlResponse(
      pageMessage(ctx.site, { title: 'Sign-up is closed', paragraphs: [`${ctx.site.name} does not take sign-ups on this site.`] }),
      { status: 404 },
    );
  }
  if (req.method !== 'POST') return htmlResponse(pageSubscribe(ctx.site), { cache: 'public' });

  const now = ctx.now();
  if (!(await ctx.signupLimiter.take(clientAddress(req, ctx.trustProxy), now))) {
    return htmlResponse(
      pageMessage(ctx.site, {
        title: 'Too many sign-ups',
        paragraphs: ['Too many sign-ups came from your network in the last hour. Please try again later.'],
      }),
      { status: 429, headers: { 'retry-after': '3600' } },
    );
  }
  const form = await readForm(req);
  const values = { email: field(form, 'email'), name: cleanName(field(form, 'name')) };
  const checked = checkEmail(values.email);
  if (!checked.ok) {
    return htmlResponse(pageSubscribe(ctx.site, { error: `That address does not look right: ${checked.reason}.`, values }), { status: 400 });
  }
  // a robot filled in the hidden field: answer as usual, store and send nothing
  if (field(form, 'website') === '') {
    const id = await enrol(ctx, checked.email, values.name, now);
    if (id !== undefined && (await ctx.addressLimiter.take(emailKey(checked.email), now))) {
      const nonce = await ctx.store.confirmations.create(id, { now, ttlMs: ctx.config.web.serve.signup.confirmDays * 86_400_000 });
      const link = confirmUrl(ctx.publicUrl, signToken({ p: 'confirm', s: id, n: nonce }, ctx.secret));
      const mail = confirmationMail(ctx.site, { name: values.name, confirmUrl: link });
      mailer.send({ to: checked.email, ...mail }).then(
        () => ctx.log(`sent a confirmation mail to subscriber ${id}`),
        (error: unknown) => ctx.log(`could not send the confirmation mail to subscriber ${id}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
  return htmlResponse(
    pageMessage(ctx.site, {
      title: 'Check your inbox',
      paragraphs: [
        'If this address can be subscribed, an email with a confirmation link is on its way to it.',
        'Open the link in it to start getting the weekly roundup. Nothing is sent to you before that.',
      ],
    }),
  );
}

/**
 * The subscriber to send a confirmation to, or undefined when there is none to send: already subscribed, or
 * an address that bounced or complained (no link can make those active, so none is sent).
 */
async function enrol(ctx: SubscriberAppContext, email: string, name: string, now: Date): Promise<number | undefined> {
  const existing = await ctx.store.subscribers.getByEmail(email);
  if (existing === undefined || existing.status === 'unconfirmed') {
    return (await ctx.store.subscribers.add({ email, name, status: 'unconfirmed' }, { via: 'signup', now })).subscriber.id;
  }
  if (existing.status === 'unsubscribed') return existing.id; // status unchanged until they confirm
  return undefined;
}
