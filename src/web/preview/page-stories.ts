import type { SectionConfig } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { PINNED_WHY } from '../../select/place-pins.js';
import type { Digest, DigestStory } from '../../types.js';
import { MAX_EXCERPT, MAX_TITLE } from './handle-story-action.js';
import { storyAnchor } from './story-anchor.js';

const numbers = new Intl.NumberFormat('en-GB');

export interface StoriesModel {
  week: string;
  digest: Digest;
  sections: readonly SectionConfig[];
  /** The override file the buttons write (display path); undefined for a week that went out (no buttons). */
  overrideFile?: string | undefined;
}

/**
 * The issue's stories section by section, each with its buttons: up and down within its section, pin (or unpin),
 * exclude, move to another section, and edit its headline and blurb for this issue. Every button is a plain
 * POST form (no script needed); each writes the week's override file, and the page comes back at the story.
 */
export function storiesPanel(m: StoriesModel): string {
  const sections = m.digest.sections
    .map((section) => {
      const configured = m.sections.find((s) => s.id === section.id);
      const rows = section.stories.map((s, i) => storyRow(m, s, i, section.stories.length, section.id)).join('\n');
      return `<div class="picked-section" id="section-${esc(section.id)}">
<h3>${esc(section.title)} <small>${esc(section.kind)} · ${section.stories.length} of ${configured?.count ?? '?'}</small></h3>
<ol class="stories">${rows}</ol>
</div>`;
    })
    .join('\n');
  const where = m.overrideFile
    ? `<p class="hint">The buttons save to <code>${esc(m.overrideFile)}</code> (your own comments in it stay); the page reloads with the change. Undo is in the bar above.</p>`
    : '<p class="hint">This issue has gone out: what was sent does not change.</p>';
  return `<section class="stories-panel" id="stories" aria-label="The issue's stories">
<h2>Stories</h2>
${where}
${sections || '<p class="empty">No stories in any section.</p>'}
</section>`;
}

function storyRow(m: StoriesModel, s: DigestStory, index: number, count: number, sectionId: string): string {
  const pinned = s.why === PINNED_WHY;
  const marks = [pinned ? 'pinned' : '', ...(s.edited ?? []).map((f) => (f === 'title' ? 'headline edited' : 'blurb edited'))].filter(Boolean);
  const head = `<div class="story-head"><span class="rank">${index + 1}</span>
<div class="story-text"><a class="story-title" href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.title)}</a>${marks.map((x) => ` <span class="mark">${esc(x)}</span>`).join('')}
<div class="meta">${numbers.format(s.reads)} reads · ${esc(s.why)} · ${esc(s.publishedAt.slice(0, 10))}</div></div></div>`;
  if (!m.overrideFile) return `<li class="story" id="${storyAnchor(s.url)}">${head}</li>`;
  const action = `/story?week=${encodeURIComponent(m.week)}`;
  const label = (verb: string) => `${verb} “${s.title}”`;
  const button = (value: string, text: string, aria: string, extra = '') =>
    `<button type="submit" name="action" value="${value}" aria-label="${esc(aria)}"${extra}>${esc(text)}</button>`;
  const others = m.sections.filter((c) => c.id !== sectionId);
  const moveTo = others.length
    ? `<select name="to" aria-label="${esc(`Section to move “${s.title}” to`)}">${others.map((c) => `<option value="${esc(c.id)}">${esc(c.title)}</option>`).join('')}</select>${button('move', 'Move', label('Move'), ' class="secondary"')}`
    : '';
  return `<li class="story" id="${storyAnchor(s.url)}" data-url="${esc(s.url)}">${head}
<form method="post" action="${action}" class="story-actions">
<input type="hidden" name="url" value="${esc(s.url)}">
${button('up', '↑', label('Move up'), index === 0 ? ' disabled' : '')}${button('down', '↓', label('Move down'), index === count - 1 ? ' disabled' : '')}
${pinned ? button('unpin', 'Unpin', label('Unpin'), ' class="secondary"') : button('pin', 'Pin', label('Pin'), ' class="secondary"')}
${button('exclude', 'Exclude', label('Exclude'), ' class="secondary"')}
${moveTo}
</form>
<details class="edit"><summary>Edit headline and blurb</summary>
<form method="post" action="${action}" class="edit-form">
<input type="hidden" name="url" value="${esc(s.url)}">
<label>Headline <input type="text" name="title" value="${esc(s.title)}" maxlength="${MAX_TITLE}"></label>
<label>Blurb <textarea name="excerpt" rows="3" maxlength="${MAX_EXCERPT}">${esc(s.excerpt)}</textarea></label>
${button('edit', 'Save for this issue', label('Save the headline and blurb of'))}
${s.edited?.length ? button('reset', 'Use the source’s', label('Use the source’s headline and blurb for'), ' class="secondary"') : ''}
</form>
</details>
</li>`;
}
