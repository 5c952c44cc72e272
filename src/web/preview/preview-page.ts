import type { Config } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PreviewBuild } from './build-preview.js';
import type { PreviewError } from './describe-error.js';
import { actionsPanel, stateBanner, type ActionsModel } from './page-actions.js';
import { checksPanel } from './page-checks.js';
import { emailViews } from './page-email-views.js';
import { errorPanel } from './page-error.js';
import { pageLayout } from './page-layout.js';
import { pickedPanel } from './page-picked.js';
import { lastSentPanel } from './page-last-sent.js';
import type { IssueReport } from '../../report/issue-report.js';
import type { MarkedWeek } from './week-status.js';

export interface PreviewPageModel {
  version: string;
  config: Config;
  weeks: MarkedWeek[];
  build: PreviewBuild;
  /** Set while the config file on disk is broken (the page then shows the last good config's weeks). */
  configError?: PreviewError | undefined;
  /** Absent when the week could not be worked out. */
  actions?: Omit<ActionsModel, 'canApprove' | 'state'> | undefined;
  notice?: { ok: boolean; text: string } | undefined;
  /** The last sent issue's numbers (roundup report), when one was sent. */
  lastSent?: IssueReport | undefined;
}

function weekPicker(weeks: MarkedWeek[], selected: string | undefined): string {
  const known = weeks.some((w) => w.key === selected);
  const options = [
    ...(selected && !known ? [`<option value="${esc(selected)}" selected>${esc(selected)}</option>`] : []),
    ...weeks.map(
      (w) =>
        `<option value="${esc(w.key)}"${w.status ? ` data-status="${w.status}"` : ''}${w.key === selected ? ' selected' : ''}>${esc(w.label)}${w.note ? ` · ${esc(w.note)}` : ''}</option>`,
    ),
  ];
  return `<form method="get" action="/" class="week-picker">
<label for="week">Week</label>
<select id="week" name="week" onchange="this.form.submit()">${options.join('')}</select>
<noscript><button type="submit">Show</button></noscript>
</form>`;
}

/** The whole preview page for one week. */
export function previewPage(m: PreviewPageModel): string {
  const { build, config } = m;
  const selected = build.week ?? m.weeks.find((w) => w.kind === 'next')?.key;
  const parts: string[] = [];
  parts.push(`<header class="top"><h1>${esc(config.site.name)} <small>preview</small></h1>${weekPicker(m.weeks, selected)}</header>`);
  if (m.notice) parts.push(`<div class="notice ${m.notice.ok ? 'notice-ok' : 'notice-error'}" role="status" id="notice">${esc(m.notice.text)}</div>`);
  if (m.configError) parts.push(errorPanel(m.configError));
  if (build.ok) {
    const { issue } = build;
    parts.push(stateBanner(issue.state, config.web.schedule.onChangeAfterApproval === 'reapprove'));
    parts.push(emailViews(issue, config.email.from?.name ?? config.site.name));
    parts.push(`<div class="columns">${checksPanel(issue.shown.rendered.checks, issue.htmlBytes, config.email.checks)}${pickedPanel(issue.shown.digest, config.selection.sections)}</div>`);
  } else if (!m.configError || build.error !== m.configError) {
    parts.push(errorPanel(build.error));
  }
  if (m.lastSent) parts.push(lastSentPanel(m.lastSent));
  if (m.actions) {
    const draft = build.ok ? build.issue.draft : undefined;
    const canApprove = draft !== undefined && !draft.rendered.checks.some((c) => c.level === 'error');
    parts.push(actionsPanel({ ...m.actions, state: build.ok ? build.issue.state : undefined, canApprove }));
  }
  const title = build.ok ? `${build.issue.shown.rendered.subject} — preview` : `${config.site.name} — preview`;
  return pageLayout({ title, version: m.version, body: `<main>${parts.join('\n')}</main>` });
}
