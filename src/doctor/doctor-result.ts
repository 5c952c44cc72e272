// What `roundup doctor` reports, and what a real send checks first. Words:
// - PASS: receivers will find what they look for.
// - WARN: mail goes out, but some receivers will score it down or a protection is missing.
// - FAIL: receivers are likely to reject or junk the mail (or Gmail's and Yahoo's bulk-sender rules are not
//   met); a real send refuses to start.

export type DoctorStatus = 'pass' | 'warn' | 'fail';

export interface DoctorResult {
  /** Stable id, e.g. `dkim-dns-key`, `spf`, `dmarc`. */
  id: string;
  status: DoctorStatus;
  /** What was found, in a sentence. */
  message: string;
  /** What to do, when there is something to do: the record to publish, the key to set. */
  fix?: string;
}

export function result(id: string, status: DoctorStatus, message: string, fix?: string): DoctorResult {
  return fix === undefined ? { id, status, message } : { id, status, message, fix };
}

export function countResults(results: readonly DoctorResult[]): Record<DoctorStatus, number> {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
