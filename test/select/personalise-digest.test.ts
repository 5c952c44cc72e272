import { describe, expect, it } from 'vitest';
import { personaliseDigest } from '../../src/select/personalise-digest.js';
import { variantKey } from '../../src/select/variant-key.js';
import type { Digest, Section } from '../../src/types.js';
import { selection } from './factories.js';

const SECTIONS = selection({
  sections: [
    { id: 'most-read', title: 'Most Read This Week', kind: 'most-read' },
    { id: 'featured', title: "Editor's Picks", kind: 'featured' },
    { id: 'opinion', title: 'Insight, Opinion', kind: 'category', categories: ['Opinion'] },
    { id: 'digital-id', title: 'Digital ID In-Depth', kind: 'category', categories: ['Digital ID'], tags: ['eID'] },
    { id: 'white-papers', title: 'White Papers', kind: 'whitepapers', categories: ['White Papers'] },
    { id: 'events', title: 'Events', kind: 'events' },
    { id: 'latest', title: 'Latest News', kind: 'latest', categories: ['Biometrics'] },
  ],
}).sections;

function digest(ids: string[]): Digest {
  const sections: Section[] = ids.map((id) => ({ id, title: id, kind: 'category', stories: [] }));
  return { issue: '2026-W48', sections } as unknown as Digest;
}

const ALL = digest(['most-read', 'featured', 'opinion', 'digital-id', 'white-papers', 'events', 'latest']);
const order = (d: Digest) => d.sections.map((s) => s.id);

describe('variantKey', () => {
  it('picks the topical sections whose categories or tags a topic names, case-insensitively, sorted', () => {
    expect(variantKey(['digital id'], ALL, SECTIONS)).toEqual(['digital-id']);
    expect(variantKey(['EID'], ALL, SECTIONS)).toEqual(['digital-id']);
    expect(variantKey(['Opinion', ' Digital ID ', 'Border Control'], ALL, SECTIONS)).toEqual(['digital-id', 'opinion']);
    expect(variantKey(['white papers', 'Opinion'], ALL, SECTIONS)).toEqual(['opinion', 'white-papers']);
  });

  it('matches a topical section that names no category or tag by its title (as the preferences page offers it)', () => {
    expect(variantKey(['events'], ALL, SECTIONS)).toEqual(['events']);
  });

  it('ignores non-topical sections, sections absent from the digest and the first section', () => {
    expect(variantKey(['Biometrics', "Editor's Picks"], ALL, SECTIONS)).toEqual([]);
    expect(variantKey(['Opinion'], digest(['most-read', 'digital-id']), SECTIONS)).toEqual([]);
    expect(variantKey(['Opinion'], digest(['opinion', 'digital-id']), SECTIONS)).toEqual([]);
  });

  it('is empty for no topics', () => {
    expect(variantKey([], ALL, SECTIONS)).toEqual([]);
  });
});

describe('personaliseDigest', () => {
  it('moves the picked sections right after the first, keeping config order among both groups', () => {
    expect(order(personaliseDigest(ALL, ['digital-id']))).toEqual([
      'most-read', 'digital-id', 'featured', 'opinion', 'white-papers', 'events', 'latest',
    ]);
    expect(order(personaliseDigest(ALL, ['white-papers', 'digital-id']))).toEqual([
      'most-read', 'digital-id', 'white-papers', 'featured', 'opinion', 'events', 'latest',
    ]);
  });

  it('keeps the first section first even when it is picked', () => {
    expect(order(personaliseDigest(ALL, ['most-read', 'events']))).toEqual([
      'most-read', 'events', 'featured', 'opinion', 'digital-id', 'white-papers', 'latest',
    ]);
  });

  it('returns the digest itself when nothing moves, and never changes the input', () => {
    const before = order(ALL);
    expect(personaliseDigest(ALL, [])).toBe(ALL);
    expect(personaliseDigest(ALL, ['nope'])).toBe(ALL);
    expect(personaliseDigest(ALL, ['featured'])).toBe(ALL);
    const moved = personaliseDigest(ALL, ['latest']);
    expect(moved).not.toBe(ALL);
    expect(moved.sections[1]).toBe(ALL.sections[6]);
    expect(order(ALL)).toEqual(before);
  });
});
