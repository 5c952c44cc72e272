import type { Config } from '../../config/index.js';
import type { ClickTargets } from '../../feedback/click-target.js';
import type { WebhookReceivers } from '../../feedback/webhooks/receive-webhook.js';
import type { Store } from '../../store/index.js';
import type { PageSite } from './page-shell.js';
import type { RateLimiter } from './rate-limiter.js';

/** One mail to one person (the sign-up confirmation). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What sign-up needs to send mail, declared here; `createSmtpMailer` supplies it over SMTP_URL. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** What every subscriber handler is given (built once by createSubscriberApp). */
export interface SubscriberAppContext {
  store: Store;
  config: Config;
  site: PageSite;
  /** ROUNDUP_SECRET. */
  secret: string;
  /** `web.publicUrl`, without a trailing slash: links in mails start with it. */
  publicUrl: string;
  /** Undefined: sign-up is off (`web.serve.signup.enabled: false`). */
  mailer: Mailer | undefined;
  /** Sign-ups per client address. */
  signupLimiter: RateLimiter;
  /** Confirmation mails per address, whoever asks: nobody's inbox fills up with them. */
  addressLimiter: RateLimiter;
  trustProxy: boolean;
  /** Click and open tokens resolved against the sent issues' frozen links. */
  clicks: ClickTargets;
  /** The relays' webhooks (SES through SNS, Mailgun). */
  webhooks: WebhookReceivers;
  now: () => Date;
  log: (line: string) => void;
  /** `site.mediaDir` served under `/media/`, and the `site.mediaUrl` whose pictures it holds; undefined: off. */
  media?: { dir: string; url: string } | undefined;
}
