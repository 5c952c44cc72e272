import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import { useNativeDataScan } from './use-native-data-scan.js';

/** What a connection needs beyond the URL (timeouts, TLS), as in SmtpTransportOptions. */
export interface ConnectionSettings {
  /** smtp:// or smtps:// with credentials (SMTP_URL); query parameters such as `?tls.servername=` as nodemailer reads them. */
  url: string;
  tls?: { rejectUnauthorized?: boolean } | undefined;
  connectionTimeoutMs?: number | undefined;
  socketTimeoutMs?: number | undefined;
}

/**
 * The connection options and the login of an SMTP URL, read the way nodemailer's own transports read it.
 * `?insecure=true` is Roundup's own: it allows sending the password over a connection without TLS.
 */
export function connectionOptions(settings: ConnectionSettings): {
  options: SMTPConnectionOptions;
  auth: { user: string; pass: string } | undefined;
  insecure: boolean;
} {
  const parsed = parseConnectionUrl(settings.url) as SMTPConnectionOptions & { auth?: { user: string; pass: string }; insecure?: unknown };
  const { auth, insecure, ...fromUrl } = parsed;
  const timeout = settings.connectionTimeoutMs ?? 30_000;
  return {
    options: {
      ...fromUrl,
      ...(settings.tls || fromUrl.tls ? { tls: { ...fromUrl.tls, ...settings.tls } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: settings.socketTimeoutMs ?? 120_000,
      logger: false,
    },
    auth: auth && (auth.user || auth.pass) ? auth : undefined,
    insecure: insecure === true,
  };
}

/**
 * Opens one SMTP connection with nodemailer's SMTPConnection: greeting, EHLO, STARTTLS when offered, then
 * AUTH with the URL's credentials when the server offers it (as nodemailer's pool does); DATA escaping with
 * native searches (useNativeDataScan). Resolves once it can send; rejects with nodemailer's error (code,
 * responseCode, response) on the first failure. Later socket errors are the caller's to watch (`'error'`,
 * `'end'`).
 *
 * A password never crosses the network in clear: when the URL has credentials and the connection is not
 * encrypted (smtp:// to a server without STARTTLS), it fails with `EINSECUREAUTH` before AUTH is sent, unless
 * the URL says `?insecure=true`.
 */
export function openSmtpConnection(settings: ConnectionSettings): Promise<SMTPConnection> {
  const { options, auth, insecure } = connectionOptions(settings);
  const connection = useNativeDataScan(new SMTPConnection(options));
  return new Promise<SMTPConnection>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      connection.close();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onError = (error: Error) => fail(error);
    const onEnd = () => fail(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
    connection.on('error', onError);
    connection.once('end', onEnd);
    const ready = () => {
      if (settled) return;
      settled = true;
      connection.off('error', onError);
      connection.off('end', onEnd);
      connection.on('error', () => {}); // never an uncaught 'error': failures reach send()'s callback or 'end'
      resolve(connection);
    };
    connection.connect((error) => {
      if (error) return fail(error);
      if (!auth || !connection.allowsAuth) return ready(); // no login asked or offered: no password to protect
      if (!connection.secure && !insecure) {
        return fail(Object.assign(new Error('The server offers no TLS: the password was not sent'), { code: 'EINSECUREAUTH' }));
      }
      connection.login({ user: auth.user, credentials: { user: auth.user, pass: auth.pass } }, (loginError) => {
        if (loginError) fail(loginError);
        else ready();
      });
    });
  });
}

/**
 * Whether the connection's socket may still hold bytes not yet handed to the kernel: true unless its write queue is
 * known to be empty (nodemailer keeps the socket in `_socket`; if that ever changes, the answer is "maybe": true).
 */
export function hasUnsentBytes(connection: SMTPConnection): boolean {
  const socket = (connection as unknown as { _socket?: { writableLength?: unknown } })._socket;
  return !(socket && socket.writableLength === 0);
}
