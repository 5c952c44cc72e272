// Which columns of a subscriber CSV mean what. Besides Roundup's own (`email`, `name`, `topics`, `status`, as
// `roundup subscribers export` writes them), the exports of the tools a list usually comes from are read as
// they are, so nobody has to rename columns in a spreadsheet first:
// - Mailchimp (audience export, one file per status): `Email Address`, `First Name`, `Last Name`; the
//   unsubscribed file has `UNSUB_TIME`, the cleaned (bounced) file `CLEAN_TIME`;
// - Substack (`email_list....csv`): `email`, `email_disabled` (`true`: receives no email);
// - Ghost (members export): `email`, `name`, `subscribed_to_emails` (`false`: receives no newsletter), `deleted_at`;
// - listmonk (subscribers export): `email`, `name`, `status` (`enabled`, `disabled`, `blocklisted`).
// Whoever an export says gets no email (unsubscribed, cleaned, disabled, blocklisted, deleted) is imported as
// unsubscribed or bounced, never as active: importing an old list must not subscribe anyone again.
import type { SubscriberStatus } from './subscriber-queries.js';

/** A header name compared loosely: case, spaces, `_` and `-` do not matter (`Email Address` = `email_address`). */
const norm = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

const EMAIL = ['email', 'email address', 'e mail', 'e mail address', 'mail'];
const NAME = ['name', 'full name'];
const FIRST = ['first name', 'firstname', 'fname', 'given name'];
const LAST = ['last name', 'lastname', 'lname', 'surname', 'family name'];

/** Every email column name accepted, for the error that finds none. */
export const EMAIL_COLUMN_NAMES = ['email', 'Email Address', 'e-mail', 'mail'];

/** `status` values of other tools, and what they mean here. */
const STATUS_WORDS: Record<string, SubscriberStatus> = {
  subscribed: 'active',
  enabled: 'active', // listmonk
  disabled: 'unsubscribed', // listmonk: sent nothing
  blocklisted: 'unsubscribed', // listmonk
  cleaned: 'bounced', // Mailchimp
  pending: 'unconfirmed',
};

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n', '']);

export interface SubscriberColumns {
  /** The tool the header looks like, for the report (`Mailchimp`, `Substack`, `Ghost`, `listmonk`, `Roundup`). */
  readAs: string;
  email: number;
  name(record: readonly string[]): string;
  topics: number;
  /**
   * The status a row asks for: a status, undefined for none (active), or an error for a value that cannot be
   * read (the row is reported, not guessed).
   */
  status(record: readonly string[]): SubscriberStatus | undefined | { error: string };
}

/** Reads a header row; undefined when no column holds the addresses. */
export function subscriberColumns(header: readonly string[], statuses: readonly SubscriberStatus[]): SubscriberColumns | undefined {
  const names = header.map(norm);
  const find = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const email = find(EMAIL);
  if (email < 0) return undefined;
  const [name, first, last, topics, status] = [find(NAME), find(FIRST), find(LAST), find(['topics']), find(['status'])];
  const [unsubTime, cleanTime] = [find(['unsub time']), find(['clean time'])];
  const [emailDisabled, subscribedToEmails, deletedAt] = [find(['email disabled']), find(['subscribed to emails']), find(['deleted at'])];
  const cell = (record: readonly string[], index: number) => (index < 0 ? '' : (record[index] ?? '').trim());
  const flag = (record: readonly string[], index: number, column: string): boolean | { error: string } => {
    const value = cell(record, index).toLowerCase();
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    return { error: `\`${column}\` is \`${value}\`, expected true or false` };
  };

  const readAs =
    unsubTime >= 0 || cleanTime >= 0 || names[email] === 'email address' ? 'Mailchimp'
    : emailDisabled >= 0 ? 'Substack'
    : subscribedToEmails >= 0 ? 'Ghost'
    : names.includes('uuid') && names.includes('attributes') ? 'listmonk'
    : 'Roundup';

  return {
    readAs,
    email,
    topics,
    name(record) {
      if (name >= 0 && cell(record, name) !== '') return cell(record, name);
      return [cell(record, first), cell(record, last)].filter(Boolean).join(' ');
    },
    status(record) {
      if (status >= 0 && cell(record, status) !== '') {
        const value = cell(record, status).toLowerCase();
        const known = statuses.includes(value as SubscriberStatus) ? (value as SubscriberStatus) : STATUS_WORDS[value];
        return known ?? { error: `unknown status \`${value}\` (expected one of ${statuses.join(', ')})` };
      }
      if (cell(record, cleanTime) !== '') return 'bounced';
      if (cell(record, unsubTime) !== '' || cell(record, deletedAt) !== '') return 'unsubscribed';
      if (emailDisabled >= 0) {
        const disabled = flag(record, emailDisabled, header[emailDisabled]!);
        if (typeof disabled === 'object') return disabled;
        if (disabled) return 'unsubscribed';
      }
      if (subscribedToEmails >= 0) {
        const subscribed = flag(record, subscribedToEmails, header[subscribedToEmails]!);
        if (typeof subscribed === 'object') return subscribed;
        if (!subscribed && cell(record, subscribedToEmails) !== '') return 'unsubscribed';
      }
      return undefined;
    },
  };
}
