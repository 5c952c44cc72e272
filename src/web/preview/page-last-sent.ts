import type { RoundupEnv } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { issueReport, type IssueReport } from '../../report/issue-report.js';
import { percent } from '../../report/report-warnings.js';
import { clicksChart } from '../../report/report-chart.js';
import { withStore } from '../../job/with-store.js';

/** The last sent issue's report, read from the database now; undefined when none was sent (or no database). */
export async function readLastSent(env: RoundupEnv): Promise<IssueReport | undefined> {
  try {
    return await withStore(
      env.db,
      async (store) => {
        const key = await store.snapshots.lastSent();
        return key ? issueReport(store, key) : undefined;
      },
      { ifExists: true },
    );
  } catch {
    return undefined; // the preview shows the issue without it rather than fail
  }
}

/** The last sent issue's numbers, its clicks by section as a chart, and its most-clicked stories marked. */
export function lastSentPanel(r: IssueReport): string {
  const n = (v: number) => v.toLocaleString('en-GB');
  const top = r.links.filter((l) => l.kind === 'story' && l.clicks > 0).sort((a, b) => b.clicks - a.clicks).slice(0, 5);
  const rows = top
    .map((l, i) => `<tr${i < 3 ? ' class="most-clicked"' : ''}><td>${i < 3 ? '<span class="badge" title="among the most clicked">★ most clicked</span> ' : ''}${esc(l.title)}</td><td>${esc(l.sectionTitle)}</td><td class="num">${n(l.clicks)}</td></tr>`)
    .join('');
  const warnings = r.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('');
  return `<section class="last-sent checks" id="last-sent" aria-label="The last sent issue">
<h2>Last sent: ${esc(r.issue)} <small>${esc(r.subject)}</small></h2>
<p class="stats">${n(r.submitted)} submitted · ${n(r.bounced.atSend + r.bounced.hard)} bounced (${percent(r.rates.bounce)}) · ${n(r.complained)} complaints (${percent(r.rates.complaint)}) · ${n(r.unsubscribed.total)} unsubscribed · ${n(r.clicks.total)} clicks${r.clicks.scanners ? ` (+${n(r.clicks.scanners)} by scanners)` : ''}</p>
${warnings ? `<ul>${warnings}</ul>` : ''}
${clicksChart(r)}
${rows ? `<table><thead><tr><th>Story</th><th>Section</th><th>Clicks</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
</section>`;
}
