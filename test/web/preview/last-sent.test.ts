// The preview shows the last sent issue's numbers, a chart of its clicks by section, and its most-clicked stories.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markIssue, openDatabase, recordClick, saveSnapshot } from '../../../src/store/index.js';
import type { IssueLink } from '../../../src/types.js';
import { testSnapshot } from '../../snapshot/test-snapshot.js';
import { testPreview, type TestPreview } from './helpers.js';
import { makePreviewSite, type PreviewSite } from './preview-site.js';

let site: PreviewSite;
let preview: TestPreview;
beforeEach(() => {
  site = makePreviewSite();
  preview = testPreview(site);
});
afterEach(() => {
  preview.hub.close();
  site.remove();
});

describe('the last sent issue on the preview page', () => {
  it('is absent before anything was sent', async () => {
    expect(await (await preview.get('/')).text()).not.toContain('id="last-sent"');
  });

  it('shows its numbers, an inline SVG chart, and marks its most-clicked stories', async () => {
    const snapshot = testSnapshot('2026-W45');
    const section = snapshot.digest.sections.find((s) => s.stories.length >= 4)!;
    const links: IssueLink[] = section.stories.slice(0, 4).map((s, i) => ({ id: `${section.id}:${i + 1}`, url: s.url, kind: 'story', section: section.id, story: s.url }));
    const db = openDatabase(site.db);
    try {
      saveSnapshot(db, testSnapshot('2026-W45', { links, subject: 'Sent before' }), { by: 'send', now: new Date('2026-11-09T07:00:00Z') });
      markIssue(db, '2026-W45', 'sent', { now: new Date('2026-11-09T08:00:00Z') });
      const now = new Date('2026-11-09T10:00:00Z');
      for (const [link, times] of [[0, 1], [1, 6], [2, 3], [3, 2]] as const) for (let i = 0; i < times; i++) recordClick(db, { issue: '2026-W45', link, now });
    } finally {
      db.close();
    }
    const page = await (await preview.get('/')).text();
    const panel = /<section class="last-sent[^]*?<\/section>/.exec(page)![0];
    expect(panel).toContain('Last sent: 2026-W45');
    expect(panel).toContain('12 clicks');
    expect(panel).toMatch(/<svg class="clicks-chart" role="img"[^>]*>[^]*<rect/);
    const marked = [...panel.matchAll(/<tr class="most-clicked"><td>[^<]*<span[^>]*>★ most clicked<\/span> ([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(marked).toEqual([section.stories[1]!.title, section.stories[2]!.title, section.stories[3]!.title].map((t) => t.replaceAll('&', '&amp;').replaceAll("'", '&#39;')));
  });
});
