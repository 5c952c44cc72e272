import type { BuiltIssue } from '../job/build-issue.js';

/** The short human summary `roundup build` prints; paths under `cwd` are shown relative to it. */
export function formatBuildSummary(built: BuiltIssue, cwd: string): string {
  const short = (text: string) => text.split(`${cwd}/`).join('');
  const outDir = short(built.outDir);
  const { digest, window, rendered } = built;
  const lines: string[] = [];
  lines.push(`${digest.publication.name} — issue ${window.key} (${window.start} to ${window.end}, ${window.hours} h)`);
  lines.push(`Subject: ${rendered.subject}`);
  lines.push(`${digest.stats.newStories} new stories, ${digest.stats.selected} selected, ${digest.stats.totalReads.toLocaleString('en-US')} reads counted`);
  for (const section of digest.sections) {
    lines.push(`  ${section.title} (${section.stories.length})`);
    for (const story of section.stories) {
      const reads = story.reads > 0 ? ` — ${story.reads.toLocaleString('en-US')} reads` : '';
      lines.push(`    · ${story.title}${reads}`);
    }
  }
  if (digest.featuredCompany) lines.push(`  Featured company: ${digest.featuredCompany.name}`);
  lines.push('Sources:');
  for (const s of digest.sources) {
    const views = s.views !== undefined ? ` (${s.views.toLocaleString('en-US')} reads)` : '';
    const kept = s.cached ? `, kept from ${s.cached} (--refresh-reads to ask again)` : '';
    const state = s.failed ? `FAILED (optional): ${s.failed}` : `${s.items} items${views}${s.skipped ? `, ${s.skipped} skipped` : ''}${kept}`;
    lines.push(`  ${s.kind} ${s.name} [${s.type}] ${short(s.location)}: ${state}`);
    for (const p of s.problems.slice(0, 5)) lines.push(`    skipped ${short(p.where)}: ${p.message}`);
    if (s.problems.length > 5) lines.push(`    … ${s.problems.length - 5} more`);
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
