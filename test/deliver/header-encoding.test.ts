import fc from 'fast-check';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { describe, expect, it } from 'vitest';
import { cleanHeaderText, headerLine, isSafeAddress, type Mailbox } from '../../src/deliver/header-encoding.js';

/** The line nodemailer's encoder makes: what headerLine's own path for plain mailboxes must equal. */
function byNodemailer(name: string, mailbox: Mailbox): string {
  const clean = { name: cleanHeaderText(mailbox.name), address: mailbox.address };
  return `${foldLines(`${name}: ${MimeNode.encodeHeaderValue(name, clean)}`, 76)}\r\n`;
}

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const localChars = [...'abcXYZ019!#$%&\'*+/=?^_`{|}~-.'];
const labelChars = [...'abzAZ09-'];
const label = fc.oneof(
  fc.array(pick(labelChars), { minLength: 1, maxLength: 8 }).map((c) => c.join('')),
  pick(['xn--bcher-kva', 'xn--zz', 'XN--abc', '0x10', '123', 'a'.repeat(63), 'b'.repeat(64), 'org', 'Example']),
);
const address = fc
  .tuple(fc.array(pick(localChars), { minLength: 1, maxLength: 20 }), fc.array(label, { minLength: 1, maxLength: 4 }))
  .map(([local, labels]) => `${local.join('')}@${labels.join('.')}`)
  .filter(isSafeAddress);
const displayName = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z0-9_ ]{0,70}$/),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  pick(['Zö', 'ab çé', 'Jürgen Groß', '李小龙', 'Ωmega', 'Zoë Reader', 'Reader 7', ' Reader  ', 'O\'Brien, Pat', 'a"b', '=?utf-8?q?x?=', 'Reader_1', 'x'.repeat(60)]),
);

describe('headerLine for a mailbox', () => {
  it('writes what nodemailer writes, for any display name and address a message may carry', () => {
    fc.assert(
      fc.property(displayName, address, pick(['To', 'From', 'Reply-To']), (name, addr, header) => {
        expect(headerLine(header, { name, address: addr })).toBe(byNodemailer(header, { name, address: addr }));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves plain mailboxes as they are and encodes the rest', () => {
    expect(headerLine('To', { name: 'Reader 1', address: 'reader1@example.org' })).toBe('To: Reader 1 <reader1@example.org>\r\n');
    expect(headerLine('To', { name: '', address: 'reader1@example.org' })).toBe('To: reader1@example.org\r\n');
    expect(headerLine('To', { name: 'Zoë', address: 'z@example.org' })).toBe('To: =?UTF-8?Q?Zo=C3=AB?= <z@example.org>\r\n');
    expect(headerLine('To', { name: 'Pat', address: 'pat@EXAMPLE.org' })).toBe('To: Pat <pat@example.org>\r\n');
    expect(headerLine('To', { name: 'A, B', address: 'ab@example.org' })).toBe('To: "A, B" <ab@example.org>\r\n');
  });
});
