import type { DnsLookup } from './dns-lookup.js';
import type { DoctorInput } from './doctor-input.js';
import { result, type DoctorResult } from './doctor-result.js';

/**
 * `return-path-mx`: the return path's domain takes mail (an MX record that is not a null MX), so bounces come
 * back to it; many receivers refuse mail whose envelope domain could not take a reply.
 */
export async function checkReturnPathMx(input: DoctorInput, dns: DnsLookup): Promise<DoctorResult> {
  const domain = input.returnPathDomain;
  const publish = `Publish an MX record for the mailbox that receives bounces, e.g.\n${domain}. 3600 IN MX 10 mail.${domain}.`;
  const answer = await dns.mx(domain);
  if ('error' in answer) return result('return-path-mx', 'warn', `Could not look up MX of ${domain}: ${answer.error}.`, 'Check the resolver (`--resolver host:port`) and run again.');
  if ('missing' in answer || answer.records.length === 0) {
    return result('return-path-mx', 'fail', `${domain} (the return path, where bounces go) has no MX record: bounces are lost and some receivers refuse the mail.`, publish);
  }
  const real = answer.records.filter((r) => r.exchange !== '' && r.exchange !== '.');
  if (real.length === 0) return result('return-path-mx', 'fail', `${domain} publishes a null MX ("takes no mail"): bounces to the return path are refused.`, publish);
  const list = real.sort((a, b) => a.priority - b.priority).map((r) => `${r.priority} ${r.exchange}`).join(', ');
  return result('return-path-mx', 'pass', `${domain} (the return path) takes mail: MX ${list}.`);
}
