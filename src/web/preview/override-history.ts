import { rmSync } from 'node:fs';
import { readTextIfAny, type OverrideChange } from '../../config/index.js';
import { writeFileAtomic } from '../../write-file-atomic.js';

/** One change the preview made to an override file, and what it said it did (`pinned “...”`). */
export interface HistoryEntry extends OverrideChange {
  what: string;
}

export interface OverrideHistory {
  record(week: string, entry: HistoryEntry): void;
  /** The change an undo would take back, if any. */
  last(week: string): HistoryEntry | undefined;
  /** Puts the file back as it was before the last change (removes it when there was none). */
  undo(week: string): { ok: true; entry: HistoryEntry } | { ok: false; text: string };
}

/** Changes kept per week: enough to walk back a morning's clicks, bounded so a long session cannot grow it. */
const KEPT = 20;

/**
 * Undo for the preview's buttons, kept in the preview's memory (a restart forgets it; nothing is written beside
 * the override file, which sits in a folder editors often keep in git). Each entry holds the file's text before
 * and after the change. An undo happens only while the file still holds exactly what the preview wrote: an edit
 * saved by hand since then is never thrown away; the history is dropped instead and the page says so.
 */
export function createOverrideHistory(): OverrideHistory {
  const stacks = new Map<string, HistoryEntry[]>();
  return {
    record(week, entry) {
      const stack = stacks.get(week) ?? [];
      stack.push(entry);
      if (stack.length > KEPT) stack.shift();
      stacks.set(week, stack);
    },
    last: (week) => stacks.get(week)?.at(-1),
    undo(week) {
      const stack = stacks.get(week);
      const entry = stack?.at(-1);
      if (!stack || !entry) return { ok: false, text: 'Nothing to undo.' };
      if (readTextIfAny(entry.file) !== entry.after) {
        stacks.delete(week);
        return { ok: false, text: 'Not undone: the override file was changed by hand since; undo there (or in git). The preview forgot its earlier changes.' };
      }
      if (entry.before === undefined) rmSync(entry.file, { force: true });
      else writeFileAtomic(entry.file, entry.before);
      stack.pop();
      return { ok: true, entry };
    },
  };
}
