import type { CheckResult } from '../types.js';

/** Notes a link or image left out of the email: `what` it was, the `value` found, and the `fix`. */
export type DropLink = (what: string, value: string | undefined, fix: string) => void;

/** A DropLink that adds a `link-not-https` warning to `checks`. */
export function dropLinkInto(checks: CheckResult[]): DropLink {
  return (what, value, fix) =>
    checks.push({
      level: 'warning',
      code: 'link-not-https',
      message: `Dropped ${what}: \`${value ?? ''}\` is not an absolute http(s) URL. ${fix}`,
    });
}
