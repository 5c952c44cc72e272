import { randomBytes } from 'node:crypto';
import type { RoundupEnv } from '../config/index.js';
import { RoundupError } from '../errors.js';

export interface SendEnv {
  secret: string;
  smtpUrl: string;
}

/**
 * The secrets a send needs, or an ENV_INVALID error saying how to set them. A dry run works without them (a
 * throwaway secret, no server).
 */
export function requireSendEnv(env: RoundupEnv, options: { dryRun?: boolean | undefined } = {}): SendEnv {
  const secret = env.secret ?? (options.dryRun ? randomBytes(24).toString('hex') : undefined);
  if (!secret) {
    throw new RoundupError(
      'ENV_INVALID',
      'ROUNDUP_SECRET is not set: the unsubscribe links are signed with it. Set it once and keep it for every send ' +
        '(e.g. `export ROUNDUP_SECRET=$(openssl rand -hex 32)`); `--dry-run` works without it.',
    );
  }
  if (!env.smtpUrl && !options.dryRun) {
    throw new RoundupError(
      'ENV_INVALID',
      'SMTP_URL is not set. Point it at your SMTP server, credentials included: ' +
        '`export SMTP_URL=smtp://USER:PASS@mail.example.com:587` (smtps:// for port 465); `--dry-run` works without it.',
    );
  }
  return { secret, smtpUrl: env.smtpUrl ?? 'smtp://127.0.0.1:25' };
}
