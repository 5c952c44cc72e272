// A real SMTP server (smtp-server) on 127.0.0.1 for the delivery tests, with faults on demand: replies per
// recipient and attempt, a connection dropped in the middle of DATA, a slow DATA reply, login, STARTTLS.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Fault {
  code: number;
  message: string;
}

export interface PeerOptions {
  /** Reply to RCPT TO: a fault, or undefined to accept. `attempt` counts from 1 per address. */
  rcpt?: (address: string, attempt: number) => Fault | undefined;
  /** After the message arrived: drop the connection mid-DATA, reply with a fault, or accept (undefined). */
  data?: (rcpt: string, attempt: number) => 'drop' | Fault | undefined;
  /** Wait this long before answering DATA (to keep messages in flight). */
  delayMs?: number;
  auth?: { user: string; pass: string };
  /** Offer STARTTLS (smtp-server's self-signed certificate). */
  starttls?: boolean;
}

export interface Received {
  rcpt: string;
  /** The envelope sender (MAIL FROM). */
  mailFrom: string;
  raw: Buffer;
  /** The message came over TLS (STARTTLS or smtps). */
  secure: boolean;
  /** When its data had arrived (ms since 1970). */
  at: number;
}

export interface SmtpPeer {
  url: string;
  port: number;
  received: Received[];
  /** RCPT attempts per address. */
  attempts: Map<string, number>;
  /** Messages being answered right now, and the most at once. */
  maxConcurrent: () => number;
  /** Connections opened so far, open now, and the most open at once. */
  connections: () => { opened: number; openNow: number; maxOpen: number };
  /** AUTH commands the server received (right or wrong). */
  authAttempts: () => number;
  close(): Promise<void>;
}

export async function startSmtpPeer(options: PeerOptions = {}): Promise<SmtpPeer> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  let concurrent = 0;
  let maxConcurrent = 0;
  let opened = 0;
  let openNow = 0;
  let maxOpen = 0;
  let authAttempts = 0;
  const config: SMTPServerOptions = {
    logger: false,
    disabledCommands: [...(options.starttls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      opened++;
      maxOpen = Math.max(maxOpen, ++openNow);
      callback();
    },
    onClose() {
      openNow--;
    },
    onAuth(auth, _session, callback) {
      authAttempts++;
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) return callback(null, { user: auth.username });
      const error = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      callback(error);
    },
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const fault = options.rcpt?.(address.address, n);
      if (fault) return callback(Object.assign(new Error(fault.message), { responseCode: fault.code }));
      callback();
    },
    onData(stream, session, callback) {
      const rcpt = session.envelope.rcptTo[0]?.address ?? '';
      const n = (dataAttempts.get(rcpt) ?? 0) + 1;
      dataAttempts.set(rcpt, n);
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      const chunks: Buffer[] = [];
      const verdict = options.data?.(rcpt, n);
      let dropped = false;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (verdict === 'drop' && !dropped) {
          dropped = true;
          concurrent--;
          for (const connection of (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections) {
            if (connection.id === session.id) connection._socket.destroy();
          }
        }
      });
      stream.on('end', () => {
        if (dropped) return;
        setTimeout(() => {
          concurrent--;
          if (verdict && verdict !== 'drop') return callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push({ rcpt, mailFrom, raw: Buffer.concat(chunks), secure: Boolean(session.secure), at: Date.now() });
          callback(null, 'Queued');
        }, options.delayMs ?? 0);
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => {});
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  const user = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    url: `smtp://${user}127.0.0.1:${port}`,
    port,
    received,
    attempts,
    maxConcurrent: () => maxConcurrent,
    connections: () => ({ opened, openNow, maxOpen }),
    authAttempts: () => authAttempts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) c._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
