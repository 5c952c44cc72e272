// What an SMTP transport is built from: the server (SMTP_URL) and the delivery config's pool settings.

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
