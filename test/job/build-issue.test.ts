import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../src/config/index.js';
import { isRoundupError } from '../../src/errors.js';
import { buildIssue, type BuiltIssue } from '../../src/job/build-issue.js';
import { ANY_TOKEN } from '../../src/render/tokens.js';
import { withOwnLinks } from '../render/render-fixtures.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const env = { db: ':memory:', secret: 'a-test-secret-of-enough-length' };
let tmp: string;
let loaded: LoadedConfig;
let built: BuiltIssue;

function sampleConfig(outDir: string): LoadedConfig {
  const base = loadConfig('config/roundup.yaml');
  return { ...base, config: { ...base.config, outDir } };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'roundup-build-'));
  loaded = sampleConfig(join(tmp, 'out'));
  built = await buildIssue({ loaded, env, week: '2026-W48', now: NOW });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildIssue on the sample site', () => {
  it('selects the week into sections with read counts and sources', () => {
    const { digest } = built;
    expect(digest.issue).toBe('2026-W48');
    expect(digest.sections.map((s) => s.id)).toEqual(['most-read', 'featured', 'opinion', 'digital-id', 'white-papers', 'events', 'latest']);
    const mostRead = digest.sections[0]!.stories;
    expect(mostRead).toHaveLength(5);
    for (let i = 1; i < mostRead.length; i++) expect(mostRead[i - 1]!.reads).toBeGreaterThanOrEqual(mostRead[i]!.reads);
    const urls = digest.sections.flatMap((s) => s.stories.map((x) => x.url));
    expect(new Set(urls).size).toBe(urls.length);
    for (const event of digest.sections.find((s) => s.id === 'events')!.stories) {
      expect(Date.parse(event.event!.startsAt)).toBeGreaterThanOrEqual(Date.parse(digest.window.end));
    }
    expect(digest.sources.map((s) => [s.kind, s.name, s.items > 0])).toEqual([
      ['content', 'site-feed', true],
      ['content', 'events-and-papers', true],
      ['reads', 'ga4', true],
      ['reads', 'nginx', true],
    ]);
    // the sample log has malformed lines on purpose: skipped and counted, with file:line
    const nginx = digest.sources.find((s) => s.name === 'nginx')!;
    expect(nginx.skipped).toBeGreaterThan(0);
    expect(nginx.problems[0]!.where).toMatch(/access-2026-W48\.log\.gz:\d+$/);
  });

  it('writes digest.json, index.html, index.txt and preview.eml, with no token left', () => {
    const dir = join(tmp, 'out', '2026-W48');
    expect(JSON.parse(readFileSync(join(dir, 'digest.json'), 'utf8'))).toEqual(built.digest);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const text = readFileSync(join(dir, 'index.txt'), 'utf8');
    expect(html).not.toMatch(ANY_TOKEN);
    expect(text).not.toMatch(ANY_TOKEN);
    for (const story of built.digest.sections.flatMap((s) => s.stories)) {
      expect(text).toContain(new URL(story.url).pathname);
    }
  });

  it('is deterministic: the same inputs give a byte-identical digest.json', async () => {
    const again = sampleConfig(join(tmp, 'again'));
    await buildIssue({ loaded: again, env, week: '2026-W48', now: new Date('2027-03-01T00:00:00Z') });
    expect(readFileSync(join(tmp, 'again', '2026-W48', 'digest.json'))).toEqual(readFileSync(join(tmp, 'out', '2026-W48', 'digest.json')));
  });

  it('matches the file snapshots of the sample issue', async () => {
    // content links are markers in the render (filled per send): the snapshots show them as the preview does
    const own = withOwnLinks(built.rendered);
    await expect(own.html).toMatchFileSnapshot('__snapshots__/sample-2026-W48.html');
    await expect(own.text).toMatchFileSnapshot('__snapshots__/sample-2026-W48.txt');
  });

  it('preview.eml is a complete multipart/alternative message a subscriber would receive', async () => {
    const raw = readFileSync(join(tmp, 'out', '2026-W48', 'preview.eml'));
    expect(raw.toString('latin1')).toMatch(/^Content-Type: multipart\/alternative;/m);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(built.rendered.subject);
    expect((mail.to as AddressObject).value[0]!.address).toBe('reader@example.com');
    expect(mail.from!.value[0]!.address).toBe('newsletter@identitywire.example');
    expect(mail.text).toContain('MOST READ THIS WEEK');
    expect(mail.html).toContain('<html');
    expect(mail.html).toContain(built.digest.sections[0]!.stories[0]!.url.replace(/\/$/, ''));
    // Feedback-ID by default from the issue and the list (Gmail's a:b:SenderId)
    expect(mail.headerLines.find((h) => h.key === 'feedback-id')?.line).toBe('Feedback-ID: 2026-W48:roundup:newsletter.identitywire.example');
    const post = mail.headerLines.find((h) => h.key === 'list-unsubscribe-post');
    expect(post?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const listUnsubscribe = raw.toString('latin1').match(/^List-Unsubscribe: <(https:[^>]+)>/m)![1]!;
    expect(mail.html).toContain(listUnsubscribe);
    expect(mail.text).toContain(listUnsubscribe);
    expect(String(mail.html)).not.toMatch(ANY_TOKEN);
  });
});

