import nodemailer from 'nodemailer';
import { RoundupError } from '../errors.js';
import { classifySmtpError, connectFailureMessage, type SmtpErrorLike } from './classify-smtp-error.js';
import { DKIM_HEADERS } from './dkim-signer.js';
import type { OutgoingMessage, SendOutcome, Transport } from './transport.js';

export interface SmtpTransportOptions {
  /** smtp:// or smtps:// with credentials (SMTP_URL). */
  url: string;
  maxConnections: number;
  maxMessages: number;
  /** Messages per second across the pool; 0 = no limit. */
  rateLimit: number;
  /** Sign every message (the private key's PEM text, read by the caller from `delivery.dkim.keyFile`). */
  dkim?: { domain: string; selector: string; privateKey: string } | undefined;
  /** Passed to Node's TLS (tests with a self-signed certificate set `rejectUnauthorized: false`). */
  tls?: { rejectUnauthorized?: boolean } | undefined;
  connectionTimeoutMs?: number | undefined;
  socketTimeoutMs?: number | undefined;
}

/** `host:port` of an SMTP URL, for messages: never the user or password. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'smtps:' ? '465' : '587');
    return `${u.hostname}:${port}`;
  } catch {
    return '(unparseable SMTP_URL)';
  }
}

/**
 * The SMTP transport: nodemailer's pool (STARTTLS when offered), fed prebuilt messages as `raw` with an explicit
 * envelope. The pool does not requeue dropped messages itself (`maxRequeues: 0`): the send loop retries them
 * with its own backoff and records each attempt.
 */
export function createSmtpTransport(options: SmtpTransportOptions): Transport {
  const server = describeServer(options.url);
  const pool = nodemailer.createTransport({
    pool: true,
    url: options.url,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessages,
    maxRequeues: 0,
    ...(options.rateLimit > 0 ? { rateLimit: options.rateLimit, rateDelta: 1000 } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    connectionTimeout: options.connectionTimeoutMs ?? 30_000,
    greetingTimeout: options.connectionTimeoutMs ?? 30_000,
    socketTimeout: options.socketTimeoutMs ?? 120_000,
    ...(options.dkim
      ? {
          dkim: {
            domainName: options.dkim.domain,
            keySelector: options.dkim.selector,
            privateKey: options.dkim.privateKey,
            headerFieldNames: DKIM_HEADERS,
          },
        }
      : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);

  const inFlight = new Set<Promise<unknown>>();

  return {
    async verify() {
      try {
        await pool.verify();
      } catch (error) {
        const outcome = classifySmtpError(error as SmtpErrorLike, server);
        if (outcome.status === 'fatal') throw new RoundupError(outcome.code, outcome.message, { cause: error });
        throw new RoundupError('SMTP_CONNECT', connectFailureMessage(server, outcome.reply), { cause: error });
      }
    },
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const sending = pool.sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
      inFlight.add(sending);
      try {
        const info = await sending;
        return { status: 'accepted', reply: String((info as { response?: string }).response ?? '250 OK').slice(0, 300) };
      } catch (error) {
        return classifySmtpError(error as SmtpErrorLike, server);
      } finally {
        inFlight.delete(sending);
      }
    },
    async close() {
      // the pool's close() fails what is still queued: let the messages handed over be answered first
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      pool.close();
    },
  };
}
