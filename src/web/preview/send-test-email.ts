import { randomBytes } from 'node:crypto';
import type { LoadedConfig, RoundupEnv } from '../../config/index.js';
import { addressDomain, isSafeAddress } from '../../deliver/header-encoding.js';
import { messageSpecFromConfig } from '../../deliver/message-spec-from-config.js';
import type { SendReport } from '../../deliver/send-report.js';
import { sendToTestAddresses } from '../../deliver/send-to-test-addresses.js';
import { transportFromConfig } from '../../deliver/transport-from-config.js';
import type { Transport } from '../../deliver/transport.js';
import { RoundupError } from '../../errors.js';
import { stripControls } from '../../text/control-characters.js';
import { escapeForMessage } from '../../text/show-text.js';
import type { RenderedIssue } from '../../types.js';

/** At most this many addresses per test send: it is a test, not a mailing. */
export const MAX_TEST_ADDRESSES = 10;

/** What to tell an editor whose environment has no SMTP_URL. */
export const SMTP_URL_HELP =
  'SMTP_URL is not set, so the preview cannot send. Stop the preview and start it again with the variable set, ' +
  'credentials included: `SMTP_URL=smtp://USER:PASS@mail.example.com:587 roundup preview` (smtps:// for port 465).';

/** One address to send a test to, with the name an editor typed before it (`Jane Doe <jane@example.com>`). */
export interface TestAddress {
  email: string;
  name?: string | undefined;
}

/**
 * Splits what an editor typed into checked addresses: separated by commas, semicolons or new lines (spaces too
 * between bare addresses), each `editor@example.com`, `Jane Doe <jane@example.com>` or `"Doe, Jane"
 * <jane@example.com>` (a comma inside quotes is part of the name), as mail programs write them. An address
 * given twice is sent once (the first name kept). At most MAX_TEST_ADDRESSES.
 */
export function parseTestAddresses(input: string): TestAddress[] {
  const found: TestAddress[] = [];
  for (const part of splitOutsideQuotes(input)) {
    const named = /^(.*?)\s*<([^<>]*)>$/s.exec(part);
    if (named) {
      const name = named[1]!.trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1');
      found.push({ email: checked(named[2]!.trim(), part), name: cleanName(name) });
      continue;
    }
    // bare addresses separated by spaces (`a@example.com b@example.com`): each word must be one
    for (const word of part.split(/\s+/)) found.push({ email: checked(word, part) });
  }
  const seen = new Set<string>();
  const addresses = found.filter((a) => !seen.has(a.email.toLowerCase()) && seen.add(a.email.toLowerCase()));
  if (addresses.length === 0) throw new RoundupError('USAGE', 'Give at least one address to send the test to, e.g. editor@example.com.');
  if (addresses.length > MAX_TEST_ADDRESSES) {
    throw new RoundupError('USAGE', `A test goes to at most ${MAX_TEST_ADDRESSES} addresses; ${addresses.length} were given.`);
  }
  return addresses;
}

/** The comma, semicolon or line separated parts, trimmed, not splitting inside "quotes" or <brackets>. */
function splitOutsideQuotes(input: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\\' && quoted && i + 1 < input.length) {
      current += c + input[++i]!;
      continue;
    }
    if (c === '"' && !bracket) quoted = !quoted;
    else if (c === '<' && !quoted) bracket = true;
    else if (c === '>' && !quoted) bracket = false;
    if (!quoted && !bracket && (c === ',' || c === ';' || c === '\n' || c === '\r')) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function checked(address: string, typed: string): string {
  if (!isSafeAddress(address)) {
    throw new RoundupError('USAGE', `\`${escapeForMessage(typed)}\` is not an address like editor@example.com or Jane Doe <editor@example.com>.`);
  }
  return address;
}

/** A display name fit for a header: no control characters, one line, at most 100 characters; none when empty. */
function cleanName(name: string): string | undefined {
  const clean = stripControls(name).replace(/\s+/g, ' ').trim().slice(0, 100);
  return clean === '' ? undefined : clean;
}

/** The addresses as the form shows them again: `Jane Doe <jane@example.com>, editor@example.com`. */
export function formatTestAddresses(addresses: readonly TestAddress[]): string {
  return addresses.map((a) => (a.name ? `${/[",;<>]/.test(a.name) ? JSON.stringify(a.name) : a.name} <${a.email}>` : a.email)).join(', ');
}

export interface SendTestOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  rendered: RenderedIssue;
  addresses: TestAddress[];
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
    addresses: o.addresses.map(({ email, name }) => ({ email, name })),
  });
}

function smtpTransport(loaded: LoadedConfig, env: RoundupEnv): Transport {
  if (!env.smtpUrl) throw new RoundupError('ENV_INVALID', SMTP_URL_HELP);
  return transportFromConfig(loaded, env.smtpUrl, { maxConnections: 1, maxMessages: MAX_TEST_ADDRESSES });
}
