import type { SectionConfig } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { plural } from '../../plural.js';
import type { Digest, LeftOut } from '../../types.js';

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

/** What was picked and why: each section's stories with reads and reason, what was left out, warnings, sources. */
export function pickedPanel(digest: Digest, sections: readonly SectionConfig[]): string {
  const sectionHtml = digest.sections
    .map((section) => {
      const configured = sections.find((s) => s.id === section.id);
      const rows = section.stories
        .map(
          (s, i) => `<tr><td>${i + 1}</td><td><a href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.title)}</a></td>` +
            `<td class="num">${numbers.format(s.reads)}</td><td>${esc(s.why)}</td><td>${esc(s.publishedAt.slice(0, 10))}</td></tr>`,
        )
        .join('');
      return `<div class="picked-section" id="section-${esc(section.id)}">
<h3>${esc(section.title)} <small>${esc(section.kind)} · ${section.stories.length} of ${configured?.count ?? '?'}</small></h3>
${section.stories.length === 0 ? '<p class="empty">No stories: this section is left out of the email.</p>' : `<table><thead><tr><th>#</th><th>Story</th><th>Reads</th><th>Why</th><th>Published</th></tr></thead><tbody>${rows}</tbody></table>`}
</div>`;
    })
    .join('\n');
  const leftOut = digest.leftOut
    .map(
      (l) => `<tr><td><a href="${esc(l.url)}" target="_blank" rel="noopener">${esc(l.title)}</a></td><td class="num">${numbers.format(l.reads)}</td>` +
        `<td><code>${esc(l.reason)}</code> ${esc(leftOutReason(l, sections))}</td></tr>`,
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
  return `<section class="picked" aria-label="What was picked and why">
<h2>What was picked, and why</h2>
<p class="stats">${plural(stats.newStories, 'new story', 'new stories')} this week, ${stats.selected} selected, ${plural(stats.totalReads, 'read')} counted.</p>
${warnings ? `<div class="warnings"><h3>Warnings</h3><ul>${warnings}</ul></div>` : ''}
${sectionHtml}
<div class="left-out" id="left-out">
<h3>Left out <small>${digest.leftOut.length}</small></h3>
${digest.leftOut.length === 0 ? '<p>Nothing was left out.</p>' : `<table><thead><tr><th>Story</th><th>Reads</th><th>Why not</th></tr></thead><tbody>${leftOut}</tbody></table>`}
</div>
${unmatched ? `<div class="unmatched" id="unmatched"><h3>Busiest pages that match no story</h3><p>Usually a URL mapping problem (another host, a changed permalink).</p><table><thead><tr><th>Page</th><th>Reads</th><th>Counted by</th></tr></thead><tbody>${unmatched}</tbody></table></div>` : ''}
<div class="sources"><h3>Sources</h3><table><tbody>${sources}</tbody></table></div>
</section>`;
}
