// What Roundup accepts as a subscriber address, and how two addresses are found to be the same.
//
// The check (sound, deliberately stricter than RFC 5322's full grammar, which allows forms no mail server
// delivers to in practice):
// - surrounding whitespace is trimmed; any other whitespace, CR, LF or control character is refused;
// - exactly `local@domain`, split at the last `@`; the local part is a dot-atom (letters, digits and
//   !#$%&'*+/=?^_`{|}~- separated by single dots). Quoted local parts ("a b"@x) are refused;
// - the domain has at least two labels separated by dots; each label is 1-63 letters, digits or hyphens,
//   not starting or ending with a hyphen; the last label is not all digits. IP literals ([192.0.2.1]) are
//   refused;
// - ASCII only: an internationalised domain must be written in its xn-- form, and a non-ASCII local part
//   would need SMTPUTF8, which Roundup does not use;
// - lengths per RFC 5321 4.5.3.1: local part at most 64 octets, domain at most 255, the whole address at
//   most 254 (a 256-octet path minus the angle brackets).
//
// Identity: the domain is case-insensitive (DNS), the local part is case-sensitive as RFC 5321 2.4 says.
// So `A@Example.COM` and `A@example.com` are one subscriber, `a@example.com` is another. The key is the
// local part as given + '@' + the domain in lower case.

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

/** Checks an address; on success returns it trimmed. `reason` says what is wrong, in words for a person. */
export function checkEmail(value: string): EmailCheck {
  const email = value.trim();
  if (email === '') return { ok: false, reason: 'the address is empty' };
  if (/\s/.test(email)) return { ok: false, reason: 'the address contains a space or line break' };
  if (/[\x00-\x1f\x7f]/.test(email)) return { ok: false, reason: 'the address contains a control character' };
  if (/[^\x20-\x7e]/.test(email)) {
    return { ok: false, reason: 'the address has non-ASCII characters (write the domain in its xn-- form)' };
  }
  if (email.length > 254) return { ok: false, reason: `the address is ${email.length} characters long (at most 254)` };
  const at = email.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'the address has no @' };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return { ok: false, reason: 'nothing before the @' };
  if (domain === '') return { ok: false, reason: 'nothing after the @' };
  if (local.length > 64) {
    return { ok: false, reason: `the part before the @ is ${local.length} characters (at most 64)` };
  }
  if (local.includes('@')) return { ok: false, reason: 'the address has more than one @' };
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) {
    return { ok: false, reason: 'the part before the @ has a character not allowed there, or a misplaced dot' };
  }
  if (domain.startsWith('[')) return { ok: false, reason: 'IP-address domains are not accepted' };
  if (domain.length > 255) return { ok: false, reason: `the domain is ${domain.length} characters (at most 255)` };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'the domain has no dot' };
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) {
    return { ok: false, reason: 'the domain has an empty or malformed part (letters, digits and inner hyphens only)' };
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'the domain ends in a number' };
  return { ok: true, email };
}

/** The key that makes an address unique: local part as given, domain lower-cased. */
export function emailKey(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}
