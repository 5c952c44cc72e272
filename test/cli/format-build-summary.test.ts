import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBuildSummary } from '../../src/cli/format-build-summary.js';
import type { BuiltIssue } from '../../src/job/build-issue.js';
import type { Digest } from '../../src/types.js';

const digest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'digests', 'sample-digest.json'), 'utf8')) as Digest;

function built(change: (d: Digest) => void): BuiltIssue {
  const d = structuredClone(digest);
  change(d);
  return {
    window: d.window,
    digest: d,
    rendered: { issue: d.issue, subject: 'S', preheader: 'P', html: '', text: '', checks: [] },
    outDir: '/srv/out/2026-W48',
  } as unknown as BuiltIssue;
}

describe('formatBuildSummary', () => {
  it('says "1 read" and "1 new story", not "1 reads"', () => {
    const text = formatBuildSummary(
      built((d) => {
        d.stats = { ...d.stats, newStories: 1, totalReads: 1 };
        d.sections[0]!.stories[0]!.reads = 1;
      }),
      '/srv',
    );
    expect(text).toContain('1 new story, ');
    expect(text).toContain(', 1 read counted');
    expect(text).toMatch(/ — 1 read\n/);
    expect(text).not.toMatch(/\b1 reads\b/);
  });

  it('lists a source\'s notes and bad bytes, with control characters from the input escaped', () => {
    const text = formatBuildSummary(
      built((d) => {
        d.sources[0] = {
          ...d.sources[0]!,
          replacedBytes: 3,
          notes: [{ source: 'site-feed', where: 'feed.xml:1:1', message: 'skipped "\u001b[31mWarning" before the XML document' }],
          problems: [{ source: 'site-feed', where: 'feed.xml:9:3 item 2', message: 'link `\u0007x` is not an http(s) URL; skipped' }],
        };
      }),
      '/srv',
    );
    expect(text).toMatch(/3 bytes not valid in its encoding/);
    expect(text).toContain('note feed.xml:1:1: skipped "\\u001b[31mWarning" before the XML document');
    expect(text).toContain('skipped feed.xml:9:3 item 2: link `\\u0007x` is not an http(s) URL; skipped');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
