import { createHmac, timingSafeEqual } from 'node:crypto';
import { bounceSeverity } from '../bounce-severity.js';
import type { FeedbackReading } from '../read-feedback.js';

// Mailgun's webhooks: a JSON body `{ signature: { timestamp, token, signature }, "event-data": {...} }`, the
// signature an HMAC-SHA256 of timestamp + token with the webhook signing key (Mailgun's "Securing Webhooks").

export interface MailgunCall {
  timestamp: number;
  token: string;
  signature: string;
  event: Record<string, unknown>;
}

export function parseMailgunCall(body: string): MailgunCall | undefined {
  let value: { signature?: { timestamp?: unknown; token?: unknown; signature?: unknown }; 'event-data'?: unknown };
  try {
    value = JSON.parse(body) as typeof value;
  } catch {
    return undefined;
  }
  const s = value?.signature;
  const event = value?.['event-data'];
  if (!s || typeof s.token !== 'string' || typeof s.signature !== 'string' || typeof event !== 'object' || event === null) return undefined;
  const timestamp = Number(s.timestamp);
  if (!Number.isSafeInteger(timestamp) || s.token.length < 10 || s.token.length > 200 || !/^[0-9a-f]{64}$/.test(s.signature)) return undefined;
  return { timestamp, token: s.token, signature: s.signature, event: event as Record<string, unknown> };
}

export function verifyMailgunSignature(call: MailgunCall, signingKey: string): boolean {
  const expected = createHmac('sha256', signingKey).update(`${call.timestamp}${call.token}`).digest();
  const given = Buffer.from(call.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** The feedback an event reports (`failed`, `complained`, `unsubscribed`); `none` for every other event. */
export function mailgunReading(event: Obj): FeedbackReading {
  const message = obj(event.message);
  const headers = obj(message.headers);
  const envelope = obj(event.envelope);
  const messageId = str(headers['message-id'])?.replace(/^<|>$/g, '');
  const base = {
    format: 'mailgun',
    relay: 'mailgun',
    detail: '',
    addressedTo: str(envelope.sender) ? [str(envelope.sender)!] : [],
    messageIds: messageId ? [messageId] : [],
    originalAddresses: [],
  };
  switch (str(event.event)) {
    case 'failed': {
      const status = obj(event['delivery-status']);
      const diagnostic = [str(status.code), str(status.message), str(status.description)].filter(Boolean).join(' ');
      const detail = [str(event.severity), str(event.reason), diagnostic].filter(Boolean).join(' ');
      if (str(event.severity) !== 'permanent') return { ...base, kind: 'bounce', severity: 'soft', detail };
      const severity = str(event.reason) === 'suppress-bounce' ? 'hard' : (bounceSeverity({ status: str(status['enhanced-code']), diagnostic }) ?? 'hard');
      return { ...base, kind: 'bounce', severity, detail };
    }
    case 'complained':
      return { ...base, kind: 'complaint', detail: 'complained' };
    case 'unsubscribed':
      // Mailgun's own unsubscribe link: the call is signed, the Message-ID is ours
      return { ...base, kind: 'unsubscribe', detail: 'unsubscribed at Mailgun' };
    default:
      return { ...base, kind: 'none', detail: str(event.event) ?? '' };
  }
}
