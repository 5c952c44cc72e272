import { createPublicKey } from 'node:crypto';

/** The `p=` value a DKIM record must carry for a private key: its public key, SPKI DER, base64. */
export function dkimPublicKey(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * The DKIM record to publish, zone-file style, its text split into strings of at most 255 bytes (the most one
 * TXT string holds; resolvers join them back).
 */
export function dkimRecord(selector: string, domain: string, publicKey: string): string {
  const text = `v=DKIM1; k=rsa; p=${publicKey}`;
  const strings = text.match(/.{1,255}/g)!.map((s) => `"${s}"`);
  return `${selector}._domainkey.${domain}. 3600 IN TXT ( ${strings.join(' ')} )`;
}

/** `k=v; k2=v2` tags of a DKIM or DMARC record, keys lower case, values without white space. */
export function recordTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}
