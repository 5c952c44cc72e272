import { changeIssueOverride, type OverrideAction } from '../../config/index.js';
import { errorMessage } from '../../errors.js';
import { urlKey } from '../../select/story-identity.js';
import type { Digest } from '../../types.js';
import type { OverrideHistory } from './override-history.js';
import type { PreviewState } from './preview-state.js';
import { storyAnchor } from './story-anchor.js';

/** Where a button's POST leads back to: the week, what happened, and the story to scroll to. */
export interface ActionOutcome {
  week?: string | undefined;
  notice: { ok: boolean; text: string };
  anchor?: string | undefined;
}

export interface StoryActionDeps {
  state: PreviewState;
  history: OverrideHistory;
  /**
   * How long an answer waits for the file watcher to notice the write (so the page it leads to is built once,
   * from the new file, and open pages reload once); 0 without a watcher: the state is rebuilt at once.
   */
  watchWaitMs: number;
}

/** Longest headline and blurb the edit form accepts (a headline is one line in an inbox, not an article). */
export const MAX_TITLE = 300;
export const MAX_EXCERPT = 1000;

const quote = (title: string) => `“${title}”`;

/**
 * `POST /story`: one of the buttons on a story (pin, unpin, exclude, include, up, down, move, edit, reset),
 * written to the week's override file (changeIssueOverride: comments kept, checked, written whole). Only a
 * story of the week's draft and a configured section can be named; a week that went out cannot change.
 */
export async function handleStoryAction(form: FormData | undefined, week: string | undefined, deps: StoryActionDeps): Promise<ActionOutcome> {
  const { state } = deps;
  const build = await state.build(week);
  if (!build.ok) return { week, notice: { ok: false, text: `Nothing changed: ${build.error.message}` } };
  const draft = build.issue.draft;
  if (!draft) return { week: build.week, notice: { ok: false, text: `Nothing changed: ${build.week} has gone out; what was sent does not change.` } };
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const url = field('url') ?? '';
  const anchor = storyAnchor(url);
  const fail = (text: string): ActionOutcome => ({ week: build.week, notice: { ok: false, text }, anchor });
  const story = findStory(draft.digest, url);
  if (!story) return fail('Nothing changed: that story is not in this week’s draft (the page may be out of date; it reloads by itself).');

  const { config } = state.loaded();
  const planned = plan(field, draft.digest, story, config.selection.sections);
  if ('error' in planned) return fail(planned.error);
  const site = config.site;
  const key = (u: string) => urlKey(u, site.url, site.identityParams) ?? u;
  try {
    const change = changeIssueOverride(state.loaded(), build.week, planned.action, (a, b) => key(a) === key(b));
    if (change.after === change.before) return { week: build.week, notice: { ok: true, text: `Nothing to change: ${planned.what}.` }, anchor };
    deps.history.record(build.week, { ...change, what: planned.what });
    await settle(state, deps.watchWaitMs);
    return { week: build.week, notice: { ok: true, text: `${capitalise(planned.what)}.` }, anchor };
  } catch (error) {
    return fail(`Nothing changed: ${errorMessage(error)}`);
  }
}

/** `POST /undo`: the override file as it was before the preview's last change to it. */
export async function handleUndo(week: string, deps: StoryActionDeps): Promise<ActionOutcome> {
  try {
    const undone = deps.history.undo(week);
    if (!undone.ok) return { week, notice: { ok: false, text: undone.text } };
    await settle(deps.state, deps.watchWaitMs);
    return { week, notice: { ok: true, text: `Undone: ${undone.entry.what}.` } };
  } catch (error) {
    return { week, notice: { ok: false, text: `Not undone: ${errorMessage(error)}` } };
  }
}

/** Waits for the watcher to see the write (one rebuild, and open pages reload once); rebuilds itself if it does not. */
async function settle(state: PreviewState, waitMs: number): Promise<void> {
  if (waitMs <= 0 || !(await state.nextChange(waitMs))) state.invalidate();
}

interface FoundStory {
  url: string;
  title: string;
  excerpt: string;
  /** The section showing it; undefined for a story left out. */
  section?: { id: string; title: string; urls: string[] } | undefined;
}

function findStory(digest: Digest, url: string): FoundStory | undefined {
  for (const section of digest.sections) {
    const story = section.stories.find((s) => s.url === url);
    if (story) return { url, title: story.title, excerpt: story.excerpt, section: { id: section.id, title: section.title, urls: section.stories.map((s) => s.url) } };
  }
  const left = digest.leftOut.find((l) => l.url === url);
  return left ? { url, title: left.title, excerpt: '' } : undefined;
}

type Planned = { action: OverrideAction; what: string } | { error: string };

function plan(
  field: (name: string) => string | undefined,
  digest: Digest,
  story: FoundStory,
  sections: readonly { id: string; title: string }[],
): Planned {
  const { url } = story;
  const name = quote(story.title);
  switch (field('action')) {
    case 'pin':
      return { action: { kind: 'pin', url }, what: `pinned ${name}` };
    case 'unpin':
      return { action: { kind: 'unpin', url }, what: `unpinned ${name}` };
    case 'exclude':
      return { action: { kind: 'exclude', url }, what: `excluded ${name}` };
    case 'include':
      return { action: { kind: 'include', url }, what: `took ${name} back in` };
    case 'up':
    case 'down': {
      const up = field('action') === 'up';
      const section = story.section;
      if (!section) return { error: `Nothing changed: ${name} is not in a section.` };
      const at = section.urls.indexOf(url);
      const to = up ? at - 1 : at + 1;
      if (to < 0 || to >= section.urls.length) return { error: `Nothing changed: ${name} is already ${up ? 'first' : 'last'} in “${section.title}”.` };
      const urls = [...section.urls];
      [urls[at], urls[to]] = [urls[to]!, urls[at]!];
      return { action: { kind: 'order', section: section.id, urls }, what: `moved ${name} ${up ? 'up' : 'down'} in “${section.title}”` };
    }
    case 'move': {
      const to = sections.find((s) => s.id === field('to'));
      if (!to) return { error: 'Nothing changed: pick a section to move the story to.' };
      if (story.section?.id === to.id) return { error: `Nothing changed: ${name} is already in “${to.title}”.` };
      return { action: { kind: 'move', url, section: to.id }, what: `moved ${name} to “${to.title}”` };
    }
    case 'edit': {
      if (!story.section) return { error: `Nothing changed: ${name} is not in the issue; pin it first to edit it.` };
      const title = (field('title') ?? '').replace(/\s+/g, ' ').trim();
      const excerpt = (field('excerpt') ?? '').replace(/\r\n?/g, '\n').trim();
      if (title.length > MAX_TITLE) return { error: `Nothing changed: a headline of at most ${MAX_TITLE} characters, please (this one has ${title.length}).` };
      if (excerpt.length > MAX_EXCERPT) return { error: `Nothing changed: a blurb of at most ${MAX_EXCERPT} characters, please (this one has ${excerpt.length}).` };
      const shown = digest.sections.flatMap((s) => s.stories).find((s) => s.url === url);
      return {
        action: {
          kind: 'edit',
          url,
          // an empty headline means the source's again; the same text as shown changes nothing
          title: title === '' ? null : title === story.title ? undefined : title,
          excerpt: shown && excerpt === shown.excerpt ? undefined : excerpt,
        },
        what: `edited ${quote(title || story.title)}`,
      };
    }
    case 'reset':
      return { action: { kind: 'edit', url, title: null, excerpt: null }, what: `put back the source’s headline and blurb of ${name}` };
    default:
      return { error: 'Nothing changed: unknown action.' };
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
