import type { StoryEdit } from '../config/issue-override-schema.js';
import { stripControls } from '../text/control-characters.js';
import type { KnownStory } from './section-candidates.js';

/**
 * The stories with the editor's headline and blurb for this issue (override `stories: { <url>: { title,
 * excerpt } }`) in place of the source's. Text is cleaned as source text is: no control characters, a headline
 * on one line. Stories without an edit are returned as they are.
 */
export function applyStoryEdits(
  stories: readonly KnownStory[],
  edits: ReadonlyMap<string, Pick<StoryEdit, 'title' | 'excerpt'>>,
): KnownStory[] {
  if (edits.size === 0) return [...stories];
  return stories.map((k) => {
    const edit = edits.get(k.key);
    if (!edit) return k;
    const story = { ...k.story };
    if (edit.title !== undefined) story.title = oneLine(edit.title);
    if (edit.excerpt !== undefined) story.excerpt = stripControls(edit.excerpt).replace(/[ \t]+/g, ' ').trim();
    return { ...k, story };
  });
}

/** Which of a story's fields the editor changed, for the digest (`edited`): shown in the preview and the diff. */
export function editedFields(edit: Pick<StoryEdit, 'title' | 'excerpt'> | undefined): ('title' | 'excerpt')[] {
  if (!edit) return [];
  return (['title', 'excerpt'] as const).filter((field) => edit[field] !== undefined);
}

function oneLine(text: string): string {
  return stripControls(text).replace(/\s+/g, ' ').trim();
}
