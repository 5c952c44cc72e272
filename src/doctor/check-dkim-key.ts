import { dkimRecord, recordTags } from './dkim-public-key.js';
import type { DnsLookup } from './dns-lookup.js';
import type { DoctorInput } from './doctor-input.js';
import { result, type DoctorResult } from './doctor-result.js';

/** `dkim-dns-key`: the TXT record at `<selector>._domainkey.<domain>` holds the public half of our key. */
export async function checkDkimKey(input: DoctorInput, dns: DnsLookup): Promise<DoctorResult | undefined> {
  if (input.dkim === undefined || input.dkim === 'relay') return undefined;
  const { selector, domain, publicKey } = input.dkim;
  const name = `${selector}._domainkey.${domain}`;
  const publish = `Publish this record (then run \`roundup doctor\` again):\n${dkimRecord(selector, domain, publicKey)}`;
  const answer = await dns.txt(name);
  if ('error' in answer) return result('dkim-dns-key', 'warn', `Could not look up ${name}: ${answer.error}.`, 'Check the resolver (`--resolver host:port`) and run again.');
  if ('missing' in answer) return result('dkim-dns-key', 'fail', `${name} has no TXT record: receivers cannot verify the signature.`, publish);
  const records = answer.records.filter((r) => /(^|;)\s*p\s*=/i.test(r));
  if (records.length === 0) return result('dkim-dns-key', 'fail', `${name} has TXT records but none is a DKIM key (no \`p=\`).`, publish);
  if (records.length > 1) return result('dkim-dns-key', 'fail', `${name} has ${records.length} DKIM records: verifiers may take either.`, `Keep one. ${publish}`);
  const tags = recordTags(records[0]!);
  const p = tags.get('p') ?? '';
  const k = tags.get('k') ?? 'rsa';
  if (p === '') return result('dkim-dns-key', 'fail', `${name} has an empty \`p=\`: the key is revoked.`, publish);
  if (k.toLowerCase() !== 'rsa') return result('dkim-dns-key', 'fail', `${name} is a \`k=${k}\` key; Roundup signs with RSA.`, publish);
  if (p !== publicKey) {
    return result('dkim-dns-key', 'fail', `${name} holds another public key than the one made from \`delivery.dkim.keyFile\`: every signature fails.`, publish);
  }
  const testing = (tags.get('t') ?? '').split(':').includes('y');
  if (testing) return result('dkim-dns-key', 'warn', `${name} matches the key but is in test mode (\`t=y\`): receivers may treat signatures as unsigned.`, 'Drop `t=y` from the record.');
  return result('dkim-dns-key', 'pass', `${name} publishes the public key of \`delivery.dkim.keyFile\`.`);
}
