// `roundup build` as a process on the sample site in a temp folder: what it prints for the editor.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Digest } from '../../src/types.js';
import { BIN, makeJobSite, ROOT, WEEK, type JobSite } from '../job/helpers/job-site.js';
import type { FakeHttp } from '../sources/reads/fakes/fake-http.js';
import { PLAUSIBLE_KEY, SITE_ID, startPlausibleFake } from '../sources/reads/fakes/plausible-server.js';

const exec = promisify(execFile);

let site: JobSite | undefined;
let api: FakeHttp | undefined;
afterEach(async () => {
  await api?.close();
  site?.cleanup();
  site = api = undefined;
});

/** The sample's Plausible export of a week, as the Stats API would answer it. */
function sampleWeek(week: string): [string, number][] {
  const lines = readFileSync(join(ROOT, `config/sample/reads/plausible-${week}.csv`), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',');
    return [cells[0]!, Number(cells[2])];
  });
}

/** A job site whose only read source is Plausible's API on `api`. */
function plausibleSite(url: string): JobSite {
  return makeJobSite('smtp://127.0.0.1:2525', (c) => {
    c.reads = [{ type: 'plausible', name: 'plausible', url, siteId: SITE_ID }];
  });
}

export async function roundup(s: JobSite, args: string[], vars: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd: s.dir, env: { ...process.env, ...s.vars, ...vars }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('roundup build', () => {
  it('prints the empty-section warning for a configured section that ends empty, and still succeeds', async () => {
    site = makeJobSite('smtp://127.0.0.1:2525', (c) => {
      c.selection.sections.splice(1, 0, { id: 'podcasts', title: 'Podcasts', kind: 'category', categories: ['Podcasts'], count: 3 });
    });
    const result = await roundup(site, ['build', '--week', WEEK]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: \[empty-section\] Section `podcasts` \("Podcasts"\) has no stories this week/m);
    expect(result.stderr).not.toMatch(/\[empty-section\] Section `most-read`/);
  });

  it('keeps a settled week\'s API answer in the data folder: a rebuild does not ask again, --refresh-reads does', async () => {
    api = await startPlausibleFake(sampleWeek(WEEK));
    site = plausibleSite(api.url);
    const vars = { PLAUSIBLE_API_KEY: PLAUSIBLE_KEY };
    const first = await roundup(site, ['build', '--week', WEEK], vars);
    expect(first.code, first.stderr).toBe(0);
    expect(api.requests).toHaveLength(1);
    expect(first.stdout).toMatch(/reads plausible \[plausible\] .*: \d+ items \([\d,]+ reads\)\n/);
    const kept = join(site.dir, 'cache', 'reads', 'plausible', `${WEEK}.json`);
    expect(existsSync(kept)).toBe(true);
    expect(readFileSync(kept, 'utf8')).not.toContain(PLAUSIBLE_KEY);

    const again = await roundup(site, ['build', '--week', WEEK], vars);
    expect(again.code, again.stderr).toBe(0);
    expect(api.requests).toHaveLength(1);
    expect(again.stdout).toContain('kept from ');
    const digest = (dir: JobSite) => JSON.parse(readFileSync(join(dir.outDir, WEEK, 'digest.json'), 'utf8')) as Digest;
    expect(digest(site).sections[0]!.stories[0]!.reads).toBeGreaterThan(1000);

    const refreshed = await roundup(site, ['build', '--week', WEEK, '--refresh-reads'], vars);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(api.requests).toHaveLength(2);
    expect(refreshed.stdout).not.toContain('kept from ');
  });

  it('warns when the week\'s reads are far below last week\'s, naming the source and what it returned', async () => {
    const tiny: [string, number][] = [['/', 40], ['/2026/11/25/tandem-voiceprint-tops-independent-benchmark-for-voice-biometrics/', 3]];
    api = await startPlausibleFake((range) => (range[0]?.startsWith('2026-11-16') ? sampleWeek('2026-W47') : tiny));
    site = plausibleSite(api.url);
    const vars = { PLAUSIBLE_API_KEY: PLAUSIBLE_KEY };
    expect((await roundup(site, ['build', '--week', '2026-W47'], vars)).code).toBe(0);
    const result = await roundup(site, ['build', '--week', WEEK], vars);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Warning: Reads from plausible for 2026-W48 are far below 2026-W47's \(43 against [\d,]+, 0%\): plausible \[plausible\]: 2 pages, 43 reads \(2026-W47: \d+ pages, [\d,]+ reads\)/m);
  });

  it('warns when a week has no reads at all, and lists the busiest unmatched pages', async () => {
    api = await startPlausibleFake([['/2019/01/01/an-old-slug/', 900], ['/', 5000]]);
    site = plausibleSite(api.url);
    const result = await roundup(site, ['build', '--week', WEEK], { PLAUSIBLE_API_KEY: PLAUSIBLE_KEY });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Busiest pages that match no story.*\n  \/2019\/01\/01\/an-old-slug — 900 reads \(plausible\)/);
    expect(result.stdout).not.toMatch(/^Warning: No reads/m);

    api.fail({ status: 200, body: JSON.stringify({ results: [], meta: {}, query: {} }) });
    const empty = await roundup(site, ['build', '--week', WEEK, '--refresh-reads'], { PLAUSIBLE_API_KEY: PLAUSIBLE_KEY });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^Warning: No reads at all for 2026-W48: plausible \[plausible\]: 0 pages, 0 reads\./m);
    expect(empty.stderr).toMatch(/\[empty-section\] Section `most-read`/);
  });
  it('names the partial and its line for a bad MJML tag, once, and a config typo with its suggestion', async () => {
    site = makeJobSite('smtp://127.0.0.1:2525', (c) => (c.email = { ...c.email, templatesDir: 'mine' }));
    const bundled = readFileSync(join(ROOT, 'templates/partials/story-row.mjml'), 'utf8');
    const line = bundled.split('\n').findIndex((l) => l.trim() === '<mj-text>') + 1;
    mkdirSync(join(site.dir, 'config/mine/partials'), { recursive: true });
    writeFileSync(join(site.dir, 'config/mine/partials/story-row.mjml'), bundled.replace('<mj-text>', '<mj-texte>').replace('</mj-text>', '</mj-texte>'));
    const result = await roundup(site, ['build', '--week', WEEK]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`config/mine/partials/story-row\\.mjml:${line} <mj-texte>: Element mj-texte doesn't exist or is not registered \\(\\d+ times`));
    expect(result.stderr.split('\n').length).toBeLessThan(8);

    writeFileSync(site.configFile, readFileSync(site.configFile, 'utf8').replace('tag: editors-pick', 'tagg: editors-pick'));
    const typo = await roundup(site, ['build', '--week', WEEK]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/roundup\.yaml:\d+: `selection\.featured`: unknown key `tagg`; did you mean `tag`\?/);
  });
});
