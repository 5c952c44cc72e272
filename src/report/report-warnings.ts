import type { IssueReport } from './issue-report.js';

// The lines a sender should not cross. Complaints: Gmail's bulk sender guidelines ask to stay under 0.1% and
// never reach 0.3% (its Postmaster Tools spam rate; Yahoo says the same). Bounces: no mailbox provider publishes
// a line; 2% is the common one of the sending services (SES reviews an account past 5%, and warns before).

export const COMPLAINT_WARN = 0.001;
export const COMPLAINT_LIMIT = 0.003;
export const BOUNCE_WARN = 0.02;

export const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 3 : 2)}%`;

export function reportWarnings(r: Pick<IssueReport, 'rates' | 'submitted' | 'issue'>): string[] {
  const warnings: string[] = [];
  const { complaint, bounce } = r.rates;
  if (complaint >= COMPLAINT_LIMIT) {
    warnings.push(`complaint rate ${percent(complaint)} is past Gmail's 0.3% line: Gmail and Yahoo may refuse or spam-folder the list's mail. Look at what changed (a new source of addresses? frequency?) and make leaving easier.`);
  } else if (complaint >= COMPLAINT_WARN) {
    warnings.push(`complaint rate ${percent(complaint)} is past Gmail's 0.1% line (stay under it; 0.3% is the limit).`);
  }
  if (bounce >= BOUNCE_WARN) {
    warnings.push(`bounce rate ${percent(bounce)} is past 2%: the list holds dead addresses (an old import?). Hard bounces are already off the list; check where the others came from.`);
  }
  return warnings;
}
