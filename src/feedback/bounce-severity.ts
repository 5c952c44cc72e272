// Which bounces say the address is gone (hard: the subscriber is marked `bounced` at once) and which say
// "not now" or "not this message" (soft: counted; N of them within M issues mark `bounced`). An address is gone
// when the receiving side says the mailbox or domain does not exist: 5.1.x, 5.2.1 (disabled), 5.4.4 (no route to
// the domain), or a bare 550/551/553 naming the recipient without a word about policy or spam. Every other
// permanent failure (5.7.x policy, 5.2.2 mailbox full, 5.3.4 too big) is about the message or us, and counts
// as soft, like every temporary one (4.x.x).

export type Severity = 'hard' | 'soft';

const HARD_STATUS = /^5\.(1\.\d{1,3}|2\.1|4\.4|4\.310)$/;
/** Replies about us (sender, relay, policy, reputation), not about the recipient's mailbox. */
const NOT_ABOUT_MAILBOX = /relay|sender|policy|spam|block|reputation|authenticat|denied access|rate limit|blacklist|listed|content|virus|dmarc|spf|dkim/i;
const NO_SUCH_MAILBOX =
  /no such (user|mailbox|recipient|address)|user (unknown|not found|doesn.?t exist)|unknown (user|recipient|mailbox)|(mailbox|address|account|recipient)( is)? (unavailable|not found|does not exist|doesn.?t exist|disabled|inactive|invalid|unknown)|does not exist|invalid (recipient|mailbox|address)|recipnotfound|address rejected|not our customer|no mailbox here/i;

/**
 * Severity of a failure from its enhanced status code and diagnostic text; undefined when it is no failure
 * (`delayed`, `delivered`, `relayed`, `expanded`, or nothing that reads as a failure).
 */
export function bounceSeverity(failure: { action?: string | undefined; status?: string | undefined; diagnostic?: string | undefined }): Severity | undefined {
  const action = failure.action ?? 'failed';
  if (action !== 'failed' && action !== '') return undefined;
  const diagnostic = failure.diagnostic ?? '';
  const status = failure.status ?? /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(diagnostic)?.[1];
  const reply = /(?:^|[^\d.])([45]\d\d)(?:[ -]|$)/.exec(diagnostic)?.[1];
  if (status?.startsWith('4') || (!status && reply?.startsWith('4'))) return 'soft';
  if (status && HARD_STATUS.test(status)) return NOT_ABOUT_MAILBOX.test(diagnostic) && !NO_SUCH_MAILBOX.test(diagnostic) ? 'soft' : 'hard';
  if (status?.startsWith('5') || reply?.startsWith('5')) {
    const generic = !status || /^5\.0\.0|^5\.5\.0$/.test(status);
    if (generic && (reply === '550' || reply === '551' || reply === '553' || !reply) && NO_SUCH_MAILBOX.test(diagnostic) && !NOT_ABOUT_MAILBOX.test(diagnostic)) {
      return 'hard';
    }
    return 'soft';
  }
  if (action === 'failed') return NO_SUCH_MAILBOX.test(diagnostic) ? 'hard' : 'soft';
  return undefined;
}
