// The story buttons of the preview, through the handler (no socket): each POST rewrites the week's override file
// through the YAML document (the editor's comments stay), the page it leads to shows the change, and Undo puts
// the file back. Only stories of the draft, configured sections and posts from the preview itself are accepted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { approveIssue } from '../../../src/job/approve-issue.js';
import { openDatabase, sqliteStore } from '../../../src/store/index.js';
import { followed, testPreview, type TestPreview } from './helpers.js';
import { makePreviewSite, NOW, storyUrl, WEEK, type PreviewSite } from './preview-site.js';

let site: PreviewSite;
let preview: TestPreview;
const file = () => join(site.issuesDir, `${WEEK}.yaml`);
const fileText = () => readFileSync(file(), 'utf8');
const HAND = '# W47: notes by the editor\nsubject: Our pick of the week # agreed on Monday\n\n# nothing pinned yet\n';

beforeEach(() => {
  site = makePreviewSite();
  preview = testPreview(site);
});
afterEach(() => {
  preview.hub.close();
  site.remove();
});

/** What a browser sends for the page's own form (Referrer-Policy no-referrer gives Origin: null). */
const OWN = { origin: 'null', 'sec-fetch-site': 'same-origin' };
const act = (form: Record<string, string>) => preview.post(`/story?week=${WEEK}`, form, OWN);
/** The story titles of a section, in the page's order. */
function sectionTitles(page: string, id: string): string[] {
  const section = new RegExp(`<div class="picked-section" id="section-${id}">([^]*?)</ol>`).exec(page)?.[1] ?? '';
  return [...section.matchAll(/class="story-title"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

describe('the story buttons', () => {
  it('every story has its buttons, as POST forms to /story', async () => {
    const page = await (await preview.get('/')).text();
    const row = /<li class="story" id="s-[0-9a-f]{12}" data-url="([^"]+)">[^]*?<\/li>/.exec(page)![0];
    expect(row).toContain(`<form method="post" action="/story?week=${WEEK}" class="story-actions">`);
    for (const value of ['up', 'down', 'pin', 'exclude', 'move', 'edit']) expect(row).toContain(`name="action" value="${value}"`);
    expect(row).toMatch(/name="action" value="up"[^>]* disabled/); // the first story cannot go up
    expect(row).toContain('<select name="to"');
  });

  it('pin: the file gets the URL, its comments stay, the page shows the story pinned, and Undo restores the file', async () => {
    site.write(`issues/${WEEK}.yaml`, HAND);
    preview.state.invalidate();
    const res = await act({ action: 'pin', url: storyUrl('quiet-friday') });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/\\?week=${WEEK}&notice=\\d+#s-[0-9a-f]{12}$`));
    expect(fileText()).toMatch(/^# W47: notes by the editor\nsubject: Our pick of the week # agreed on Monday\n/);
    // a comment at the end of the file stays at the end
    expect(fileText()).toMatch(/\n# nothing pinned yet\n$/);
    expect(parse(fileText())).toEqual({ subject: 'Our pick of the week', pin: [storyUrl('quiet-friday')] });
    const page = await followed(preview, res);
    expect(page).toContain('Pinned “A quiet Friday in identity news”.');
    expect(page).toMatch(/A quiet Friday in identity news<\/a> <span class="mark">pinned<\/span>/);
    expect(page).toMatch(/id="undo"[^>]*title="Undo: pinned “A quiet Friday in identity news”"/);

    const undone = await followed(preview, await preview.post(`/undo?week=${WEEK}`, {}, OWN));
    expect(undone).toContain('Undone: pinned “A quiet Friday in identity news”.');
    expect(fileText()).toBe(HAND);
    expect(undone).not.toContain('<span class="mark">pinned</span>');
    expect(undone).not.toContain('id="undo"');
  });

  it('undo of the first change removes the file it created; an edit saved by hand since is never overwritten', async () => {
    await act({ action: 'exclude', url: storyUrl('passkeys-arrive') });
    expect(parse(fileText())).toEqual({ exclude: [storyUrl('passkeys-arrive')] });
    await followed(preview, await preview.post(`/undo?week=${WEEK}`, {}, OWN));
    expect(existsSync(file())).toBe(false);

    await act({ action: 'exclude', url: storyUrl('passkeys-arrive') });
    site.write(`issues/${WEEK}.yaml`, `${fileText()}subject: typed by hand\n`);
    const refused = await followed(preview, await preview.post(`/undo?week=${WEEK}`, {}, OWN));
    expect(refused).toContain('Not undone: the override file was changed by hand since');
    expect(fileText()).toContain('subject: typed by hand');
  });

  it('up and down reorder within the section (the whole order written), and the page shows the new order', async () => {
    const before = sectionTitles(await (await preview.get('/')).text(), 'most-read');
    expect(before).toHaveLength(3);
    const page = await followed(preview, await act({ action: 'down', url: storyUrl('passkeys-arrive') }));
    const after = sectionTitles(page, 'most-read');
    expect(after).toEqual([before[1], before[0], before[2]]);
    expect(parse(fileText()).order['most-read']).toHaveLength(3);
    const up = await followed(preview, await act({ action: 'up', url: storyUrl('passkeys-arrive') }));
    expect(sectionTitles(up, 'most-read')).toEqual(before);
    const edge = await followed(preview, await act({ action: 'up', url: storyUrl('passkeys-arrive') }));
    expect(edge).toContain('is already first in “Most Read”');
  });

  it('move puts the story in another section; exclude takes it out; include brings it back', async () => {
    let page = await followed(preview, await act({ action: 'move', url: storyUrl('passkeys-arrive'), to: 'opinion' }));
    expect(sectionTitles(page, 'opinion')[0]).toBe('Passkeys arrive at the national bank');
    expect(sectionTitles(page, 'most-read')).not.toContain('Passkeys arrive at the national bank');
    expect(parse(fileText()).stories).toEqual({ [storyUrl('passkeys-arrive')]: { section: 'opinion' } });

    page = await followed(preview, await act({ action: 'exclude', url: storyUrl('passkeys-arrive') }));
    expect(page).toContain('Excluded “Passkeys arrive at the national bank”.');
    expect(page).toMatch(/Passkeys arrive at the national bank<\/a><\/td><td class="num">900<\/td><td><code>excluded<\/code>/);
    expect(parse(fileText())).toEqual({ exclude: [storyUrl('passkeys-arrive')] });
    page = await followed(preview, await act({ action: 'include', url: storyUrl('passkeys-arrive') }));
    expect(sectionTitles(page, 'most-read')[0]).toBe('Passkeys arrive at the national bank');
  });

  it('edit sets the headline and blurb for this issue (the email shows them); reset goes back to the source', async () => {
    const url = storyUrl('passkeys-arrive');
    let page = await followed(preview, await act({ action: 'edit', url, title: 'Passkeys: the bank goes first', excerpt: 'Our own two lines.' }));
    expect(sectionTitles(page, 'most-read')[0]).toBe('Passkeys: the bank goes first');
    expect(page).toContain('<span class="mark">headline edited</span>');
    expect(parse(fileText()).stories[url]).toEqual({ title: 'Passkeys: the bank goes first', excerpt: 'Our own two lines.' });
    const html = await (await preview.get(`/email?week=${WEEK}&view=desktop`)).text();
    expect(html).toContain('Passkeys: the bank goes first');
    expect(html).toContain('Our own two lines.');
    // the default subject is the top story's headline: the edited one
    expect(page).toContain('<span id="subject" class="inbox-subject">Passkeys: the bank goes first</span>');
    page = await followed(preview, await act({ action: 'reset', url }));
    expect(sectionTitles(page, 'most-read')[0]).toBe('Passkeys arrive at the national bank');
    expect(parse(fileText()) ?? {}).toEqual({});
  });

  it('refuses unknown stories and sections, too long a headline, a bad override file, and a week that went out', async () => {
    const before = existsSync(file());
    for (const [form, words] of [
      [{ action: 'pin', url: 'https://evil.example/x' }, 'not in this week’s draft'],
      [{ action: 'move', url: storyUrl('passkeys-arrive'), to: 'nowhere' }, 'pick a section'],
      [{ action: 'edit', url: storyUrl('passkeys-arrive'), title: 'x'.repeat(301), excerpt: '' }, 'at most 300 characters'],
      [{ action: 'explode', url: storyUrl('passkeys-arrive') }, 'unknown action'],
    ] as [Record<string, string>, string][]) {
      const page = await followed(preview, await act(form));
      expect(page, JSON.stringify(form)).toMatch(new RegExp(`class="notice notice-error"[^>]*>Nothing changed: [^<]*${words}`));
    }
    expect(existsSync(file())).toBe(before);

    site.write(`issues/${WEEK}.yaml`, 'pin: just text\n');
    preview.state.invalidate();
    const bad = await followed(preview, await act({ action: 'pin', url: storyUrl('passkeys-arrive') }));
    expect(bad).toContain('OVERRIDE_INVALID');
    expect(fileText()).toBe('pin: just text\n');
  });

  it('refuses posts from another origin with 403 and writes nothing', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site', origin: 'null' }, { 'sec-fetch-site': 'same-site' }] as Record<string, string>[]) {
      expect((await preview.post(`/story?week=${WEEK}`, { action: 'pin', url: storyUrl('passkeys-arrive') }, headers)).status).toBe(403);
      expect((await preview.post(`/undo?week=${WEEK}`, {}, headers)).status).toBe(403);
    }
    expect(existsSync(file())).toBe(false);
  });

  it('a week whose send started shows its stories without buttons and refuses changes', async () => {
    const built = await preview.state.build(WEEK);
    if (!built.ok || !built.issue.draft) throw new Error('expected a draft');
    const db = openDatabase(site.db);
    await approveIssue(sqliteStore(db), preview.state.loaded().config, built.issue.draft, NOW);
    db.prepare("UPDATE issues SET status = 'sending'").run();
    db.close();
    const page = await (await preview.get('/')).text();
    expect(page).toContain('This issue has gone out');
    expect(page).not.toContain('class="story-actions"');
    const refused = await followed(preview, await act({ action: 'pin', url: storyUrl('quiet-friday') }));
    expect(refused).toContain('has gone out; what was sent does not change');
    expect(existsSync(file())).toBe(false);
  });
});
