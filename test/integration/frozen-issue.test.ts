// The frozen issue end to end: the sample site in a temp folder, `roundup` as processes, a real SQLite file,
// a real SMTP server on 127.0.0.1 read back with mailparser. What the editor approves is what is sent,
// resent and archived.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { getSnapshot, openDatabase } from '../../src/store/index.js';
import { startSmtpPeer, type SmtpPeer } from '../deliver/helpers/smtp-peer.js';
import { BIN, ROOT, makeJobSite, SUBSCRIBERS, WEEK, type JobSite } from '../job/helpers/job-site.js';

const exec = promisify(execFile);
let site: JobSite | undefined;
let peer: SmtpPeer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await peer?.close();
  site?.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  site = peer = undefined;
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function roundup(s: JobSite, args: string[], cwd = s.dir): Promise<Result> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...s.vars }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function override(s: JobSite, week: string, yaml: string): void {
  mkdirSync(join(s.dir, 'issues'), { recursive: true });
  writeFileSync(join(s.dir, 'issues', `${week}.yaml`), yaml);
}

async function subjects(p: SmtpPeer): Promise<Set<string>> {
  return new Set(await Promise.all(p.received.map(async (m) => (await simpleParser(m.raw)).subject ?? '')));
}

describe('approval binds to the frozen issue', () => {
  it('an edit after approval stops the job (reason logged, exit 0, nothing sent) until this version is approved; then it goes out', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url, (c) => (c.web = { ...c.web, schedule: { requireApproval: true } }));
    expect((await roundup(site, ['approve', '--week', WEEK])).code).toBe(0);
    override(site, WEEK, 'subject: "Edited after approval"\nintro: "A late note"\n');

    const build = await roundup(site, ['build', '--week', WEEK]);
    expect(build.stderr).toMatch(new RegExp(`${WEEK} changed since approval \\(nothing is sent until it is approved again`));
    expect(build.stderr).toContain('changed by the editor: the override file (new)');
    expect(build.stderr).toContain('subject: “');
    expect(build.stderr).toContain('the intro changed');

    const run = await roundup(site, ['run', '--week', WEEK]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Issue ${WEEK}: waiting-approval [NOT_APPROVED]`);
    expect(run.stdout).toContain('changed since it was approved (the override file (new))');
    expect(peer.received).toHaveLength(0);

    expect((await roundup(site, ['approve', '--week', WEEK])).code).toBe(0);
    const sent = await roundup(site, ['run', '--week', WEEK]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(peer.received).toHaveLength(SUBSCRIBERS);
    expect(await subjects(peer)).toEqual(new Set(['Edited after approval']));
  }, 180_000);

  it('with onChangeAfterApproval: send-approved, the approved version goes out and the change is logged', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url, (c) => (c.web = { ...c.web, schedule: { requireApproval: true, onChangeAfterApproval: 'send-approved' } }));
    const approved = await roundup(site, ['approve', '--week', WEEK, '--json']);
    const approvedSubject = (JSON.parse(approved.stdout) as { issue: { subject: string } }).issue.subject;
    override(site, WEEK, 'subject: "Never approved"\n');
    const run = await roundup(site, ['run', '--week', WEEK]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('changed since approval (the override file (new)); sending the approved version');
    expect(await subjects(peer)).toEqual(new Set([approvedSubject]));
  }, 120_000);

  it('data that moved by itself does not void the approval: the approved snapshot goes out, the drift is logged', async () => {
    peer = await startSmtpPeer();
    const stories = mkdtempSync(join(tmpdir(), 'roundup-drift-'));
    dirs.push(stories);
    const file = join(stories, 'guest.json');
    const story = { url: 'https://www.identitywire.example/2026/11/25/guest-post/', title: 'Guest post, as approved', publishedAt: '2026-11-25T10:00:00+00:00', sticky: true };
    writeFileSync(file, JSON.stringify([story]));
    site = makeJobSite(peer.url, (c) => {
      c.content.push({ type: 'json', name: 'guest', path: file });
      c.web = { ...c.web, schedule: { requireApproval: true } };
    });
    expect((await roundup(site, ['approve', '--week', WEEK])).code).toBe(0);
    writeFileSync(file, JSON.stringify([{ ...story, title: 'Guest post, edited at the source' }]));
    const run = await roundup(site, ['run', '--week', WEEK]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('since approval: edited at the source: Guest post, edited at the source');
    const texts = await Promise.all(peer.received.map(async (m) => (await simpleParser(m.raw)).text ?? ''));
    expect(texts).toHaveLength(SUBSCRIBERS);
    for (const text of texts) {
      expect(text).toContain('Guest post, as approved');
      expect(text).not.toContain('edited at the source');
    }
  }, 120_000);
});

describe('a send resumed after a template edit', () => {
  it('gives the rest of the list the same email: every message has the same parts but for the subscriber’s values', async () => {
    peer = await startSmtpPeer({ delayMs: 60 });
    const templates = mkdtempSync(join(tmpdir(), 'roundup-templates-'));
    dirs.push(templates);
    mkdirSync(join(templates, 'partials'));
    const footer = readFileSync(join(ROOT, 'templates/partials/footer.mjml'), 'utf8');
    writeFileSync(join(templates, 'partials/footer.mjml'), footer);
    site = makeJobSite(peer.url, (c) => {
      c.delivery.inFlight = 1;
      c.email = { ...c.email, templatesDir: templates };
    });
    const s = site;
    const child = spawn(process.execPath, [BIN, 'run', '--week', WEEK], { cwd: s.dir, env: { ...process.env, ...s.vars }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => peer!.received.length, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(4);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const before = peer.received.length;
    expect(before).toBeLessThan(SUBSCRIBERS);

    // the editor changes the footer before the send is resumed
    writeFileSync(join(templates, 'partials/footer.mjml'), footer.replace('</mj-section>', '<mj-text>EDITED FOOTER</mj-text></mj-section>'));
    const resumed = await roundup(s, ['run', '--week', WEEK]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming the send of the frozen issue');
    expect(peer.received).toHaveLength(SUBSCRIBERS);

    const normalised = await Promise.all(
      peer.received.map(async ({ raw, rcpt }) => {
        const mail = await simpleParser(raw);
        const unsubscribe = raw.toString('latin1').match(/^List-Unsubscribe: <(https:[^>]+)>/m)![1]!;
        const token = unsubscribe.split('/u/')[1]!;
        const clean = (part: string) =>
          part.replaceAll(rcpt, '<EMAIL>').replaceAll(token, '<TOKEN>').replace(/\/p\/[A-Za-z0-9_.-]+/g, '/p/<PREFS>');
        return { html: clean(String(mail.html)), text: clean(mail.text ?? '') };
      }),
    );
    for (const m of normalised) expect(m.html + m.text).not.toContain('EDITED FOOTER');
    // the parts differ only by the order of sections the subscribers' topics choose (variants), not by the edit
    const firstRun = new Set(normalised.slice(0, before).map((m) => m.html));
    const all = new Set(normalised.map((m) => m.html));
    expect(all.size).toBeLessThanOrEqual(4); // the default order and the sample's three topic choices
    const byOrder = new Map<string, Set<string>>();
    for (const m of normalised) {
      const order = [...m.text.matchAll(/^([A-Z][A-Z ,'’-]{6,})$/gm)].map((x) => x[1]).join('|');
      byOrder.set(order, (byOrder.get(order) ?? new Set()).add(m.html + m.text));
    }
    for (const bodies of byOrder.values()) expect(bodies.size).toBe(1);
    expect(firstRun.size).toBeGreaterThan(0);
  }, 180_000);
});

describe('never the same story twice', () => {
  it('two consecutive sent issues with eligible: { days: 14 } share no story, unless the editor pins one', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url, (c) => (c.selection.eligible = { days: 14 }));
    expect((await roundup(site, ['run', '--week', '2026-W47'])).code).toBe(0);
    const storiesOf = (key: string) => {
      const db = openDatabase(site!.dbFile);
      try {
        return getSnapshot(db, key)!.snapshot.digest.sections.flatMap((s) => s.stories.filter((x) => !x.event).map((x) => x.url));
      } finally {
        db.close();
      }
    };
    const w47 = storiesOf('2026-W47');
    // without the rule, W48 would take some of them: they are inside its 14 days and still read
    const draft = await roundup(site, ['build', '--week', WEEK, '--json']);
    const digest = JSON.parse(draft.stdout) as { leftOut: { url: string; reason: string; sentIn?: string }[] };
    const sentBefore = digest.leftOut.filter((l) => l.reason === 'sent-before');
    expect(sentBefore.length).toBeGreaterThan(0);
    expect(sentBefore.every((l) => l.sentIn === '2026-W47' && w47.includes(l.url))).toBe(true);

    const pinned = w47[0]!;
    override(site, WEEK, `pin: [${pinned}]\n`);
    expect((await roundup(site, ['run', '--week', WEEK])).code).toBe(0);
    const w48 = storiesOf(WEEK);
    expect(w48.filter((u) => w47.includes(u))).toEqual([pinned]);
  }, 180_000);
});

describe('the archive, from the database', () => {
  it('after rm -rf out, from another working directory, and after another week was built: the issue that was sent, its feed and a static export', async () => {
    peer = await startSmtpPeer();
    site = makeJobSite(peer.url);
    expect((await roundup(site, ['run', '--week', WEEK])).code).toBe(0);
    const db = openDatabase(site.dbFile);
    const sent = getSnapshot(db, WEEK)!.snapshot;
    db.close();
    rmSync(site.outDir, { recursive: true, force: true });
    expect((await roundup(site, ['build', '--week', '2026-W47'])).code).toBe(0); // out/ now holds another issue

    const elsewhere = mkdtempSync(join(tmpdir(), 'roundup-cwd-'));
    dirs.push(elsewhere);
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--config', site.configFile], {
      cwd: elsewhere,
      env: { ...process.env, ...site.vars },
    });
    let out = '';
    server.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0], { timeout: 60_000, interval: 50 }).toBeDefined();
      const base = /http:\/\/127\.0\.0\.1:\d+/.exec(out)![0];
      const page = await (await fetch(`${base}/issues/${WEEK}`)).text();
      // the frozen public copy, with only the archive's bar added at the top of its body
      expect(page).toContain(sent.publicCopy.html.slice(-3000));
      expect(page).toContain(sent.digest.sections[0]!.stories[0]!.title.replaceAll('&', '&amp;'));
      expect(page).toContain('href="/subscribe"');
      expect((await fetch(`${base}/issues/2026-W47`)).status).toBe(404);
      const archive = await (await fetch(`${base}/issues/`)).text();
      expect(archive).toContain(`href="/issues/${WEEK}"`);
      expect(archive).toContain('href="/issues/feed.xml"');
      expect(archive).toContain('href="/subscribe"');
      const feedResponse = await fetch(`${base}/issues/feed.xml`);
      expect(feedResponse.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expectAtom(await feedResponse.text(), [{ key: WEEK, subject: sent.subject }], 'https://newsletter.identitywire.example/issues/');
    } finally {
      server.kill('SIGTERM');
    }

    const exported = join(elsewhere, 'static');
    const result = await roundup(site, ['archive', 'export', exported, '--base-url', 'https://archive.example/roundup/'], elsewhere);
    expect(result.code, result.stderr).toBe(0);
    const index = readFileSync(join(exported, 'index.html'), 'utf8');
    expect(index).toContain(`href="${WEEK}/"`);
    expect(index).toContain('href="feed.xml"');
    expect(readFileSync(join(exported, WEEK, 'index.html'), 'utf8')).toContain('href="../"');
    expectAtom(readFileSync(join(exported, 'feed.xml'), 'utf8'), [{ key: WEEK, subject: sent.subject }], 'https://archive.example/roundup/');
    cpSync(exported, join(elsewhere, 'copy'), { recursive: true });
  }, 180_000);
});

/** Checks an Atom document against RFC 4287's required elements, and its entries. */
function expectAtom(xml: string, entries: { key: string; subject: string }[], base: string): void {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as { feed: Record<string, any> };
  const feed = parsed.feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  // atom:feed MUST contain exactly one id, title and updated, an author (or every entry one), SHOULD a self link
  expect(feed.id).toBe(base);
  expect(typeof feed.title).toBe('string');
  expect(feed.updated).toMatch(rfc3339);
  expect(feed.author.name).toBe('Identity Wire');
  const links = [feed.link].flat() as Record<string, string>[];
  expect(links.find((l) => l['@rel'] === 'self')?.['@href']).toBe(`${base}feed.xml`);
  const list = [feed.entry].flat().filter(Boolean) as Record<string, any>[];
  expect(list.map((e) => e.title)).toEqual(entries.map((e) => e.subject));
  for (const [i, entry] of list.entries()) {
    // atom:entry MUST contain exactly one id, title and updated, and content or an alternate link
    expect(entry.id).toBe(`${base}${entries[i]!.key}`);
    expect(entry.updated).toMatch(rfc3339);
    expect(entry.link['@rel']).toBe('alternate');
    expect(entry.content['@type']).toBe('html');
    expect(entry.content['#text']).toContain('<html');
  }
}
