import { recordTags } from './dkim-public-key.js';
import type { DnsLookup } from './dns-lookup.js';
import type { DoctorInput } from './doctor-input.js';
import { result, type DoctorResult } from './doctor-result.js';
import { organisationalDomain } from './organisational-domain.js';

/**
 * `dmarc`: a DMARC record at `_dmarc.<From domain>`, or at the organisational domain's (RFC 7489 6.6.3).
 * None, or several, is a FAIL (Gmail and Yahoo require one of bulk senders); `adkim=s` with a DKIM domain that
 * is not exactly the From domain is a FAIL; `p=none` passes (it is what the bulk-sender rules ask for).
 */
export async function checkDmarc(input: DoctorInput, dns: DnsLookup): Promise<DoctorResult> {
  const org = organisationalDomain(input.fromDomain);
  const publish = `Publish a DMARC record, e.g.\n_dmarc.${org}. 3600 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${org}"`;
  let found: { name: string; records: string[] } | undefined;
  for (const name of [...new Set([`_dmarc.${input.fromDomain}`, `_dmarc.${org}`])]) {
    const answer = await dns.txt(name);
    if ('error' in answer) return result('dmarc', 'warn', `Could not look up ${name}: ${answer.error}.`, 'Check the resolver (`--resolver host:port`) and run again.');
    const records = 'missing' in answer ? [] : answer.records.filter((r) => /^v=DMARC1\s*(;|$)/i.test(r.trim()));
    if (records.length > 0) {
      found = { name, records };
      break;
    }
  }
  if (found === undefined) return result('dmarc', 'fail', `No DMARC record at _dmarc.${input.fromDomain}${org !== input.fromDomain ? ` or _dmarc.${org}` : ''}: Gmail and Yahoo require one of bulk senders.`, publish);
  if (found.records.length > 1) return result('dmarc', 'fail', `${found.name} has ${found.records.length} DMARC records: receivers ignore them all.`, `Keep one. ${publish}`);
  const tags = recordTags(found.records[0]!);
  const policy = tags.get('p');
  if (policy === undefined || !/^(none|quarantine|reject)$/i.test(policy)) {
    return result('dmarc', 'fail', `${found.name} has no valid \`p=\` policy (\`${found.records[0]}\`): receivers ignore it.`, publish);
  }
  const dkim = input.dkim;
  if (tags.get('adkim')?.toLowerCase() === 's' && typeof dkim === 'object' && dkim.domain !== input.fromDomain) {
    return result('dmarc', 'fail', `${found.name} asks for strict DKIM alignment (\`adkim=s\`) but Roundup signs as ${dkim.domain}, not ${input.fromDomain}.`, `Set \`delivery.dkim.domain: ${input.fromDomain}\`, or drop \`adkim=s\`.`);
  }
  return result('dmarc', 'pass', `${found.name}: \`${found.records[0]!.trim()}\` (policy ${policy.toLowerCase()}).`);
}
