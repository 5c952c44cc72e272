import type { DnsLookup } from './dns-lookup.js';
import { result, type DoctorResult } from './doctor-result.js';

/**
 * `spf`: one SPF record at `domain` (receivers check the return path's; DMARC wants it aligned with From) that
 * ends in a real policy. None, or two (a permanent error), is a FAIL; `+all`/`?all` or no `all` a WARN.
 */
export async function checkSpf(domain: string, role: string, dns: DnsLookup): Promise<DoctorResult> {
  const publish = `Publish one SPF record listing the servers that send for you, e.g.\n${domain}. 3600 IN TXT "v=spf1 mx include:<your SMTP provider's SPF domain> ~all"`;
  const answer = await dns.txt(domain);
  if ('error' in answer) return result('spf', 'warn', `Could not look up SPF of ${domain} (${role}): ${answer.error}.`, 'Check the resolver (`--resolver host:port`) and run again.');
  const records = 'missing' in answer ? [] : answer.records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (records.length === 0) {
    return result('spf', 'fail', `${domain} (${role}) has no SPF record: receivers cannot tell your servers from anyone's, and Gmail and Yahoo require SPF of bulk senders.`, publish);
  }
  if (records.length > 1) {
    return result('spf', 'fail', `${domain} (${role}) has ${records.length} SPF records: that is a permanent error (RFC 7208 4.5) and SPF fails.`, `Merge them into one record. ${publish}`);
  }
  const record = records[0]!.trim();
  const all = /(?:^|\s)([+?~-]?)all(?:\s|$)/i.exec(record);
  if (all === null && !/(?:^|\s)redirect=/i.test(record)) {
    return result('spf', 'warn', `${domain} (${role}): \`${record}\` ends with no \`all\`: mail from other servers is "neutral", not refused.`, 'End the record with `~all` (or `-all`).');
  }
  if (all !== null && (all[1] === '' || all[1] === '+' || all[1] === '?')) {
    return result('spf', 'warn', `${domain} (${role}): \`${record}\` allows ${all[1] === '?' ? 'anyone as "neutral"' : 'every server on the internet'} (\`${all[1]}all\`).`, 'End the record with `~all` (or `-all`).');
  }
  return result('spf', 'pass', `${domain} (${role}) has one SPF record: \`${record}\`.`);
}
