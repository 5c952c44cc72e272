import { RoundupError } from '../errors.js';

/** Deployment values and secrets: only ever from the environment, never from a committed file. */
export interface RoundupEnv {
  /** smtp:// or smtps:// URL with credentials. Unset: the command says how to set it. */
  smtpUrl?: string;
  /** Key for signed unsubscribe/preferences tokens. */
  secret?: string;
  /** SQLite database file. */
  db: string;
  /** Config file chosen by environment (`--config` wins). */
  configFile?: string;
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
  const configFile = source.ROUNDUP_CONFIG?.trim();
  if (configFile) env.configFile = configFile;
  return env;
}
