import { dirname, resolve } from 'node:path';
import { RoundupError } from '../errors.js';

/** Deployment values and secrets: only ever from the environment, never from a committed file. */
export interface RoundupEnv {
  /** smtp:// or smtps:// URL with credentials. Unset: the command says how to set it. */
  smtpUrl?: string;
  /** Key for signed unsubscribe/preferences tokens. */
  secret?: string;
  /** SQLite database file, or a postgres:// URL. */
  db: string;
  /** ROUNDUP_DATA_DIR: where Roundup keeps what it fetched (default: beside a SQLite file, `data/` with PostgreSQL). */
  dataDir?: string;
  /** Config file chosen by environment (`--config` wins). */
  configFile?: string;
  /** ROUNDUP_IMAP_PASSWORD: the password of `feedback.imap.user`. */
  imapPassword?: string;
  /** MAILGUN_WEBHOOK_SIGNING_KEY: checks the signature of Mailgun's webhook calls. */
  mailgunSigningKey?: string;
  /** Secrets of the analytics APIs the read sources ask (`reads` of type ga4, plausible, matomo). */
  analytics?: AnalyticsSecrets;
}

/** Credentials of the analytics APIs. Never in config: only here, and never printed. */
export interface AnalyticsSecrets {
  /** GOOGLE_APPLICATION_CREDENTIALS: path of a Google service-account key file (JSON). */
  googleCredentialsFile?: string;
  /** PLAUSIBLE_API_KEY: a Plausible Stats API key. */
  plausibleApiKey?: string;
  /** MATOMO_TOKEN: a Matomo `token_auth` of a user with view access to the site. */
  matomoToken?: string;
}

export const DEFAULT_DB = 'data/roundup.db';

/** Reads the variables Roundup uses. `source` is `process.env` in the CLI and a plain object in tests. */
export function readEnv(source: Record<string, string | undefined>): RoundupEnv {
  const env: RoundupEnv = { db: source.ROUNDUP_DB?.trim() || DEFAULT_DB };
  const smtpUrl = source.SMTP_URL?.trim();
  if (smtpUrl) {
    if (!/^smtps?:\/\//i.test(smtpUrl)) {
      // never echo the value: without a scheme its first characters are often the user name and password
      const scheme = /^([a-z][a-z0-9+.-]{0,15}):\/\//i.exec(smtpUrl)?.[1];
      throw new RoundupError(
        'ENV_INVALID',
        'Expected `SMTP_URL` to start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.com:587), ' +
          `got ${scheme ? `a URL with the scheme \`${scheme}\`` : 'a value without a scheme'} (the value itself is not shown: it holds the password).`,
      );
    }
    env.smtpUrl = smtpUrl;
  }
  const secret = source.ROUNDUP_SECRET;
  if (secret !== undefined && secret !== '') {
    if (secret.length < 16) {
      throw new RoundupError(
        'ENV_INVALID',
        'Expected `ROUNDUP_SECRET` to be at least 16 characters (e.g. `openssl rand -hex 32`), ' +
          `got ${secret.length}.`,
      );
    }
    env.secret = secret;
  }
  if (source.ROUNDUP_IMAP_PASSWORD) env.imapPassword = source.ROUNDUP_IMAP_PASSWORD;
  const mailgun = source.MAILGUN_WEBHOOK_SIGNING_KEY?.trim();
  if (mailgun) env.mailgunSigningKey = mailgun;
  const configFile = source.ROUNDUP_CONFIG?.trim();
  if (configFile) env.configFile = configFile;
  const data = source.ROUNDUP_DATA_DIR?.trim();
  if (data) env.dataDir = data;
  const analytics = readAnalyticsSecrets(source);
  if (Object.keys(analytics).length > 0) env.analytics = analytics;
  return env;
}

function readAnalyticsSecrets(source: Record<string, string | undefined>): AnalyticsSecrets {
  const secrets: AnalyticsSecrets = {};
  const google = source.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (google) secrets.googleCredentialsFile = google;
  const plausible = source.PLAUSIBLE_API_KEY?.trim();
  if (plausible) secrets.plausibleApiKey = plausible;
  const matomo = source.MATOMO_TOKEN?.trim();
  if (matomo) {
    // A token pasted with its name (`token_auth=...`) or quotes would be refused by Matomo with a vaguer message.
    if (!/^[A-Za-z0-9_-]+$/.test(matomo)) {
      throw new RoundupError(
        'ENV_INVALID',
        'Expected `MATOMO_TOKEN` to be a bare token_auth (letters and digits, as Matomo shows it under ' +
          `Personal > Security > Auth tokens), got ${matomo.length} characters including others.`,
      );
    }
    secrets.matomoToken = matomo;
  }
  return secrets;
}

/**
 * The data folder, where Roundup keeps what it fetched (e.g. `cache/reads/`): ROUNDUP_DATA_DIR, else the folder of
 * the SQLite database (`ROUNDUP_DB`), else `data/` for a PostgreSQL database (a cache of this machine's). Undefined
 * for an in-memory database (tests): nothing is kept then.
 */
export function dataDir(env: Pick<RoundupEnv, 'db' | 'dataDir'>): string | undefined {
  if (env.dataDir) return resolve(env.dataDir);
  if (env.db === '' || env.db === ':memory:' || env.db.startsWith('file::memory:')) return undefined;
  if (/^postgres(?:ql)?:\/\//i.test(env.db)) return resolve('data');
  return dirname(resolve(env.db));
}
