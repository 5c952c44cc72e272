// Topics personalise the order of sections: the sample site built for real, sent from a SQLite file to an SMTP
// server on 127.0.0.1, read back with mailparser. Sample subscribers and their topics (config/sample/subscribers.csv):
// Priya and Sofía pick Digital ID, Zoë and Jonas Opinion, Adeola both; Samir and Rory have none; the others'
// topics name no section of the config.
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIssue } from '../../src/job/build-issue.js';
import { freezeBuilt } from '../../src/job/freeze-built.js';
import { sendSnapshot } from '../../src/job/send-snapshot.js';
import type { RenderFn } from '../../src/job/topic-variants.js';
import { createConnectionPoolTransport } from '../../src/deliver/connection-pool-transport.js';
import { sendIssue } from '../../src/deliver/send-issue.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { openDatabase, type Database } from '../../src/store/index.js';
import { FAST_POLICY, LINKS, makeFixture, testSpec } from '../deliver/helpers/fixture.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { makeJobSite, SUBSCRIBERS, WEEK, type JobSite } from '../job/helpers/job-site.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

const NOW = new Date('2026-11-30T07:00:00Z');
const DIGITAL_ID = 'Digital ID In-Depth';
const OPINION = 'Insight, Opinion';

let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
let db: Database | undefined;
afterEach(async () => {
  db?.close();
  await peer?.close();
  site?.cleanup();
  site = peer = db = undefined;
});

async function setUp() {
  peer = await startSmtpPeer();
  site = makeJobSite(peer.url);
  const loaded = site.loaded();
  const built = await buildIssue({ loaded, env: site.env(), week: WEEK, now: NOW, write: false });
  db = openDatabase(site.dbFile);
  const renders: string[][] = [];
  const render: RenderFn = (digest, options) => {
    renders.push(digest.sections.map((s) => s.id));
    return renderIssue(digest, options);
  };
  return { site, peer, loaded, built, db, renders, render };
}

/** Where the two sections' titles first appear in a part (both must be there; the text part shows them upper case). */
function positions(part: string): { digitalId: number; opinion: number } {
  const lower = part.toLowerCase();
  const digitalId = lower.indexOf(DIGITAL_ID.toLowerCase());
  const opinion = lower.indexOf(OPINION.toLowerCase());
  expect(digitalId).toBeGreaterThan(0);
  expect(opinion).toBeGreaterThan(0);
  return { digitalId, opinion };
}

