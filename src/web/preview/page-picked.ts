import type { SectionConfig } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { plural } from '../../plural.js';
import type { Digest, LeftOut } from '../../types.js';
import { storyAnchor } from './story-anchor.js';

const numbers = new Intl.NumberFormat('en-GB');

/** Why a story was left out, in words. */
export function leftOutReason(item: LeftOut, sections: readonly SectionConfig[]): string {
  const section = item.section ? sections.find((s) => s.id === item.section) : undefined;
  const name = section ? `“${section.title}”` : item.section ? `\`${item.section}\`` : '';
  switch (item.reason) {
    case 'already-shown':
      return `already shown in an earlier section${name ? ` (would also fit ${name})` : ''}`;
    case 'over-count':
      return `over the section's count${name ? `: ${name} takes ${section?.count ?? '?'}` : ''}`;
    case 'outside-window':
      return 'published outside the week';
    case 'excluded':
      return 'excluded in the override file';
    case 'no-section':
      return 'no section claims it';
    case 'past-event':
      return 'the event is already over';
    case 'sent-before':
      return `sent in ${item.sentIn ?? 'an earlier issue'} (pin it to send it again)`;
  }
}

/** Short words for each reason, for the counts on the folded "Left out" line. */
const REASON_WORDS: Record<LeftOut['reason'], string> = {
  'already-shown': 'already shown',
  'over-count': 'over a section’s count',
  'outside-window': 'outside the week',
  excluded: 'excluded',
  'no-section': 'no section',
  'past-event': 'past events',
  'sent-before': 'sent before',
};

/** `40 already shown · 20 outside the week · 1 excluded`, most first. */
export function leftOutCounts(leftOut: readonly LeftOut[]): string {
  const counts = new Map<LeftOut['reason'], number>();
  for (const l of leftOut) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} ${REASON_WORDS[reason]}`).join(' · ');
}

export interface PickedOptions {
  week: string;
  /** False for a week that went out: no buttons. */
  actions: boolean;
}

/**
 * Around the stories: the week's numbers, warnings, what was left out and why (folded: it runs to dozens of
 * rows; its summary counts them by reason; a story can be pinned, or taken back in when excluded, from there),
 * the busiest pages that match no story, and the sources.
 */
export function pickedPanel(digest: Digest, sections: readonly SectionConfig[], options: PickedOptions): string {
  const action = `/story?week=${encodeURIComponent(options.week)}`;
  const leftOutButton = (l: LeftOut) => {
    if (!options.actions || l.reason === 'already-shown') return '';
    const [value, text] = l.reason === 'excluded' ? ['include', 'Include again'] : ['pin', 'Pin'];
    return `<form method="post" action="${action}"><input type="hidden" name="url" value="${esc(l.url)}"><button type="submit" name="action" value="${value}" class="secondary" aria-label="${esc(`${text} “${l.title}”`)}">${text}</button></form>`;
  };
  const leftOut = digest.leftOut
    .map(
      (l) => `<tr${l.reason === 'already-shown' ? '' : ` id="${storyAnchor(l.url)}"`}><td><a href="${esc(l.url)}" target="_blank" rel="noopener">${esc(l.title)}</a></td><td class="num">${numbers.format(l.reads)}</td>` +
        `<td><code>${esc(l.reason)}</code> ${esc(leftOutReason(l, sections))}</td><td>${leftOutButton(l)}</td></tr>`,
    )
    .join('');
  const warnings = (digest.warnings ?? []).map((w) => `<li>${esc(w)}</li>`).join('');
  const sources = digest.sources
    .map((s) => {
      const views = s.views !== undefined ? ` (${numbers.format(s.views)} reads)` : '';
      const kept = s.cached ? `, kept from ${esc(s.cached)}` : '';
      const notes = s.notes?.length ? `, ${plural(s.notes.length, 'note')}: ${esc(s.notes.map((n) => n.message).join('; '))}` : '';
      const state = s.failed
        ? `<span class="bad">failed (optional): ${esc(s.failed)}</span>`
        : `${plural(s.items, 'item')}${views}${s.skipped ? `, ${s.skipped} skipped` : ''}${notes}${kept}`;
      return `<tr><td>${esc(s.kind)}</td><td>${esc(s.name)}</td><td><code>${esc(s.location)}</code></td><td>${state}</td></tr>`;
    })
    .join('');
  const unmatched = (digest.unmatchedTopPages ?? [])
    .map((u) => `<tr><td><code>${esc(u.page)}</code></td><td class="num">${numbers.format(u.views)}</td><td>${esc(u.sources.join(', '))}</td></tr>`)
    .join('');
  const { stats } = digest;
  const counts = leftOutCounts(digest.leftOut);
  return `<section class="picked" aria-label="What was picked and why">
<h2>What was picked, and why</h2>
<p class="stats">${plural(stats.newStories, 'new story', 'new stories')} this week, ${stats.selected} selected, ${plural(stats.totalReads, 'read')} counted.</p>
${warnings ? `<div class="warnings"><h3>Warnings</h3><ul>${warnings}</ul></div>` : ''}
<details class="left-out" id="left-out">
<summary><strong>Left out</strong> <span class="count">${digest.leftOut.length}</span>${counts ? ` <small>${esc(counts)}</small>` : ''}</summary>
${digest.leftOut.length === 0 ? '<p>Nothing was left out.</p>' : `<table><thead><tr><th>Story</th><th>Reads</th><th>Why not</th><th></th></tr></thead><tbody>${leftOut}</tbody></table>`}
</details>
${unmatched ? `<div class="unmatched" id="unmatched"><h3>Busiest pages that match no story</h3><p>Usually a URL mapping problem (another host, a changed permalink).</p><table><thead><tr><th>Page</th><th>Reads</th><th>Counted by</th></tr></thead><tbody>${unmatched}</tbody></table></div>` : ''}
<div class="sources"><h3>Sources</h3><table><tbody>${sources}</tbody></table></div>
</section>`;
}
