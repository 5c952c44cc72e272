import type { Config } from '../../config/index.js';
import { errorMessage } from '../../errors.js';
import type { Store } from '../../store/index.js';
import type { Handler } from '../serve-handler.js';
import { MEDIA_PATH } from '../local-media.js';
import { serveStaticFile } from '../serve-static-file.js';
import { handleConfirm } from './handle-confirm.js';
import { handleArchive, handleIssuePage } from './handle-issue-pages.js';
import { handlePreferences } from './handle-preferences.js';
import { handleSubscribe } from './handle-subscribe.js';
import { handleUnsubscribe } from './handle-unsubscribe.js';
import { handleClick, handleOpen } from './handle-click.js';
import { clickTargets } from '../../feedback/click-target.js';
import { webhookReceivers, type WebhookDeps } from '../../feedback/webhooks/receive-webhook.js';
import { handleWebhook } from './handle-webhook.js';
import { htmlResponse } from './html-response.js';
import { pageMessage, pageNotFound } from './page-message.js';
import { pageSiteFromConfig } from './page-shell.js';
import { storeRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { Mailer, SubscriberAppContext } from './subscriber-app-context.js';

export interface SubscriberAppOptions {
  /** Where subscribers, issues, clicks and feedback are kept; shared by every `roundup serve` on PostgreSQL. */
  store: Store;
  config: Config;
  /** ROUNDUP_SECRET: the key the links in the emails were signed with. */
  secret: string;
  /** Sends the sign-up confirmations; without one, `/subscribe` says sign-up is closed. */
  mailer?: Mailer;
  now?: () => Date;
  log?: (line: string) => void;
  /** Default: `web.serve.signup.perHour` per client address per hour, counted in the store (every server together). */
  signupLimiter?: RateLimiter;
  /** Default: 3 confirmation mails per address per hour, counted in the store. */
  addressLimiter?: RateLimiter;
  /** `site.mediaDir` (absolute) and the `site.mediaUrl` it stands for: served under `/media/` (see localMedia). */
  media?: { dir: string; url: string } | undefined;
  /** MAILGUN_WEBHOOK_SIGNING_KEY (the Mailgun webhook needs it and `feedback.webhooks.mailgun`). */
  mailgunKey?: string | undefined;
  /** Tests only: how SNS certificates are fetched and subscriptions confirmed (the URLs are checked first either way). */
  snsFetch?: Pick<WebhookDeps, 'fetchCertificate' | 'confirmSubscription'>;
}

type Route = { methods: readonly string[]; run: (req: Request, ctx: SubscriberAppContext) => Promise<Response> | Response };

const READ = ['GET', 'HEAD'] as const;
const READ_POST = ['GET', 'HEAD', 'POST'] as const;

/** Paths with a token (or key) as their one last segment. */
const PREFIXED: Record<string, Route['methods']> = { u: READ_POST, p: READ_POST, confirm: READ_POST, issues: READ, c: READ, o: READ, webhooks: ['POST'] };

/**
 * The subscribers' side of `roundup serve`, as one handler (Request -> Response): the links in every email
 * (`/u/<token>` unsubscribe, `/p/<token>` preferences, `/issues/<key>` view in browser), the archive
 * (`/issues/`), sign-up (`/subscribe`) and its confirmation (`/confirm/<token>`). Forms post to the URL they
 * are on, so the pages work under any host; links in mails use `web.publicUrl`.
 */
export function createSubscriberApp(options: SubscriberAppOptions): Handler {
  const { config } = options;
  const ctx: SubscriberAppContext = {
    store: options.store,
    config,
    site: pageSiteFromConfig(config),
    secret: options.secret,
    publicUrl: config.web.publicUrl.replace(/\/+$/, ''),
    mailer: config.web.serve.signup.enabled ? options.mailer : undefined,
    signupLimiter: options.signupLimiter ?? storeRateLimiter(options.store.limits, { scope: 'signup', limit: config.web.serve.signup.perHour, windowMs: 3_600_000 }),
    addressLimiter: options.addressLimiter ?? storeRateLimiter(options.store.limits, { scope: 'confirm-mail', limit: 3, windowMs: 3_600_000 }),
    trustProxy: config.web.serve.trustProxy,
    clicks: clickTargets(options.store, options.secret),
    webhooks: webhookReceivers({
      feedback: { store: options.store, secret: options.secret, config: config.feedback, now: options.now ?? (() => new Date()) },
      sesTopics: config.feedback.webhooks.ses?.topicArns,
      mailgunKey: config.feedback.webhooks.mailgun ? options.mailgunKey : undefined,
      maxAgeSeconds: config.feedback.webhooks.maxAgeSeconds,
      ...options.snsFetch,
      log: options.log,
    }),
    now: options.now ?? (() => new Date()),
    log: options.log ?? (() => undefined),
    media: options.media,
  };
  const help = (title: string, what: string): Route => ({
    methods: READ,
    run: () =>
      htmlResponse(
        pageMessage(ctx.site, {
          title,
          paragraphs: [`To ${what}, use the link at the bottom of any issue that came to you by email: it is personal to you, so this page cannot know who you are.`],
          links: [{ href: '/subscribe', text: 'Not subscribed yet? Subscribe' }],
        }),
        { cache: 'public' },
      ),
  });
  const exact: Record<string, Route> = {
    '/': {
      methods: READ,
      run: () =>
        htmlResponse(
          pageMessage(ctx.site, {
            title: `${ctx.site.name} weekly roundup`,
            paragraphs: ["The week's most-read stories, editors' picks and events, by email every week."],
            links: [{ href: '/subscribe', text: 'Subscribe' }, { href: '/issues/', text: 'Read past issues' }],
          }),
          { cache: 'public' },
        ),
    },
    '/subscribe': { methods: READ_POST, run: handleSubscribe },
    '/issues/': { methods: READ, run: () => handleArchive(ctx) },
    '/issues': { methods: READ, run: () => new Response(null, { status: 301, headers: { location: '/issues/' } }) },
    '/unsubscribe': help('Unsubscribe', 'unsubscribe'),
    '/preferences': help('Your preferences', 'change your preferences or pause'),
  };

  return async (req) => {
    try {
      const path = new URL(req.url).pathname;
      if (ctx.media && path.startsWith(MEDIA_PATH)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return new Response('Method not allowed.\n', { status: 405, headers: { allow: 'GET, HEAD' } });
        return await serveStaticFile(ctx.media.dir, path.slice(MEDIA_PATH.length));
      }
      const route = exact[path] ?? prefixed(path);
      if (route === undefined) return htmlResponse(pageNotFound(ctx.site), { status: 404 });
      if (!route.methods.includes(req.method)) {
        return new Response('Method not allowed.\n', {
          status: 405,
          headers: { allow: route.methods.join(', '), 'content-type': 'text/plain; charset=utf-8' },
        });
      }
      return await route.run(req, ctx);
    } catch (error) {
      ctx.log(`error on ${req.method} ${new URL(req.url).pathname.replace(/\/[^/]{20,}$/, '/<token>')}: ${errorMessage(error)}`);
      return htmlResponse(
        pageMessage(ctx.site, { title: 'Something went wrong', paragraphs: ['The page could not be shown. Please try again in a minute.'] }),
        { status: 500 },
      );
    }
  };
}

type SegmentHandler = (req: Request, segment: string, ctx: SubscriberAppContext) => Promise<Response> | Response;

/** The handler of each prefix: the segment is the token (or key) of the path. */
const BY_PREFIX: Record<string, SegmentHandler> = {
  u: handleUnsubscribe,
  p: handlePreferences,
  confirm: handleConfirm,
  issues: (_req, segment, ctx) => handleIssuePage(segment, ctx),
  c: handleClick,
  o: handleOpen,
  webhooks: handleWebhook,
};

function prefixed(path: string): Route | undefined {
  const match = /^\/([a-z]+)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const [, prefix, segment] = match as unknown as [string, string, string];
  const methods = PREFIXED[prefix];
  const handler = BY_PREFIX[prefix];
  if (methods === undefined || handler === undefined) return undefined;
  return { methods, run: (req, ctx) => handler(req, segment, ctx) };
}
