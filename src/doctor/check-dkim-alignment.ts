import type { DoctorInput } from './doctor-input.js';
import { result, type DoctorResult } from './doctor-result.js';
import { organisationalDomain, relaxedAligned } from './organisational-domain.js';

/**
 * `dkim-alignment`: DMARC counts a DKIM pass only when the signing domain (d=) and the From domain share an
 * organisational domain (relaxed alignment). Undefined when Roundup does not sign.
 */
export function checkDkimAlignment(input: DoctorInput): DoctorResult | undefined {
  if (input.dkim === undefined || input.dkim === 'relay') return undefined;
  const { domain } = input.dkim;
  if (relaxedAligned(domain, input.fromDomain)) {
    return result('dkim-alignment', 'pass', `The DKIM domain ${domain} aligns with the From domain ${input.fromDomain} (organisational domain ${organisationalDomain(domain)}).`);
  }
  return result(
    'dkim-alignment',
    'fail',
    `The DKIM domain ${domain} does not align with the From domain ${input.fromDomain}: DMARC ignores a signature of another organisation, so this mail has no aligned DKIM.`,
    `Sign as your From domain: set \`delivery.dkim.domain: ${input.fromDomain}\` (and publish the key there), or send from an address at ${domain}.`,
  );
}
