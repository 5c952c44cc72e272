// One error class for everything Roundup reports to a person. `code` is stable: code and tests match on it,
// never on the message. The message names the part (file, key, line, URL) and the fix.

export const ErrorCodes = {
  CONFIG_NOT_FOUND: 'the config file does not exist',
  CONFIG_INVALID: 'the config file does not match the schema',
  ENV_INVALID: 'an environment variable has a bad value',
  WEEK_INVALID: 'a --week or --date value is not understood',
  SOURCE_UNREADABLE: 'a source could not be read at all',
  SOURCE_INVALID: 'a source was read but its content is not what was expected',
  SOURCE_AUTH: 'an analytics API refused the credentials, or the account lacks the role it needs',
  SOURCE_NOT_FOUND: 'the analytics property or site a source names does not exist for that account',
  SOURCE_LIMITED: 'an analytics API kept answering "too many requests" or "quota exhausted"',
  ISSUE_TOO_THIN: 'the week has fewer new stories than the configured minimum',
  OVERRIDE_INVALID: 'a per-issue override file is wrong',
  TEMPLATE_INVALID: 'a template does not compile',
  RENDER_CHECK_FAILED: 'the rendered email failed a check',
  DB_ERROR: 'the database could not be opened, migrated, read or written',
  DB_BUSY: 'the database stayed locked by another process',
  SUBSCRIBER_INVALID: 'a subscriber address or row is wrong',
  SMTP_CONNECT: 'the SMTP server could not be reached',
  SMTP_AUTH: 'the SMTP server refused the credentials',
  SMTP_TLS: 'TLS with the SMTP server failed',
  SEND_PAUSED: 'too many errors in a row: the send paused',
  SEND_FAILED: 'the SMTP server accepted no recipient of the issue',
  SEND_INCOMPLETE: 'recipients remain pending after repeated connection failures',
  DOCTOR_FAILED: 'a deliverability check failed (DKIM, alignment, SPF, DMARC, MX): a real send does not start',
  NOT_APPROVED: 'the issue waits for an editor to approve it',
  FEEDBACK_IMAP: 'the feedback mailbox (IMAP) could not be reached or read',
  TOKEN_INVALID: 'a signed token is forged, altered or malformed',
  USAGE: 'a command was called wrongly',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class RoundupError extends Error {
  override readonly name = 'RoundupError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isRoundupError(error: unknown, code?: ErrorCode): error is RoundupError {
  return error instanceof RoundupError && (code === undefined || error.code === code);
}

/** The message of anything thrown, for logs and problems. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
