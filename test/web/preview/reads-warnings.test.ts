// The preview tells the editor when the week's reads look wrong and which busy pages match no story.
import { afterEach, describe, expect, it } from 'vitest';
import { testPreview, type TestPreview } from './helpers.js';
import { makePreviewSite, WEEK, type PreviewSite } from './preview-site.js';

let site: PreviewSite | undefined;
let preview: TestPreview | undefined;
afterEach(() => {
  preview?.hub.close();
  site?.remove();
  site = preview = undefined;
});

describe('the preview page on a week with wrong reads', () => {
  it('warns that the week has no reads, naming the source and what it returned', async () => {
    site = makePreviewSite();
    site.write(`data/reads-${WEEK}.csv`, 'path,views\n');
    preview = testPreview(site);
    const page = await (await preview.get('/')).text();
    const warnings = /<div class="warnings">([^]*?)<\/div>/.exec(page)?.[1] ?? '';
    expect(warnings).toMatch(new RegExp(`No reads at all for ${WEEK}: [^<]*\\[csv\\]: 0 pages, 0 reads`));
  });

  it('lists the busiest pages that match no story', async () => {
    site = makePreviewSite();
    site.write(`data/reads-${WEEK}.csv`, 'path,views\n/2019/old-permalink/,5000\n/,9000\n');
    preview = testPreview(site);
    const page = await (await preview.get('/')).text();
    expect(page).toMatch(/id="unmatched">[^]*<code>\/2019\/old-permalink<\/code><\/td><td class="num">5,000<\/td>/);
    expect(page).not.toMatch(/No reads at all/);
  });
});
