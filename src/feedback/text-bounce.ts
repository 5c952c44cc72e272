import type { RecipientStatus } from './delivery-status.js';

// Bounces that are not RFC 3464 reports, only words: the formats of the MTAs that still send them (or whose
// words come with a report that says little). Each is recognised by its own phrases; what failed is read from
// the text: the enhanced status code, the SMTP reply and the line around them.

export type TextBounceFormat = 'postfix' | 'exim' | 'exchange' | 'gmail' | 'text';

interface Recognised {
  format: TextBounceFormat;
  /** A delay warning (the MTA is still trying): not a failure. */
  delay: boolean;
}

const FORMATS: { format: TextBounceFormat; mark: RegExp; delay: RegExp }[] = [
  {
    format: 'postfix',
    mark: /This is the mail system at host|I'm sorry to have to inform you that your message could not|message could not be delivered to one or more recipients/i,
    delay: /Delayed Mail \(still being retried\)|THIS IS A WARNING MESSAGE ONLY|will keep trying/i,
  },
  {
    format: 'exim',
    mark: /This message was created automatically by mail delivery software/i,
    delay: /has not yet been delivered|Message .* has been frozen|No action is required on your part|Warning: message .* delayed/i,
  },
  {
    format: 'exchange',
    mark: /Delivery has failed to these recipients or groups|Diagnostic information for administrators|Your message (couldn't|could not|wasn't) be delivered|RESOLVER\.[A-Z]+\./i,
    delay: /Delivery is delayed to these recipients|Delay Notification|has not been delivered to some or all of its recipients yet/i,
  },
  {
    format: 'gmail',
    mark: /Address not found|Your message wasn't delivered to|The response from the remote server was|Message not delivered|Delivery Status Notification \(Failure\)/i,
    delay: /Delivery incomplete|There was a temporary problem delivering your message|Gmail will retry|Delivery Status Notification \(Delay\)/i,
  },
];

const GENERIC_BOUNCE = /undeliver|returned mail|delivery (status notification|failure|has failed|failed)|failure notice|mail delivery failed|could not be delivered|permanent error|non-delivery/i;

/** Which format a text bounce is in, or undefined when the words are not a bounce's. */
export function recogniseTextBounce(subject: string, text: string, fromDaemon: boolean): Recognised | undefined {
  const all = `${subject}\n${text}`;
  for (const f of FORMATS) if (f.mark.test(all) || (f.format === 'gmail' && f.delay.test(all))) return { format: f.format, delay: f.delay.test(all) };
  if (fromDaemon && GENERIC_BOUNCE.test(all)) return { format: 'text', delay: /delay|will (retry|keep trying)|still trying|temporar/i.test(subject) };
  return undefined;
}

/**
 * The failure a text bounce describes: the first enhanced status code (4.x.x or 5.x.x) with the line it is on
 * (and the line before, where MTAs put the recipient); else an SMTP reply code; else the sentences that say why.
 */
export function readTextBounce(text: string): RecipientStatus {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const around = (i: number) => [lines[i - 1] ?? '', lines[i] ?? '', lines[i + 1] ?? ''].join(' ').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < lines.length; i++) {
    const m = /(?:^|[\s#(\[])([45]\.\d{1,3}\.\d{1,3})(?=$|[\s;:,)\]])/.exec(lines[i]!);
    if (m) return { action: 'failed', status: m[1], diagnostic: around(i).slice(0, 500) };
  }
  for (let i = 0; i < lines.length; i++) {
    if (/(?:^|[\s#:])[45]\d\d[ -]\S/.test(lines[i]!) && /user|mailbox|recipient|address|rejected|refused|unavailable|quota|full|exist|unknown/i.test(around(i))) {
      return { action: 'failed', diagnostic: around(i).slice(0, 500) };
    }
  }
  const why = lines.find((l) => /user unknown|does not exist|no such|not found|mailbox (is )?full|over quota|rejected/i.test(l));
  return { action: 'failed', diagnostic: (why ?? '').slice(0, 500) };
}
