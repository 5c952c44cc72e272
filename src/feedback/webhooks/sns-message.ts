import { createVerify } from 'node:crypto';

// Amazon SNS's HTTP(S) messages (how SES reports bounces and complaints to a web endpoint): the shape, the
// string SNS signs, the signature check, and where the signing certificate may come from. Follows AWS's
// "Verifying the signatures of Amazon SNS messages".

export type SnsType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

export interface SnsMessage {
  Type: SnsType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: '1' | '2';
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

const FIELDS: Record<SnsType, readonly (keyof SnsMessage)[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** The message, when `body` is JSON of SNS's shape; undefined otherwise. */
export function parseSnsMessage(body: string): SnsMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const m = value as Partial<Record<keyof SnsMessage, unknown>>;
  if (typeof m !== 'object' || m === null) return undefined;
  if (m.Type !== 'Notification' && m.Type !== 'SubscriptionConfirmation' && m.Type !== 'UnsubscribeConfirmation') return undefined;
  if (m.SignatureVersion !== '1' && m.SignatureVersion !== '2') return undefined;
  for (const key of ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'Signature', 'SigningCertURL'] as const) {
    if (typeof m[key] !== 'string') return undefined;
  }
  for (const key of ['Subject', 'SubscribeURL', 'Token'] as const) if (m[key] !== undefined && typeof m[key] !== 'string') return undefined;
  if (m.Type !== 'Notification' && (typeof m.SubscribeURL !== 'string' || typeof m.Token !== 'string')) return undefined;
  return m as SnsMessage;
}

/** What SNS signs: each field's name and value on their own lines, in a fixed order (Subject only when present). */
export function stringToSign(m: SnsMessage): string {
  return FIELDS[m.Type]
    .filter((k) => m[k] !== undefined)
    .map((k) => `${k}\n${m[k] as string}\n`)
    .join('');
}

/** A certificate or SubscribeURL SNS may send us to: https, on an SNS host of AWS. */
export function isSnsUrl(raw: string, kind: 'certificate' | 'subscribe'): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return false;
  if (!/^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(url.hostname)) return false;
  return kind === 'certificate' ? /\.pem$/.test(url.pathname) : true;
}

/** Whether `m` is signed by the holder of `certificate` (PEM), with the algorithm its SignatureVersion names. */
export function verifySnsSignature(m: SnsMessage, certificate: string): boolean {
  try {
    const verifier = createVerify(m.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    verifier.update(stringToSign(m), 'utf8');
    return verifier.verify(certificate, m.Signature, 'base64');
  } catch {
    return false;
  }
}
