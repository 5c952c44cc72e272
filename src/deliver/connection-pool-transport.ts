import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { RoundupError, errorMessage } from '../errors.js';
import { classifySmtpError, connectFailureMessage, type SmtpErrorLike } from './classify-smtp-error.js';
import { createDkimSigner } from './dkim-signer.js';
import { hasUnsentBytes, openSmtpConnection, type ConnectionSettings } from './open-smtp-connection.js';
import { createRateGate } from './rate-gate.js';
import { describeServer, type SmtpTransportOptions } from './smtp-transport-options.js';
import type { OutgoingMessage, SendOutcome, Transport } from './transport.js';

interface Job {
  from: string;
  to: string;
  raw: Buffer;
  /** The sender's `release`, once the socket holds none of `raw`. */
  release: (() => void) | undefined;
  resolve(outcome: SendOutcome): void;
}

interface Slot {
  connection: SMTPConnection;
  sent: number;
  /** The server closed it, or it failed: never handed another message. */
  dead: boolean;
  /** No longer counted against maxConnections. */
  retired: boolean;
}

/**
 * The default SMTP transport: a small pool of nodemailer `SMTPConnection`s driven directly, without the Mailer,
 * MimeNode streams and the pool's queue. Each message is one prebuilt Buffer (DKIM-signed first when configured,
 * by dkim-signer.ts, From, Subject and List-Unsubscribe oversigned) handed to `connection.send`, so only its DATA
 * escaping reads the bytes; the sender's `release` is called once the server has taken the message and the socket
 * holds none of it. At most `maxConnections` connections, each sending one message after another; one is retired
 * after `maxMessages` (QUIT) and replaced after an error; `rateLimit` messages per second across the pool. Replies
 * map to outcomes with classifySmtpError; nothing is retried here: the send loop owns retries and records each
 * attempt.
 */
export function createConnectionPoolTransport(options: SmtpTransportOptions): Transport {
  const server = describeServer(options.url);
  const settings: ConnectionSettings = {
    url: options.url,
    tls: options.tls,
    connectionTimeoutMs: options.connectionTimeoutMs,
    socketTimeoutMs: options.socketTimeoutMs,
  };
  const sign = options.dkim ? createDkimSigner(options.dkim) : undefined;
  const gate = createRateGate(options.rateLimit);
  const maxConnections = Math.max(1, options.maxConnections);
  const maxMessages = Math.max(1, options.maxMessages);
  const queue: Job[] = [];
  const idle: Slot[] = [];
  let open = 0; // connections counted against maxConnections: opening, idle or busy
  let busy = 0; // messages handed to a connection and not yet answered
  let gateTimer: NodeJS.Timeout | undefined;
  let closeWaiters: (() => void)[] = [];

  const retire = (slot: Slot, polite: boolean) => {
    if (slot.retired) return;
    slot.retired = true;
    open--;
    if (!polite || slot.dead) return slot.connection.close();
    slot.connection.quit();
    setTimeout(() => slot.connection.close(), 2000).unref(); // a server that never answers QUIT
  };

  const giveBack = (slot: Slot) => {
    if (slot.dead) retire(slot, false);
    else if (slot.sent >= maxMessages) retire(slot, true);
    else idle.push(slot);
  };

  const afterAnswer = (slot: Slot, job: Job, error: SmtpErrorLike | null, reply: string | undefined) => {
    busy--;
    slot.sent++;
    if (!error) {
      // 250 after the final dot: every byte went before it, unless a broken server answered early
      if (job.release && !hasUnsentBytes(slot.connection)) job.release();
      job.resolve({ status: 'accepted', reply: String(reply ?? '250 OK').slice(0, 300) });
      giveBack(slot);
      return dispatch();
    }
    job.resolve(classifySmtpError(error, server));
    const aboutThisMessage = (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && error.responseCode !== 421;
    if (!aboutThisMessage || slot.dead) {
      retire(slot, false);
      return dispatch();
    }
    // the server refused this message, the connection is fine: reset the session and keep it
    busy++;
    slot.connection.reset((resetError) => {
      busy--;
      if (resetError) retire(slot, false);
      else giveBack(slot);
      dispatch();
    });
  };

  const transmit = (slot: Slot, job: Job) => {
    let synchronous = true;
    slot.connection.send({ from: job.from, to: [job.to] }, job.raw, (error, info) => {
      const handle = () => afterAnswer(slot, job, error, info?.response);
      if (synchronous) queueMicrotask(handle);
      else handle();
    });
    synchronous = false;
  };

  /** A slot for an open connection; one the server closes or breaks while idle is retired at once. */
  const adopt = (connection: SMTPConnection): Slot => {
    const slot: Slot = { connection, sent: 0, dead: false, retired: false };
    const onGone = () => {
      slot.dead = true;
      const at = idle.indexOf(slot);
      if (at >= 0) {
        idle.splice(at, 1);
        retire(slot, false);
        dispatch();
      }
    };
    connection.on('error', onGone);
    connection.once('end', onGone);
    return slot;
  };

  const connectAndTransmit = (job: Job) => {
    openSmtpConnection(settings).then(
      (connection) => transmit(adopt(connection), job),
      (error: SmtpErrorLike) => {
        busy--;
        open--;
        job.resolve(classifySmtpError(error, server));
        dispatch();
      },
    );
  };

  function dispatch(): void {
    while (queue.length > 0) {
      const slot = idle.pop(); // the most recently used: warm, least likely to have timed out
      if (!slot && open >= maxConnections) return;
      const wait = gate.take(Date.now());
      if (wait > 0) {
        if (slot) idle.push(slot);
        if (!gateTimer) gateTimer = setTimeout(() => ((gateTimer = undefined), dispatch()), wait);
        return;
      }
      const job = queue.shift()!;
      busy++;
      if (slot) {
        transmit(slot, job);
      } else {
        open++;
        connectAndTransmit(job);
      }
    }
    if (busy === 0 && closeWaiters.length > 0) {
      for (const slot of idle.splice(0)) retire(slot, true);
      const waiters = closeWaiters;
      closeWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    async verify() {
      try {
        const connection = await openSmtpConnection(settings);
        // kept for the first message: a greeting, EHLO, TLS and login less before the send starts
        if (open < maxConnections) {
          open++;
          idle.push(adopt(connection));
          dispatch();
        } else connection.quit();
      } catch (error) {
        const outcome = classifySmtpError(error as SmtpErrorLike, server);
        if (outcome.status === 'fatal') throw new RoundupError(outcome.code, outcome.message, { cause: error });
        throw new RoundupError('SMTP_CONNECT', connectFailureMessage(server, outcome.reply), { cause: error });
      }
    },
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      let raw = message.raw;
      let release = message.release;
      if (sign) {
        try {
          raw = await sign(raw); // a copy: the message itself is no longer needed
        } catch (error) {
          return { status: 'rejected', reply: `not sent: DKIM signing failed: ${errorMessage(error)}`.slice(0, 300), bounced: false };
        }
        release?.();
        release = undefined;
      }
      return new Promise<SendOutcome>((resolve) => {
        queue.push({ from: message.from, to: message.to, raw, release, resolve });
        dispatch();
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        closeWaiters.push(resolve);
        dispatch();
      });
    },
  };
}
