import { escapeHtml as esc } from '../render/fill-tokens.js';
import type { IssueReport } from './issue-report.js';

// A small bar chart of an issue's clicks by section, as inline SVG (no script, no external file): what the
// preview shows beside the last sent issue's numbers. Scanners' requests are drawn apart, lighter.

const WIDTH = 360;
const ROW = 22;
const LABEL = 130;

export function clicksChart(r: Pick<IssueReport, 'sections' | 'issue'>): string {
  const rows = r.sections.filter((s) => s.clicks + s.scanners > 0);
  if (rows.length === 0) return `<p class="hint">No clicks on ${esc(r.issue)} yet.</p>`;
  const max = Math.max(...rows.map((s) => s.clicks + s.scanners));
  const scale = (v: number) => Math.round(((WIDTH - LABEL - 50) * v) / max);
  const bars = rows
    .map((s, i) => {
      const y = i * ROW;
      const people = scale(s.clicks);
      const scanners = scale(s.scanners);
      return (
        `<g transform="translate(0 ${y})"><text x="${LABEL - 6}" y="15" text-anchor="end">${esc(s.title.slice(0, 22))}</text>` +
        `<rect x="${LABEL}" y="4" width="${people}" height="14" fill="#0f7c7c"><title>${esc(s.title)}: ${s.clicks} clicks</title></rect>` +
        (scanners > 0 ? `<rect x="${LABEL + people}" y="4" width="${scanners}" height="14" fill="#b8c4d0"><title>${s.scanners} scanner requests</title></rect>` : '') +
        `<text x="${LABEL + people + scanners + 4}" y="15">${s.clicks}</text></g>`
      );
    })
    .join('');
  const height = rows.length * ROW;
  return `<svg class="clicks-chart" role="img" aria-label="Clicks by section in ${esc(r.issue)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-size="12" font-family="system-ui, sans-serif" fill="#1d2733">${bars}</svg>`;
}
