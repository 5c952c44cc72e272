// The transport the send loop needs, declared by its consumer (src/deliver); connection-pool-transport.ts implements it
// with a pool of nodemailer SMTPConnections and tests may supply their own. The loop never sees nodemailer or its errors: the
// transport turns every reply into one of the outcomes below.

/** One prebuilt message and its envelope. */
export interface OutgoingMessage {
  /** MAIL FROM. */
  from: string;
  /** RCPT TO (one recipient per message). */
  to: string;
  /** The complete message, CRLF line ends. */
  raw: Buffer;
  /**
   * Called at most once, when the transport is sure it will never read `raw` again (the server took the whole
   * message and the socket holds none of it), so its memory can be reused. A transport may never call it.
   */
  release?: (() => void) | undefined;
}

export type SendOutcome =
  /** 250 after DATA: the server took responsibility ("submitted", not "delivered"). */
  | { status: 'accepted'; reply: string }
  /** A 4xx reply about this message (mailbox full, greylisting, rate): try again later; counts as an attempt. */
  | { status: 'deferred'; reply: string }
  /**
   * No answer about this message: the connection dropped, timed out, could not be opened, or the server said
   * something that is not SMTP (or 421, closing the channel). Nothing says the message is the problem: try
   * again later; it does not count against the recipient's attempts, only toward the run's pause.
   */
  | { status: 'interrupted'; reply: string }
  /** 5xx: this recipient will not get it; `bounced` for "no such user" (550/551/553, 5.1.x). */
  | { status: 'rejected'; reply: string; bounced: boolean }
  /** Nothing will get through until someone fixes the setup (credentials, TLS): stop the run. */
  | { status: 'fatal'; reply: string; code: 'SMTP_AUTH' | 'SMTP_TLS' | 'SMTP_CONNECT'; message: string };

export interface Transport {
  /** Connects (and logs in) once; throws RoundupError SMTP_CONNECT, SMTP_AUTH or SMTP_TLS naming host:port and the fix. */
  verify(): Promise<void>;
  /** Never rejects: every failure is an outcome. */
  send(message: OutgoingMessage): Promise<SendOutcome>;
  /** Closes idle connections once the messages handed over are answered. */
  close(): Promise<void>;
}
