import type { BuiltIssue } from '../job/build-issue.js';
import { plural } from '../plural.js';
import { escapeForMessage } from '../text/show-text.js';

/** The short human summary `roundup build` prints; paths under `cwd` are shown relative to it. */
export function formatBuildSummary(built: BuiltIssue, cwd: string): string {
  const short = (text: string) => text.split(`${cwd}/`).join('');
  const outDir = short(built.outDir);
  const { digest, window, rendered } = built;
  const lines: string[] = [];
  lines.push(`${digest.publication.name} — issue ${window.key} (${window.start} to ${window.end}, ${window.hours} h)`);
  lines.push(`Subject: ${rendered.subject}`);
  lines.push(`${plural(digest.stats.newStories, 'new story', 'new stories')}, ${digest.stats.selected} selected, ${plural(digest.stats.totalReads, 'read')} counted`);
  for (const section of digest.sections) {
    lines.push(`  ${section.title} (${section.stories.length})`);
    for (const story of section.stories) {
      const reads = story.reads > 0 ? ` — ${plural(story.reads, 'read')}` : '';
      lines.push(`    · ${story.title}${reads}`);
    }
  }
  if (digest.featuredCompany) lines.push(`  Featured company: ${digest.featuredCompany.name}`);
  lines.push('Sources:');
  for (const s of digest.sources) {
    const views = s.views !== undefined ? ` (${s.views.toLocaleString('en-US')} reads)` : '';
    const kept = s.cached ? `, kept from ${s.cached} (--refresh-reads to ask again)` : '';
    const state = s.failed
      ? `FAILED (optional): ${s.failed}`
      : `${plural(s.items, 'item')}${views}${s.skipped ? `, ${s.skipped} skipped` : ''}${s.replacedBytes ? `, ${plural(s.replacedBytes, 'byte')} not valid in its encoding` : ''}${kept}`;
    lines.push(`  ${s.kind} ${s.name} [${s.type}] ${short(s.location)}: ${state}`);
    for (const p of s.problems.slice(0, 5)) lines.push(`    skipped ${escapeForMessage(short(p.where))}: ${escapeForMessage(p.message)}`);
    if (s.problems.length > 5) lines.push(`    … ${s.problems.length - 5} more`);
    const notes = s.notes ?? [];
    for (const n of notes.slice(0, 5)) lines.push(`    note ${escapeForMessage(short(n.where))}: ${escapeForMessage(n.message)}`);
    if (notes.length > 5) lines.push(`    … ${notes.length - 5} more notes`);
  }
  const unmatched = digest.unmatchedTopPages ?? [];
  if (unmatched.length > 0) {
    lines.push('Busiest pages that match no story (a URL mapping problem?):');
    for (const u of unmatched.slice(0, 5)) lines.push(`  ${u.page} — ${u.views.toLocaleString('en-US')} reads (${u.sources.join(', ')})`);
    if (unmatched.length > 5) lines.push(`  … ${unmatched.length - 5} more in digest.json`);
  }
  for (const w of digest.warnings ?? []) lines.push(`Warning: ${short(w)}`);
  lines.push(`Wrote ${outDir}/digest.json, index.html, index.txt, preview.eml`);
  return `${lines.join('\n')}\n`;
}
