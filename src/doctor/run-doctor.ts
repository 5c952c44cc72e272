import { checkDkimAlignment } from './check-dkim-alignment.js';
import { checkDkimConfigured } from './check-dkim-configured.js';
import { checkDkimKey } from './check-dkim-key.js';
import { checkDmarc } from './check-dmarc.js';
import { checkReturnPathMx } from './check-return-path-mx.js';
import { checkSpf } from './check-spf.js';
import type { DnsLookup } from './dns-lookup.js';
import type { DoctorInput } from './doctor-input.js';
import type { DoctorResult } from './doctor-result.js';

/**
 * Every check, in the order a person fixes them: the config first (signing, alignment), then DNS when `dns` is
 * given (the key, SPF of the From and return-path domains, DMARC, MX). Without `dns` only the config checks run.
 */
export async function runDoctor(input: DoctorInput, dns?: DnsLookup): Promise<DoctorResult[]> {
  const results: DoctorResult[] = [checkDkimConfigured(input)];
  const alignment = checkDkimAlignment(input);
  if (alignment) results.push(alignment);
  if (dns === undefined) return results;
  const key = await checkDkimKey(input, dns);
  if (key) results.push(key);
  const spfDomains = new Map<string, string>();
  spfDomains.set(input.returnPathDomain, input.returnPathDomain === input.fromDomain ? 'From and return path' : 'return path');
  if (!spfDomains.has(input.fromDomain)) spfDomains.set(input.fromDomain, 'From');
  for (const [domain, role] of spfDomains) results.push(await checkSpf(domain, role, dns));
  results.push(await checkDmarc(input, dns));
  results.push(await checkReturnPathMx(input, dns));
  return results;
}