describe('topics personalise the order of sections', () => {
  it('moves the sections a subscriber picked up after the first; one render per distinct choice', async () => {
    const s = await setUp();
    const ids = s.built.digest.sections.map((x) => x.id);
    expect(ids.slice(0, 4)).toEqual(['most-read', 'featured', 'opinion', 'digital-id']);

    const report = await sendSnapshot({ loaded: s.loaded, env: s.site.env(), now: NOW, store: sqliteStore(s.db), snapshot: freezeBuilt(s.loaded.config, s.built), render: s.render });
    expect(report.status).toBe('sent');
    expect(report.run.submitted).toBe(SUBSCRIBERS);

    // three distinct choices among six subscribers with matching topics: three renders, lazily, each once
    expect(s.renders).toHaveLength(3);
    expect(s.renders).toEqual(
      expect.arrayContaining([
        ['most-read', 'digital-id', ...ids.filter((id) => id !== 'most-read' && id !== 'digital-id')],
        ['most-read', 'opinion', ...ids.filter((id) => id !== 'most-read' && id !== 'opinion')],
        ['most-read', 'opinion', 'digital-id', ...ids.filter((id) => !['most-read', 'opinion', 'digital-id'].includes(id))],
      ]),
    );

    const mails = new Map<string, Awaited<ReturnType<typeof simpleParser>>>();
    for (const m of s.peer.received) mails.set(m.rcpt.toLowerCase(), await simpleParser(m.raw));
    expect(mails.size).toBe(SUBSCRIBERS);

    const titles = s.built.digest.sections.flatMap((x) => x.stories.map((story) => story.title));
    for (const mail of mails.values()) {
      // same subject, same stories for everyone
      expect(mail.subject).toBe(s.built.rendered.subject);
      const text = (mail.text ?? '').replace(/\s+/g, ' '); // the text part wraps long titles
      for (const title of titles) expect(text).toContain(title);
    }

    for (const who of ['priya.shah@example.com', 'editor@example.com']) {
      const mail = mails.get(who)!;
      for (const part of [mail.html as string, mail.text!]) {
        const p = positions(part);
        expect(p.digitalId).toBeLessThan(p.opinion);
        expect(part.toLowerCase().indexOf('most read this week')).toBeLessThan(p.digitalId);
      }
    }
    // no topics, or topics naming no section: the config order
    for (const who of ['samir.haddou@example.org', 'r.mcallister@example.org', 'ops@example.com']) {
      const mail = mails.get(who)!;
      for (const part of [mail.html as string, mail.text!]) {
        const p = positions(part);
        expect(p.opinion).toBeLessThan(p.digitalId);
      }
    }
    // the same choice gives the same body (apart from the subscriber’s own name, address and links)
    const body = (who: string) => (mails.get(who)!.text ?? '').split('\n').filter((l) => !/Hi |https:\/\/newsletter\.|@/.test(l)).join('\n');
    expect(body('priya.shah@example.com')).toBe(body('editor@example.com'));
    expect(body('samir.haddou@example.org')).toBe(body('r.mcallister@example.org'));
    expect(body('priya.shah@example.com')).not.toBe(body('samir.haddou@example.org'));
  });

  it('a dry run builds the variants too, once each, and sends nothing', async () => {
    const s = await setUp();
    const report = await sendSnapshot({ loaded: s.loaded, env: s.site.env(), now: NOW, store: sqliteStore(s.db), snapshot: freezeBuilt(s.loaded.config, s.built), render: s.render, dryRun: true });
    expect(report.status).toBe('dry-run');
    expect(report.run.built).toBe(SUBSCRIBERS);
    expect(s.renders).toHaveLength(3);
    expect(s.peer.received).toHaveLength(0);
  });

  it('a variant that cannot be rendered stops the send before any intent is recorded: nothing lost, run again to resume', async () => {
    const f = makeFixture(6);
    try {
      f.db.prepare(`UPDATE subscribers SET topics = '["Digital ID"]' WHERE id % 2 = 0`).run();
      peer = await startSmtpPeer();
      const options = {
        issue: WEEK,
        spec: testSpec(),
        links: LINKS,
        ledger: f.ledger,
        transport: createConnectionPoolTransport({ url: peer.url, maxConnections: 1, maxMessages: 50, rateLimit: 0 }),
        policy: { ...FAST_POLICY, inFlight: 1 },
        random: () => 0.5,
      };
      const broken = { keyFor: () => 'digital-id', parts: () => Promise.reject(new Error('MJML broke')) };
      await expect(sendIssue({ ...options, variants: broken })).rejects.toThrow('MJML broke');
      // subscriber 1 (no topics) went out; subscriber 2's variant failed before markSubmitting
      expect(peer.received.map((m) => m.rcpt)).toEqual(['user1@example.com']);
      expect(await f.ledger.counts(WEEK)).toMatchObject({ submitted: 1, pending: 5, submitting: 0, failed: 0 });

      const fixed = { keyFor: () => 'digital-id', parts: async () => ({ html: testSpec().html, text: `Digital ID first\n${testSpec().text}`, tokens: testSpec().tokens }) };
      const report = await sendIssue({ ...options, variants: fixed, transport: createConnectionPoolTransport({ url: peer.url, maxConnections: 1, maxMessages: 50, rateLimit: 0 }) });
      expect(report.status).toBe('sent');
      expect(peer.received).toHaveLength(6);
      const texts = await Promise.all(peer.received.map(async (m) => [m.rcpt, (await simpleParser(m.raw)).text ?? ''] as const));
      for (const [rcpt, text] of texts) expect(text.startsWith('Digital ID first')).toBe(Number(/\d+/.exec(rcpt)![0]) % 2 === 0);
    } finally {
      f.cleanup();
    }
  });
});
