import type { CheckResult } from '../../types.js';

/**
 * `subject-sender` (warning): a subject that starts with the sender's name repeats what the inbox already
 * shows beside it, and pushes the news past the cut on a phone.
 */
export function checkSubject(subject: string, senderNames: readonly string[]): CheckResult[] {
  const lower = subject.trim().toLowerCase();
  const name = senderNames.map((n) => n.trim()).find((n) => n !== '' && lower.startsWith(n.toLowerCase()));
  if (name === undefined) return [];
  return [{
    level: 'warning',
    code: 'subject-sender',
    message: `The subject starts with the sender's name ("${name}"), which the inbox already shows beside it. ` +
      'Lead with the news: change `email.subject` (or the issue\'s `subject`), e.g. `{{topTitle}}`.',
  }];
}
