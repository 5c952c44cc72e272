import type { SendOutcome } from './transport.js';

/** The parts of a nodemailer error the classification reads. */
export interface SmtpErrorLike {
  code?: string | undefined;
  originalCode?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  message?: string | undefined;
}

const CONNECT_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/;
const TLS_HINT = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO|HOSTNAME_MISMATCH/i;
/** Replies that are about us (sender, relay, policy, reputation), not about the recipient's mailbox. */
const NOT_ABOUT_MAILBOX = /relay|sender|policy|spam|block|reputation|authenticat|denied access|rate/i;

/**
 * Turns a failed send into an outcome. `server` (`host:port`) and the fix go into fatal messages; the reply
 * kept for the ledger is the server's line (or the error's message), at most 300 characters, no password.
 */
export function classifySmtpError(error: SmtpErrorLike, server: string): Exclude<SendOutcome, { status: 'accepted' }> {
  const reply = (error.response || error.message || String(error.code ?? 'unknown error')).replace(/\s+/g, ' ').trim().slice(0, 300);
  const code = error.code ?? '';
  const original = error.originalCode ?? '';

  if (code === 'EINSECUREAUTH') {
    return {
      status: 'fatal',
      reply,
      code: 'SMTP_TLS',
      message:
        `The SMTP server ${server} offers no encryption (no STARTTLS), so the password in SMTP_URL would cross the network ` +
        'in clear: Roundup did not send it. Use smtps:// (port 465) or a server with STARTTLS; only on a network you trust, ' +
        'add `?insecure=true` to SMTP_URL to allow it.',
    };
  }
  // 530 is "authentication required", and also many servers' "must issue a STARTTLS command first"
  if (error.responseCode === 530 && /STARTTLS|\bTLS\b|encrypt/i.test(reply)) {
    return {
      status: 'fatal',
      reply,
      code: 'SMTP_TLS',
      message:
        `The SMTP server ${server} requires TLS before anything else (${reply}). Use smtps:// for port 465, or smtp:// on a port ` +
        'where the server offers STARTTLS (usually 587), and check that the certificate is valid for that host name.',
    };
  }
  if (code === 'EAUTH' || code === 'ENOAUTH' || error.responseCode === 535 || error.responseCode === 530) {
    return {
      status: 'fatal',
      reply,
      code: 'SMTP_AUTH',
      message:
        `The SMTP server ${server} refused the login (${reply}). Check the user name and password in SMTP_URL ` +
        '(smtp://USER:PASS@host:port; URL-encode special characters such as @ or : in them).',
    };
  }
  if (code === 'ETLS' || code === 'EREQUIRETLS' || TLS_HINT.test(original) || (code === 'ESOCKET' && TLS_HINT.test(reply))) {
    return {
      status: 'fatal',
      reply,
      code: 'SMTP_TLS',
      message:
        `TLS with the SMTP server ${server} failed (${reply}). Use smtps:// for port 465 and smtp:// for 587/25 ` +
        '(STARTTLS is used when offered), and check that the server certificate is valid for that host name.',
    };
  }
  if (code === 'EDNS' || CONNECT_CODES.test(original) || CONNECT_CODES.test(code)) {
    // the server went away: nothing about this message; `verify` reports it as SMTP_CONNECT at the start
    return { status: 'interrupted', reply: `${reply} (${server})` };
  }
  const responseCode = error.responseCode;
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503) {
    const enhanced = /\b5\.(\d{1,3})\.(\d{1,3})\b/.exec(reply);
    const bounced = enhanced
      ? enhanced[1] === '1' && enhanced[2] !== '7' && enhanced[2] !== '8' && !NOT_ABOUT_MAILBOX.test(reply)
      : [550, 551, 553].includes(responseCode) && !NOT_ABOUT_MAILBOX.test(reply);
    return { status: 'rejected', reply, bounced };
  }
  // a 4xx reply about this message (but 421: the server is closing the channel), or 503 (bad sequence): later
  if (responseCode !== undefined && ((responseCode >= 400 && responseCode < 500 && responseCode !== 421) || responseCode === 503)) {
    return { status: 'deferred', reply };
  }
  // 421, dropped connections, timeouts, replies that are not SMTP: the connection failed, not the message
  return { status: 'interrupted', reply };
}

/** The RoundupError message for a transport that cannot connect at all. */
export function connectFailureMessage(server: string, reply: string): string {
  return (
    `Could not reach the SMTP server ${server} (${reply}). Check the host and port in SMTP_URL ` +
    '(e.g. smtp://USER:PASS@mail.example.com:587) and that the server is running and reachable from here.'
  );
}
