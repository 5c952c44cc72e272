import type { SectionKind } from '../types.js';
import type { Candidate } from './section-candidates.js';

/** A section about to be filled: pinned stories first, then its candidates, best first. */
export interface SectionPlan {
  id: string;
  title: string;
  kind: SectionKind;
  count: number;
  /** Placed first, in this order (the editor's pins). They still count towards `count`. */
  pinned: Candidate[];
  candidates: Candidate[];
}

export interface FilledSection {
  id: string;
  title: string;
  kind: SectionKind;
  stories: Candidate[];
}

export interface FillResult {
  /** In plan order; empty sections are kept here (selectDigest drops them after applying `order`). */
  sections: FilledSection[];
  /** Keys of every story placed. */
  shown: Set<string>;
  /** Story key -> the first section that wanted it but was full (only stories placed nowhere matter). */
  overCount: Map<string, string>;
  /** Story key -> the first later section that would have taken it, had an earlier one not shown it. */
  alreadyShown: Map<string, string>;
}

/**
 * Fills sections in order. A story appears once in the whole digest: the first section that claims it wins,
 * and later sections skip it (remembering it as `already-shown` when they still had room for it). Each
 * section takes at most `count`; candidates past a full section are remembered as `over-count`.
 */
export function fillSections(plans: readonly SectionPlan[]): FillResult {
  const shown = new Set<string>();
  const overCount = new Map<string, string>();
  const alreadyShown = new Map<string, string>();
  const sections = plans.map((plan): FilledSection => {
    const taken: Candidate[] = [];
    const seenHere = new Set<string>();
    for (const candidate of [...plan.pinned, ...plan.candidates]) {
      if (seenHere.has(candidate.key)) continue;
      seenHere.add(candidate.key);
      if (shown.has(candidate.key)) {
        if (taken.length < plan.count && !alreadyShown.has(candidate.key)) alreadyShown.set(candidate.key, plan.id);
      } else if (taken.length < plan.count) {
        taken.push(candidate);
        shown.add(candidate.key);
      } else if (!overCount.has(candidate.key)) {
        overCount.set(candidate.key, plan.id);
      }
    }
    return { id: plan.id, title: plan.title, kind: plan.kind, stories: taken };
  });
  return { sections, shown, overCount, alreadyShown };
}
