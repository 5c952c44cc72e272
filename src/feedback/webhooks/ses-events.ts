import { bounceSeverity } from '../bounce-severity.js';
import type { FeedbackReading } from '../read-feedback.js';

// An Amazon SES notification (the Message inside an SNS notification: `notificationType`, or `eventType` for
// configuration-set events) as feedback readings: one per bounced or complaining recipient. Our messages have
// one recipient each, so that is one reading.

interface SesNotification {
  notificationType?: string;
  eventType?: string;
  mail?: { source?: string; messageId?: string; commonHeaders?: { messageId?: string }; headers?: { name?: string; value?: string }[] };
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { status?: string; diagnosticCode?: string; action?: string }[] };
  complaint?: { complaintFeedbackType?: string; complaintSubType?: string | null };
}

export function sesReadings(message: string): FeedbackReading[] {
  let n: SesNotification;
  try {
    n = JSON.parse(message) as SesNotification;
  } catch {
    return [];
  }
  if (typeof n !== 'object' || n === null) return [];
  const type = n.notificationType ?? n.eventType;
  const headerId = n.mail?.headers?.find((h) => h.name?.toLowerCase() === 'message-id')?.value;
  const ids = [n.mail?.commonHeaders?.messageId, headerId].filter((v): v is string => typeof v === 'string').map((v) => v.replace(/^<|>$/g, ''));
  const base = {
    relay: 'ses',
    addressedTo: typeof n.mail?.source === 'string' ? [n.mail.source] : [],
    messageIds: [...new Set(ids)],
    originalAddresses: [],
  };
  if (type === 'Bounce' && n.bounce) {
    const recipient = n.bounce.bouncedRecipients?.[0] ?? {};
    const detail = [n.bounce.bounceType, n.bounce.bounceSubType, recipient.status, recipient.diagnosticCode].filter(Boolean).join(' ');
    let severity: 'hard' | 'soft';
    if (n.bounce.bounceType !== 'Permanent') severity = 'soft';
    else if (n.bounce.bounceSubType === 'UnsupportedAttachment' || n.bounce.bounceSubType === 'MessageTooLarge') severity = 'soft';
    else if (recipient.status || recipient.diagnosticCode) severity = bounceSeverity({ status: recipient.status, diagnostic: recipient.diagnosticCode }) ?? 'hard';
    else severity = 'hard';
    return [{ ...base, kind: 'bounce', severity, format: 'ses', detail }];
  }
  if (type === 'Complaint' && n.complaint) {
    const feedbackType = n.complaint.complaintFeedbackType ?? 'abuse';
    return [{ ...base, kind: feedbackType === 'not-spam' ? 'none' : 'complaint', format: 'ses', detail: `feedback-type ${feedbackType}` }];
  }
  return [];
}
