import type { Config, RoundupEnv } from '../../config/index.js';
import { RoundupError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { serveHandler } from '../serve-handler.js';
import { createSmtpMailer } from './smtp-mailer.js';
import { createSubscriberApp } from './subscriber-app.js';

export interface SubscriberServerOptions {
  config: Config;
  /** ROUNDUP_SECRET (required), SMTP_URL (required while sign-up is on), ROUNDUP_DB. */
  env: RoundupEnv;
  /** Default `web.serve.port`; 0 picks a free one. */
  port?: number;
  /** Default `web.serve.host` (127.0.0.1). */
  host?: string;
  log?: (line: string) => void;
  /** `site.mediaDir` (absolute) and its `site.mediaUrl`, served under `/media/` (see localMedia). */
  media?: { dir: string; url: string } | undefined;
}

export interface SubscriberServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080` (the public URL is the proxy's). */
  url: string;
  close(): Promise<void>;
}

/**
 * `roundup serve`: checks what it needs first (the secret the emails' links were signed with; SMTP_URL and
 * `email.from` when sign-up is on), then opens the database and listens.
 */
export async function startSubscriberServer(options: SubscriberServerOptions): Promise<SubscriberServer> {
  const { config, env } = options;
  if (!env.secret) {
    throw new RoundupError(
      'ENV_INVALID',
      'ROUNDUP_SECRET is not set: `roundup serve` checks the signature of every unsubscribe, preferences and confirmation ' +
        'link with it, so it must be the same secret `roundup send` signs with. Set it before starting ' +
        '(e.g. `export ROUNDUP_SECRET=...`, the value your sends use; a new one made with `openssl rand -hex 32` ' +
        'would turn the links in mails already sent into dead links).',
    );
  }
  const signup = config.web.serve.signup.enabled;
  if (signup && !env.smtpUrl) {
    throw new RoundupError(
      'ENV_INVALID',
      'SMTP_URL is not set, so sign-up could not send its confirmation mails. Set it (e.g. ' +
        '`export SMTP_URL=smtp://USER:PASS@mail.example.com:587`), or turn sign-up off with `web.serve.signup.enabled: false`.',
    );
  }
  if (signup && !config.email.from) {
    throw new RoundupError(
      'CONFIG_INVALID',
      'Sign-up sends confirmation mails, but `email.from` is not set. Add `email: { from: { address: newsletter@your-domain } }` ' +
        'to the config, or turn sign-up off with `web.serve.signup.enabled: false`.',
    );
  }
  if (config.feedback.webhooks.mailgun && !env.mailgunSigningKey) {
    throw new RoundupError(
      'ENV_INVALID',
      'MAILGUN_WEBHOOK_SIGNING_KEY is not set, and `feedback.webhooks.mailgun` is on: the webhook checks every call with it. ' +
        "Copy it from Mailgun (Sending > Webhooks > HTTP webhook signing key), or turn the webhook off.",
    );
  }
  const mailer =
    signup && env.smtpUrl && config.email.from
      ? createSmtpMailer(env.smtpUrl, { name: config.email.from.name ?? config.site.name, address: config.email.from.address })
      : undefined;
  const store = await openStore(env.db);
  try {
    const handler = createSubscriberApp({
      store,
      config,
      secret: env.secret,
      ...(mailer ? { mailer } : {}),
      ...(options.log ? { log: options.log } : {}),
      media: options.media,
      mailgunKey: env.mailgunSigningKey,
    });
    const running = await serveHandler(handler, {
      port: options.port ?? config.web.serve.port,
      host: options.host ?? config.web.serve.host,
      // an SNS notification can carry up to 256 KB
      maxBodyBytes: 300 * 1024,
    });
    return {
      url: running.url,
      async close() {
        await running.close();
        mailer?.close();
        await store.close();
      },
    };
  } catch (error) {
    mailer?.close();
    await store.close();
    throw error;
  }
}
