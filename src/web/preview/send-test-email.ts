import { randomBytes } from 'node:crypto';
import type { LoadedConfig, RoundupEnv } from '../../config/index.js';
import { addressDomain, isSafeAddress } from '../../deliver/header-encoding.js';
import { messageSpecFromConfig } from '../../deliver/message-spec-from-config.js';
import type { SendReport } from '../../deliver/send-report.js';
import { sendToTestAddresses } from '../../deliver/send-to-test-addresses.js';
import { transportFromConfig } from '../../deliver/transport-from-config.js';
import type { Transport } from '../../deliver/transport.js';
import { RoundupError } from '../../errors.js';
import type { RenderedIssue } from '../../types.js';

/** At most this many addresses per test send: it is a test, not a mailing. */
export const MAX_TEST_ADDRESSES = 10;

/** What to tell an editor whose environment has no SMTP_URL. */
export const SMTP_URL_HELP =
  'SMTP_URL is not set, so the preview cannot send. Stop the preview and start it again with the variable set, ' +
  'credentials included: `SMTP_URL=smtp://USER:PASS@mail.example.com:587 roundup preview` (smtps:// for port 465).';

/** Splits what an editor typed (commas, semicolons, spaces or new lines) into checked addresses. */
export function parseTestAddresses(input: string): string[] {
  const addresses = [...new Set(input.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean))];
  if (addresses.length === 0) throw new RoundupError('USAGE', 'Give at least one address to send the test to, e.g. editor@example.com.');
  if (addresses.length > MAX_TEST_ADDRESSES) {
    throw new RoundupError('USAGE', `A test goes to at most ${MAX_TEST_ADDRESSES} addresses; ${addresses.length} were given.`);
  }
  for (const address of addresses) {
    if (!isSafeAddress(address)) throw new RoundupError('USAGE', `\`${address}\` is not an address like editor@example.com.`);
  }
  return addresses;
}

export interface SendTestOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  rendered: RenderedIssue;
  addresses: string[];
  now: Date;
  /** Default: the SMTP transport on SMTP_URL (one connection, DKIM-signed when `delivery.dkim` is set). */
  transport?: Transport;
}

/**
 * "Send a test" from the preview: the delivery code's test path (`roundup send --test`): subject marked
 * `[TEST]`, one attempt per address, the ledger untouched. Without ROUNDUP_SECRET the test's links are signed
 * with a throwaway key: they show the layout and open nothing (they never unsubscribe anyone anyway).
 */
export async function sendTestEmail(o: SendTestOptions): Promise<SendReport> {
  const { config } = o.loaded;
  const spec = messageSpecFromConfig(config, o.rendered, o.now, o.loaded.file);
  const transport = o.transport ?? smtpTransport(o.loaded, o.env);
  return sendToTestAddresses({
    issue: o.rendered.issue,
    spec,
    links: {
      issue: o.rendered.issue,
      secret: o.env.secret ?? randomBytes(24).toString('hex'),
      publicUrl: config.web.publicUrl,
      messageDomain: addressDomain(spec.from.address),
    },
    transport,
    addresses: o.addresses.map((email) => ({ email })),
  });
}

function smtpTransport(loaded: LoadedConfig, env: RoundupEnv): Transport {
  if (!env.smtpUrl) throw new RoundupError('ENV_INVALID', SMTP_URL_HELP);
  return transportFromConfig(loaded, env.smtpUrl, { maxConnections: 1, maxMessages: MAX_TEST_ADDRESSES });
}
