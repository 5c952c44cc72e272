// The diff between a frozen issue and a draft tells the editor's own rewrites (override `stories`) from text
// that changed at the source: only the second is "edited at the source".
import { describe, expect, it } from 'vitest';
import { describeDiff, diffSnapshot } from '../../src/snapshot/diff-snapshot.js';
import type { Digest } from '../../src/types.js';
import { testSnapshot } from './test-snapshot.js';

function retitle(digest: Digest, title: string, edited?: ('title' | 'excerpt')[]): Digest {
  const [first, ...rest] = digest.sections;
  const [story, ...others] = first!.stories;
  return { ...digest, sections: [{ ...first!, stories: [{ ...story!, title, ...(edited ? { edited } : {}) }, ...others] }, ...rest] };
}

describe('diffSnapshot', () => {
  const frozen = testSnapshot('2026-W48');
  const draft = (digest: Digest) => ({ digest, subject: frozen.subject, preheader: frozen.preheader, inputs: frozen.inputs });

  it('a headline changed at the source is listed as edited at the source', () => {
    const diff = diffSnapshot(frozen, draft(retitle(frozen.digest, 'Rewritten upstream')));
    expect(describeDiff(diff)).toContain('edited at the source: Rewritten upstream');
  });

  it("the editor's own headline for this issue is not (the override file's change says it)", () => {
    const diff = diffSnapshot(frozen, draft(retitle(frozen.digest, 'Our headline', ['title'])));
    expect(diff.edited).toEqual([]);
    // and going back to the source's headline after approving an edited one is the editor's change too
    const edited = { ...frozen, digest: retitle(frozen.digest, 'Our headline', ['title']) };
    expect(diffSnapshot(edited, draft(frozen.digest)).edited).toEqual([]);
  });
});
