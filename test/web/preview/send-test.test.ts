// "Send a test" from the page, over real SMTP (smtp-server on 127.0.0.1), read back with mailparser.
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/index.js';
import { formatTestAddresses, parseTestAddresses } from '../../../src/web/preview/send-test-email.js';
import { startSmtpPeer, type SmtpPeer } from '../../deliver/helpers/smtp-peer.js';
import { followed, testPreview, type TestPreview } from './helpers.js';
import { makePreviewSite, WEEK, type PreviewSite } from './preview-site.js';

let site: PreviewSite;
let peer: SmtpPeer;
let preview: TestPreview;

beforeEach(async () => {
  site = makePreviewSite();
  peer = await startSmtpPeer({ rcpt: (address) => (address.startsWith('nobody@') ? { code: 550, message: '5.1.1 No such user' } : undefined) });
  preview = testPreview(site, { SMTP_URL: peer.url, ROUNDUP_SECRET: 'a-test-secret-of-32-characters!!' });
});
afterEach(async () => {
  preview.hub.close();
  await peer.close();
  site.remove();
});

describe('send a test from the preview', () => {
  it('sends the issue to the addresses with [TEST] in the subject, and leaves the ledger alone', async () => {
    const page = await (await preview.get('/')).text();
    expect(page).toContain(`<form method="post" action="/send-test?week=${WEEK}"`);
    const res = await preview.post(`/send-test?week=${WEEK}`, { addresses: 'ed@example.com, sub@example.net' });
    const after = await followed(preview, res);
    expect(after).toMatch(/class="notice notice-ok"[^>]*>Test send: 2 of 2 accepted/);
    expect(peer.received.map((m) => m.rcpt).sort()).toEqual(['ed@example.com', 'sub@example.net']);
    const mail = await simpleParser(peer.received[0]!.raw);
    expect(mail.subject).toBe('[TEST] Passkeys arrive at the national bank');
    expect(mail.html).toContain('Passkeys arrive at the national bank');
    expect(mail.text).toContain('Passkeys arrive at the national bank');
    expect(peer.received[0]!.raw.toString()).toMatch(/^List-Unsubscribe: <https:\/\/newsletter\.news\.example\.org\//m);
    // the form keeps what was typed
    expect(after).toContain('id="addresses" name="addresses" type="text" value="ed@example.com, sub@example.net"');
    const db = openDatabase(site.db);
    expect(db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM issues').get()).toEqual({ n: 0 });
    db.close();
  });

  it('sends to `Name <addr>`: the name in To, and the form shows the list as typed', async () => {
    const after = await followed(preview, await preview.post(`/send-test?week=${WEEK}`, { addresses: '"Doe, Jane" <jane@example.com>; Ed <ed@example.com>' }));
    expect(after).toMatch(/Test send: 2 of 2 accepted/);
    const to = await Promise.all(peer.received.map(async (m) => (await simpleParser(m.raw)).to));
    const names = to.flatMap((t) => (Array.isArray(t) ? t : t ? [t] : [])).flatMap((t) => t.value.map((v) => `${v.name} <${v.address}>`));
    expect(names.sort()).toEqual(['Doe, Jane <jane@example.com>', 'Ed <ed@example.com>']);
    expect(after).toContain('value="&quot;Doe, Jane&quot; &lt;jane@example.com&gt;, Ed &lt;ed@example.com&gt;"');
  });

  it('shows a refused address as failed, and refuses bad input before connecting', async () => {
    const after = await followed(preview, await preview.post(`/send-test?week=${WEEK}`, { addresses: 'nobody@example.com' }));
    expect(after).toMatch(/class="notice notice-error"[^>]*>Test send: 0 of 1 accepted[^<]*nobody@example\.com: rejected \(550/);
    const bad = await followed(preview, await preview.post(`/send-test?week=${WEEK}`, { addresses: 'not an address' }));
    expect(bad).toContain('No test sent:');
    expect(peer.received).toHaveLength(0);
  });
});

describe('parseTestAddresses', () => {
  it('splits on commas, semicolons, new lines and spaces between bare addresses, drops repeats, and checks each address', () => {
    expect(parseTestAddresses(' a@example.com;b@example.com,\n a@example.com ')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    expect(parseTestAddresses('a@example.com b@example.com')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    expect(() => parseTestAddresses('')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseTestAddresses('a@example.com, bad@')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseTestAddresses(Array.from({ length: 11 }, (_, i) => `p${i}@example.com`).join(','))).toThrow(/at most 10/);
  });

  it('takes `Name <addr>` as mail programs write it, a comma inside a quoted name included', () => {
    expect(parseTestAddresses('Jane Doe <jane@example.com>, "Doe, John" <john@example.com>; <bare@example.com>\nA@EXAMPLE.com, a@example.com')).toEqual([
      { email: 'jane@example.com', name: 'Jane Doe' },
      { email: 'john@example.com', name: 'Doe, John' },
      { email: 'bare@example.com', name: undefined },
      { email: 'A@EXAMPLE.com' },
    ]);
    // a name cannot carry a header onto the next line
    expect(parseTestAddresses('"Eve\r\nBcc: x@evil.example" <eve@example.com>')).toEqual([{ email: 'eve@example.com', name: 'Eve Bcc: x@evil.example' }]);
    expect(() => parseTestAddresses('Jane Doe <jane@>')).toThrow(/`Jane Doe <jane@>` is not an address like/);
    expect(() => parseTestAddresses('Jane Doe jane@example.com')).toThrow(/is not an address/);
    expect(formatTestAddresses(parseTestAddresses('"Doe, John" <john@example.com>, Jane <jane@example.com>, x@example.com'))).toBe(
      '"Doe, John" <john@example.com>, Jane <jane@example.com>, x@example.com',
    );
  });
});
