import { csvLine } from '../store/export-subscribers.js';
import type { IssueReport } from './issue-report.js';
import { percent } from './report-warnings.js';

const n = (v: number) => v.toLocaleString('en-GB');

/** The report as text for a terminal. */
export function formatReport(r: IssueReport): string {
  const lines: string[] = [];
  lines.push(`${r.issue}: ${r.subject}${r.sentAt ? ` (sent ${r.sentAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}`);
  lines.push(`  submitted        ${n(r.submitted)}`);
  lines.push(`  bounced          ${n(r.bounced.atSend + r.bounced.hard)} (at send ${n(r.bounced.atSend)}, hard ${n(r.bounced.hard)}; soft ${n(r.bounced.soft)})  rate ${percent(r.rates.bounce)}`);
  lines.push(`  complained       ${n(r.complained)}  rate ${percent(r.rates.complaint)}`);
  const ways = Object.entries(r.unsubscribed.byWay).map(([way, count]) => `${way} ${n(count)}`).join(', ');
  lines.push(`  unsubscribed     ${n(r.unsubscribed.total)}${ways ? ` (${ways})` : ''}`);
  const unique = r.clicks.perSubscriber ? `, ${n(r.clicks.unique)} people` : '';
  lines.push(`  clicks           ${n(r.clicks.total)}${unique}; scanners apart: ${n(r.clicks.scanners)}`);
  if (r.opens) lines.push(`  opens            ${n(r.opens.total)}${r.clicks.perSubscriber ? `, ${n(r.opens.unique)} people` : ''}; scanners apart: ${n(r.opens.scanners)} (Apple Mail opens every message: read as a trend only)`);
  if (r.featuredCompany) lines.push(`  featured company ${n(r.featuredCompany.clicks)} clicks${r.clicks.perSubscriber ? `, ${n(r.featuredCompany.unique)} people` : ''}`);
  if (r.whitepapers) lines.push(`  white papers     ${n(r.whitepapers.clicks)} clicks`);
  lines.push('', 'Clicks by section');
  for (const s of r.sections) lines.push(`  ${s.title.padEnd(32)} ${n(s.clicks).padStart(7)}${s.scanners ? `  (+${n(s.scanners)} scanners)` : ''}`);
  const top = [...r.links].filter((l) => l.clicks > 0).sort((a, b) => b.clicks - a.clicks).slice(0, 10);
  if (top.length > 0) {
    lines.push('', 'Most clicked');
    for (const l of top) lines.push(`  ${n(l.clicks).padStart(7)}  ${l.title.slice(0, 70)} [${l.id}]`);
  }
  for (const w of r.warnings) lines.push('', `WARNING: ${w}`);
  return `${lines.join('\n')}\n`;
}

export const CSV_COLUMNS = ['issue', 'section', 'section_title', 'slot', 'link', 'kind', 'title', 'url', 'clicks', 'people', 'scanner_clicks'] as const;

/** One row per link of the issue: a file a sponsor can be sent (the Featured Company's row is `featured-company`). */
export function reportCsv(r: IssueReport): string {
  const rows = r.links.map((l) => [r.issue, l.section, l.sectionTitle, String(l.slot), l.id, l.kind, l.title, l.url, String(l.clicks), String(l.unique), String(l.scanners)]);
  return [CSV_COLUMNS, ...rows].map((fields) => csvLine(fields)).join('');
}
