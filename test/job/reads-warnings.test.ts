import { describe, expect, it } from 'vitest';
import { readsWarnings, type ReadReport } from '../../src/job/reads-warnings.js';

const ga4 = (views: number, previous?: number): ReadReport => ({
  name: 'ga4',
  type: 'ga4',
  pages: views > 0 ? 12 : 0,
  views,
  ...(previous !== undefined ? { previous: { week: '2026-W47', pages: 400, views: previous } } : {}),
});
const log: ReadReport = { name: 'nginx', type: 'access-log', pages: 0, views: 0, failed: 'access-2026-W48.log could not be opened (ENOENT)' };

describe('readsWarnings', () => {
  it('warns when the week has no reads, naming every source and what it returned', () => {
    expect(readsWarnings('2026-W48', [ga4(0, 20_100), log], true)).toEqual([
      'No reads at all for 2026-W48: ga4 [ga4]: 0 pages, 0 reads (2026-W47: 400 pages, 20,100 reads); ' +
        'nginx [access-log]: failed (access-2026-W48.log could not be opened (ENOENT)). "Most read" sections stay empty ' +
        'and ranking falls back to dates. Check each read source (credentials, file names, the week it covers) before sending.',
    ]);
  });

  it('warns when a source returned under a quarter of last week\'s reads', () => {
    const [warning, ...rest] = readsWarnings('2026-W48', [ga4(4_000, 20_100), { name: 'wpp', type: 'wordpress-popular-posts', pages: 5, views: 900, previous: { week: '2026-W47', pages: 5, views: 1000 } }], true);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^Reads from ga4 for 2026-W48 are far below 2026-W47's \(4,000 against 20,100, 20%\): ga4 \[ga4\]: 12 pages, 4,000 reads .*; wpp \[wordpress-popular-posts\]: 5 pages, 900 reads/);
  });

  it('stays quiet for a normal week, a small last week, no last week, the week in progress, or no read source', () => {
    expect(readsWarnings('2026-W48', [ga4(6_000, 20_000)], true)).toEqual([]);
    expect(readsWarnings('2026-W48', [ga4(2, 90)], true)).toEqual([]);
    expect(readsWarnings('2026-W48', [ga4(2)], true)).toEqual([]);
    expect(readsWarnings('2026-W48', [ga4(0)], false)).toEqual([]);
    expect(readsWarnings('2026-W48', [], true)).toEqual([]);
  });
});
