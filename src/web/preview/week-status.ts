import { loadIssueOverride, type LoadedConfig, type RoundupEnv } from '../../config/index.js';
import { templatesFor } from '../../render/render-issue.js';
import { countNewStories } from '../../select/eligibility.js';
import { editorInputs } from '../../snapshot/editor-inputs.js';
import type { SnapshotInputs } from '../../snapshot/snapshot.js';
import type { Story } from '../../types.js';
import { quickState } from '../../job/issue-state.js';
import { withStore } from '../../job/with-store.js';
import type { StoredSnapshot } from '../../snapshot/snapshot.js';
import type { IssueRecord } from '../../store/index.js';
import type { WeekChoice } from './week-choices.js';

export type WeekStatus = 'no-stories' | 'draft' | 'approved' | 'changed' | 'sending' | 'sent';

/** A week picker entry with where its issue stands. */
export interface MarkedWeek extends WeekChoice {
  /** Undefined when nothing is known of the week. */
  status?: WeekStatus | undefined;
  /** The words after the label, e.g. `sent · 12 submitted`. */
  note?: string | undefined;
}

/**
 * Marks each week of the picker without building any: from the database, draft, approved, changed since
 * approval (judged on the editor's own inputs: config, templates, the week's override file), sending, and sent
 * with its counts; else `no stories` when none of the stories the last build read was published in it (only
 * for weeks after the earliest of them: before it, nothing is known).
 */
export async function markWeeks(
  weeks: readonly WeekChoice[],
  loaded: LoadedConfig,
  env: RoundupEnv,
  stories: readonly Story[] | undefined,
): Promise<MarkedWeek[]> {
  const templates = attempt(() => templatesFor(loaded.config, loaded.dir));
  const earliest = stories && stories.length > 0 ? Math.min(...stories.map((s) => Date.parse(s.publishedAt))) : Infinity;
  // what the database knows of each week (none when there is no database yet, or it cannot be read: the marks are a help)
  const known = new Map<string, { record: IssueRecord; stored: StoredSnapshot | undefined }>();
  await withStore(
    env.db,
    async (store) => {
      for (const week of weeks) {
        const record = await store.issues.get(week.key);
        if (record) known.set(week.key, { record, stored: await store.snapshots.get(week.key) });
      }
    },
    { ifExists: true },
  ).catch(() => undefined);
  return weeks.map((week): MarkedWeek => {
    const found = known.get(week.key);
    if (found) {
      const inputs = templates && inputsNow(loaded, week.key, templates);
      const status = inputs ? quickState(found, inputs) : found.record.status === 'built' ? 'draft' : found.record.status;
      if (status !== 'none') return { ...week, status, note: noteFor(status, found.record.counts) };
    }
    if (stories && Date.parse(week.window.end) > earliest && countNewStories(stories, week.window) === 0) {
      return { ...week, status: 'no-stories', note: 'no stories' };
    }
    return { ...week };
  });
}

function noteFor(status: Exclude<WeekStatus, 'no-stories'>, counts: Record<string, number> | undefined): string {
  if (status === 'sent') return counts ? `sent · ${counts.submitted ?? 0} submitted` : 'sent';
  return status === 'changed' ? 'changed since approval' : status;
}

/** The editor's inputs for a week now; undefined when its override file cannot be read (the page says why). */
function inputsNow(loaded: LoadedConfig, key: string, templates: ReturnType<typeof templatesFor>): SnapshotInputs | undefined {
  return attempt(() => editorInputs(loaded.config, templates, loadIssueOverride(loaded, key)));
}

function attempt<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}