describe('buildIssue on bad input', () => {
  it('fails a week with too few stories, naming the setting, and writes nothing', async () => {
    const out = join(tmp, 'thin');
    const error = await buildIssue({ loaded: sampleConfig(out), env, week: '2026-W40', now: NOW }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'ISSUE_TOO_THIN')).toBe(true);
    expect((error as Error).message).toContain('selection.minNewStories');
    expect(existsSync(join(out, '2026-W40'))).toBe(false);
  });

  it('fails when a required source cannot be read, naming it, and writes nothing', async () => {
    const dir = join(tmp, 'missing-feed');
    cpSync('config', dir, { recursive: true });
    rmSync(join(dir, 'sample', 'feed.xml'));
    const base = loadConfig(join(dir, 'roundup.yaml'));
    const out = join(dir, 'out');
    const error = await buildIssue({ loaded: { ...base, config: { ...base.config, outDir: out } }, env, week: '2026-W48', now: NOW }).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_UNREADABLE')).toBe(true);
    expect((error as Error).message).toContain('feed.xml');
    expect(existsSync(out)).toBe(false);
  });

  it('goes on without an optional source that cannot be read, and says so', async () => {
    const dir = join(tmp, 'missing-reads');
    cpSync('config', dir, { recursive: true });
    rmSync(join(dir, 'sample', 'reads', 'ga4-2026-W48.csv'));
    const base = loadConfig(join(dir, 'roundup.yaml'));
    const result = await buildIssue({ loaded: { ...base, config: { ...base.config, outDir: join(dir, 'out') } }, env, week: '2026-W48', now: NOW });
    const ga4 = result.digest.sources.find((s) => s.name === 'ga4')!;
    expect(ga4.failed).toContain('ga4-2026-W48.csv');
    expect(result.digest.sections[0]!.stories.length).toBeGreaterThan(0);
  });

  it('applies the per-issue override file', async () => {
    const dir = join(tmp, 'override');
    cpSync('config', dir, { recursive: true });
    const top = built.digest.sections[0]!.stories[0]!;
    mkdirSync(join(dir, 'issues'), { recursive: true });
    writeFileSync(join(dir, 'issues', '2026-W48.yaml'), `subject: "Editor's subject"\nexclude: ["${top.url}"]\n`);
    const base = loadConfig(join(dir, 'roundup.yaml'));
    const result = await buildIssue({ loaded: { ...base, config: { ...base.config, outDir: join(dir, 'out') } }, env, week: '2026-W48', now: NOW });
    expect(result.rendered.subject).toBe("Editor's subject");
    expect(result.digest.sections.flatMap((s) => s.stories.map((x) => x.url))).not.toContain(top.url);
    expect(result.digest.leftOut.find((l) => l.url === top.url)?.reason).toBe('excluded');
  });
});
