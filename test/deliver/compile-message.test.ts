import fc from 'fast-check';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { compileMessage } from '../../src/deliver/compile-message.js';
import { composeMessage } from '../../src/deliver/compose-message.js';
import type { MessageSpec, RecipientFields } from '../../src/deliver/message-spec.js';
import { TOKENS } from '../../src/render/tokens.js';

const T = TOKENS;

function spec(over: Partial<MessageSpec> = {}): MessageSpec {
  return {
    from: { name: 'Identity Wire', address: 'news@identitywire.example' },
    replyTo: { name: 'Identity Wire Desk', address: 'desk@identitywire.example' },
    subject: 'Week 48: passkeys, border biometrics',
    date: new Date('2026-11-30T07:00:00Z'),
    listId: 'Identity Wire <weekly.identitywire.example>',
    feedbackId: 'weekly:identitywire',
    unsubscribeMailto: 'unsubscribe@identitywire.example',
    html: `<html><body><p>Hello ${T.name}</p><a href="${T.unsubscribeUrl}">Unsubscribe</a> <a href="${T.preferencesUrl}">Preferences</a></body></html>\n`,
    text: `Hello ${T.name},\n\nUnsubscribe: ${T.unsubscribeUrl}\nPreferences: ${T.preferencesUrl}\nSent to ${T.email}\n`,
    tokens: TOKENS,
    ...over,
  };
}

function fields(over: Partial<RecipientFields> = {}): RecipientFields {
  return {
    name: 'Ann Example',
    email: 'ann@example.com',
    messageId: '2026-W48.7.a1b2c3d4e5f6@identitywire.example',
    unsubscribeToken: 'eyJwIjoidSJ9.abcDEF_-12',
    unsubscribeUrl: 'https://newsletter.identitywire.example/u/eyJwIjoidSJ9.abcDEF_-12',
    preferencesUrl: 'https://newsletter.identitywire.example/p/eyJwIjoicCJ9.xyz',
    ...over,
  };
}

const naiveTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function naiveRaw(s: MessageSpec, f: RecipientFields): Promise<Buffer> {
  const info = await naiveTransport.sendMail(composeMessage(s, f));
  return info.message as Buffer;
}

const HEADERS = ['list-id', 'list-unsubscribe', 'list-unsubscribe-post', 'feedback-id', 'mime-version'];

function summary(mail: ParsedMail) {
  const line = (key: string) =>
    mail.headerLines
      .filter((h) => h.key === key)
      .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r\n[ \t]+/g, ' ').trim());
  return {
    text: mail.text,
    html: mail.html,
    subject: mail.subject,
    from: mail.from?.value,
    to: Array.isArray(mail.to) ? mail.to.map((a) => a.value) : mail.to?.value,
    replyTo: mail.replyTo?.value,
    messageId: mail.messageId,
    date: mail.date?.toISOString(),
    headers: Object.fromEntries(HEADERS.map((h) => [h, line(h)])),
  };
}

async function expectSame(s: MessageSpec, f: RecipientFields) {
  const fast = compileMessage(s).render(f);
  for (const l of fast.toString('latin1').split('\r\n')) {
    expect(l.length).toBeLessThanOrEqual(998);
    expect(/^[\x09\x20-\x7e]*$/.test(l)).toBe(true); // 7-bit, no bare CR/LF
  }
  const [ours, theirs] = await Promise.all([simpleParser(fast), simpleParser(await naiveRaw(s, f))]);
  expect(summary(ours)).toEqual(summary(theirs));
  return { raw: fast.toString('latin1'), parsed: ours };
}

describe('compileMessage', () => {
  it('parses to the same message as nodemailer composing it from scratch', async () => {
    const { parsed, raw } = await expectSame(spec(), fields());
    expect(parsed.text).toContain('Unsubscribe: https://newsletter.identitywire.example/u/eyJwIjoidSJ9.abcDEF_-12');
    expect(parsed.html).toContain('href="https://newsletter.identitywire.example/u/eyJwIjoidSJ9.abcDEF_-12"');
    // one List-Unsubscribe header: https first, then mailto carrying the same token
    expect(raw.match(/^List-Unsubscribe:/gim)).toHaveLength(1);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n\s+/g, ' ')).toBe(
      'List-Unsubscribe: <https://newsletter.identitywire.example/u/eyJwIjoidSJ9.abcDEF_-12>, ' +
        '<mailto:unsubscribe@identitywire.example?subject=unsubscribe%20eyJwIjoidSJ9.abcDEF_-12>',
    );
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.messageId).toBe('<2026-W48.7.a1b2c3d4e5f6@identitywire.example>');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw.indexOf('text/plain')).toBeLessThan(raw.indexOf('text/html'));
  });

  it('keeps tricky values intact: non-ASCII names, long lines, "=" and "." at line starts, HTML in names', async () => {
    const longLine = `${'word '.repeat(60)}${T.name}${'x'.repeat(200)}`;
    const s = spec({
      subject: 'Ça bouge: «passkeys» — 国境 biometrics 🚀',
      from: { name: 'Identité Wire', address: 'news@identitywire.example' },
      text: `.lead dot\n=equals at start\n${longLine}\n.\n..\n${T.name}${T.name}\ntrailing space \n\ttab\n${T.unsubscribeUrl}`,
      html: `<p>\n.dot</p>\n=<b>${T.name}</b>${'<span>é</span>'.repeat(40)}\n<a href="${T.unsubscribeUrl}">u</a>${T.email}`,
    });
    await expectSame(s, fields({ name: 'Zoë "Z" <Ångström> & Co. = .' }));
    await expectSame(s, fields({ name: '' }));
    await expectSame(s, fields({ name: '.'.repeat(100) + '='.repeat(100) }));
  });

  it('neutralises header injection through the name and the subject', async () => {
    const s = spec({ subject: 'Hello\r\nBcc: victim@example.com' });
    const { raw, parsed } = await expectSame(s, fields({ name: 'Mallory\r\nBcc: victim@example.com\r\n\r\nbody' }));
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(parsed.bcc).toBeUndefined();
    expect(Array.isArray(parsed.to) ? parsed.to : parsed.to?.value).toHaveLength(1);
  });

  it('refuses an address that could break a header or the envelope', () => {
    const c = compileMessage(spec());
    expect(() => c.render(fields({ email: 'a@b.example>\r\nBcc: x@y.example' }))).toThrow(/not a plain address/);
    expect(() => c.render(fields({ unsubscribeUrl: 'https://x.example/u/a>, <evil' }))).toThrow(/not header-safe/);
  });

  it('matches the reference composition for arbitrary names and text (property)', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.constantFrom(T.name, T.email, T.unsubscribeUrl, '\n', '\r\n', '.', '=', ' ', '\t', '=3D', '=\n'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 12 }),
        fc.tuple(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('', '<b>', '&amp;', '"q"', "'")).map(([a, b]) => a + b),
        async (parts, name) => {
        const body = parts.join('') + `\n${T.unsubscribeUrl}\n`;
        await expectSame(spec({ text: body, html: `<p>${body}</p>` }), fields({ name }));
      }),
      { numRuns: 60 },
    );
  });
});
