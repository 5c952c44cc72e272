import type { Config } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PreviewBuild } from './build-preview.js';
import type { PreviewError } from './describe-error.js';
import { actionBar, stateBanner, type ActionsModel, type BarIssue } from './page-actions.js';
import { checksPanel } from './page-checks.js';
import { desktopView, otherViews } from './page-email-views.js';
import { errorPanel } from './page-error.js';
import { pageLayout } from './page-layout.js';
import { pickedPanel } from './page-picked.js';
import { storiesPanel } from './page-stories.js';
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

/** The week picker: weeks with no stories are left out (nothing to preview there), unless it is the one shown. */
function weekPicker(weeks: MarkedWeek[], selected: string | undefined): string {
  const offered = weeks.filter((w) => w.status !== 'no-stories' || w.key === selected);
  const known = offered.some((w) => w.key === selected);
  const options = [
    ...(selected && !known ? [`<option value="${esc(selected)}" selected>${esc(selected)}</option>`] : []),
    ...offered.map(
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

/** The whole preview page for one week: the bar on top, then the stories beside the email, then the details. */
export function previewPage(m: PreviewPageModel): string {
  const { build, config } = m;
  const selected = build.week ?? m.weeks.find((w) => w.kind === 'next')?.key;
  const parts: string[] = [];
  const checks = build.ok ? build.issue.shown.rendered.checks : [];
  const issue: BarIssue | undefined = build.ok
    ? {
        from: config.email.from?.name ?? config.site.name,
        subject: build.issue.shown.rendered.subject,
        preheader: build.issue.shown.rendered.preheader,
        sendDate: build.issue.shown.digest.sendDate,
        errors: checks.filter((c) => c.level === 'error').length,
        warnings: checks.filter((c) => c.level === 'warning').length,
      }
    : undefined;
  const draft = build.ok ? build.issue.draft : undefined;
  const canApprove = draft !== undefined && !draft.rendered.checks.some((c) => c.level === 'error');
  const actions = m.actions ? { ...m.actions, state: build.ok ? build.issue.state : undefined, canApprove } : undefined;
  if (m.notice) parts.push(`<div class="notice ${m.notice.ok ? 'notice-ok' : 'notice-error'}" role="status" id="notice">${esc(m.notice.text)}</div>`);
  if (m.configError) parts.push(errorPanel(m.configError));
  if (build.ok) {
    const shown = build.issue.shown;
    parts.push(stateBanner(build.issue.state, config.web.schedule.onChangeAfterApproval === 'reapprove'));
    const overrideFile = draft && m.actions ? m.actions.override.path : undefined;
    parts.push(
      `<div class="workspace">${storiesPanel({ week: build.week, digest: shown.digest, sections: config.selection.sections, overrideFile })}${desktopView(build.issue)}</div>`,
    );
    parts.push(otherViews(build.issue));
    parts.push(
      `<div class="columns">${checksPanel(checks, build.issue.htmlBytes, config.email.checks)}${pickedPanel(shown.digest, config.selection.sections, { week: build.week, actions: overrideFile !== undefined })}</div>`,
    );
  } else if (!m.configError || build.error !== m.configError) {
    parts.push(errorPanel(build.error));
  }
  if (m.lastSent) parts.push(lastSentPanel(m.lastSent));
  const bar = actionBar({ title: config.site.name, weekPicker: weekPicker(m.weeks, selected), issue, actions });
  const title = build.ok ? `${build.issue.shown.rendered.subject} — preview` : `${config.site.name} — preview`;
  return pageLayout({ title, version: m.version, body: `${bar}\n<main>${parts.join('\n')}</main>` });
}
