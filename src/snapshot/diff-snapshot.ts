import type { Digest } from '../types.js';
import { changedInputs } from './editor-inputs.js';
import type { Snapshot, SnapshotInputs } from './snapshot.js';

/** What a draft has that the frozen issue has not, and the other way round. */
export interface SnapshotDiff {
  /** The editor's own inputs that changed (config, override file, template files): approval is void for them. */
  inputs: string[];
  /** Stories in the draft, not in the frozen issue (and the other way), by URL with their titles. */
  storiesIn: { url: string; title: string }[];
  storiesOut: { url: string; title: string }[];
  /** Sections whose stories are the same set but in another order, or moved to another section. */
  reordered: string[];
  subject?: { before: string; after: string } | undefined;
  preheader?: { before: string; after: string } | undefined;
  intro: boolean;
  /** Stories in both whose read counts moved. */
  reads: { url: string; title: string; before: number; after: number }[];
  /** Stories in both whose title or excerpt changed at the source. */
  edited: { url: string; title: string }[];
}

/** The draft as the diff needs it. */
export interface DraftView {
  digest: Digest;
  subject: string;
  preheader: string;
  inputs: SnapshotInputs;
}

/** Compares a draft with a frozen issue. Pure; an unchanged draft gives an empty diff (see isUnchanged). */
export function diffSnapshot(frozen: Snapshot, draft: DraftView): SnapshotDiff {
  const before = placements(frozen.digest);
  const after = placements(draft.digest);
  const storiesIn = [...after.values()].filter((s) => !before.has(s.url)).map(({ url, title }) => ({ url, title }));
  const storiesOut = [...before.values()].filter((s) => !after.has(s.url)).map(({ url, title }) => ({ url, title }));
  const reordered = draft.digest.sections
    .filter((section) => {
      const was = frozen.digest.sections.find((s) => s.id === section.id);
      const now = section.stories.map((s) => s.url);
      return was !== undefined && now.every((u) => before.has(u)) && was.stories.map((s) => s.url).join('\n') !== now.join('\n');
    })
    .map((s) => s.title);
  const reads: SnapshotDiff['reads'] = [];
  const edited: SnapshotDiff['edited'] = [];
  for (const [url, now] of after) {
    const was = before.get(url);
    if (!was) continue;
    if (was.reads !== now.reads) reads.push({ url, title: now.title, before: was.reads, after: now.reads });
    // A headline or blurb the editor rewrote (override `stories`) is the editor's change, listed with the override file.
    const bySource = (field: 'title' | 'excerpt') => was[field] !== now[field] && !was.edited?.includes(field) && !now.edited?.includes(field);
    if (bySource('title') || bySource('excerpt')) edited.push({ url, title: now.title });
  }
  const change = (a: string, b: string) => (a === b ? undefined : { before: a, after: b });
  return {
    inputs: changedInputs(frozen.inputs, draft.inputs),
    storiesIn,
    storiesOut,
    reordered,
    subject: change(frozen.subject, draft.subject),
    preheader: change(frozen.preheader, draft.preheader),
    intro: (frozen.digest.intro ?? '') !== (draft.digest.intro ?? ''),
    reads,
    edited,
  };
}

/** Nothing differs. */
export function isUnchanged(diff: SnapshotDiff): boolean {
  return (
    diff.inputs.length + diff.storiesIn.length + diff.storiesOut.length + diff.reordered.length + diff.reads.length + diff.edited.length === 0 &&
    diff.subject === undefined &&
    diff.preheader === undefined &&
    !diff.intro
  );
}

/** The diff as short lines for a person (the preview's banner, `roundup build` and the run log). */
export function describeDiff(diff: SnapshotDiff): string[] {
  const lines: string[] = [];
  if (diff.inputs.length > 0) lines.push(`changed by the editor: ${diff.inputs.join(', ')}`);
  for (const s of diff.storiesIn) lines.push(`story in: ${s.title}`);
  for (const s of diff.storiesOut) lines.push(`story out: ${s.title}`);
  if (diff.reordered.length > 0) lines.push(`new order in: ${diff.reordered.join(', ')}`);
  if (diff.subject) lines.push(`subject: “${diff.subject.before}” → “${diff.subject.after}”`);
  if (diff.preheader) lines.push(`preheader: “${diff.preheader.before}” → “${diff.preheader.after}”`);
  if (diff.intro) lines.push('the intro changed');
  for (const s of diff.edited) lines.push(`edited at the source: ${s.title}`);
  if (diff.reads.length > 0) {
    const moved = diff.reads.slice(0, 3).map((r) => `${r.title} ${r.before} → ${r.after}`);
    lines.push(`read counts moved for ${diff.reads.length} stor${diff.reads.length === 1 ? 'y' : 'ies'}: ${moved.join('; ')}${diff.reads.length > 3 ? '; …' : ''}`);
  }
  return lines;
}

interface Placed {
  url: string;
  title: string;
  excerpt: string;
  reads: number;
  edited?: ('title' | 'excerpt')[] | undefined;
}

function placements(digest: Digest): Map<string, Placed> {
  const map = new Map<string, Placed>();
  for (const section of digest.sections) {
    for (const s of section.stories) map.set(s.url, { url: s.url, title: s.title, excerpt: s.excerpt, reads: s.reads, edited: s.edited });
  }
  return map;
}
