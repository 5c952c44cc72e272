import type { LoadedConfig } from '../config/index.js';
import { RoundupError } from '../errors.js';
import { createDnsLookup, type DnsLookup } from './dns-lookup.js';
import { doctorInput } from './doctor-input.js';
import type { DoctorResult } from './doctor-result.js';
import { formatResult } from './format-doctor.js';
import { isLocalRelay } from './is-local-relay.js';
import { runDoctor } from './run-doctor.js';

export interface PreflightReport {
  results: DoctorResult[];
  /** Why DNS was not checked, when it was not. */
  dnsSkipped?: string;
}

/**
 * The doctor's checks before a real send. DNS is looked up per `delivery.doctor.dns`: `auto` skips it when the
 * relay is on this machine (tests, the demo's capture server, a local MTA: say so, and `roundup doctor` still
 * checks), `always`, `never`. Any FAIL throws DOCTOR_FAILED naming each failure and its fix: nothing is sent.
 */
export async function preflight(
  loaded: Pick<LoadedConfig, 'config' | 'dir' | 'file'>,
  smtpUrl: string,
  dns?: DnsLookup,
): Promise<PreflightReport> {
  const { doctor } = loaded.config.delivery;
  const input = doctorInput(loaded);
  let dnsSkipped: string | undefined;
  if (doctor.dns === 'never') dnsSkipped = 'DNS records not checked (`delivery.doctor.dns: never`); `roundup doctor` checks them.';
  else if (doctor.dns === 'auto' && isLocalRelay(smtpUrl)) {
    dnsSkipped = 'DNS records not checked: the SMTP relay is on this machine (`delivery.doctor.dns: auto`); `roundup doctor` checks them, or set `dns: always`.';
  }
  const lookup = dnsSkipped === undefined ? (dns ?? createDnsLookup(doctor.resolver)) : undefined;
  const results = await runDoctor(input, lookup);
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.length > 0) {
    throw new RoundupError(
      'DOCTOR_FAILED',
      `Not sending: ${failed.length} deliverability check(s) failed for ${input.fromAddress}:\n` +
        failed.map((r) => formatResult(r).replace(/^/gm, '  ')).join('\n') +
        '\nFix them and send again (`roundup doctor` shows every check).',
    );
  }
  return dnsSkipped === undefined ? { results } : { results, dnsSkipped };
}
