import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { IssueState } from '../../job/issue-state.js';
import { SMTP_URL_HELP } from './send-test-email.js';

export interface ActionsModel {
  week: string;
  /** The week's override file (display path) and whether it exists yet. */
  override: { path: string; exists: boolean };
  /** Where the issue stands; undefined when the week could not be built (nothing to approve). */
  state?: IssueState | undefined;
  /** The draft passes its checks. */
  canApprove: boolean;
  smtpConfigured: boolean;
  /** What the last "send a test" was given (the form shows it again). */
  testAddresses?: string | undefined;
  /** What Undo would take back (`pinned “...”`); undefined: nothing. */
  undo?: string | undefined;
}

/** What the bar shows of the issue itself; undefined when it could not be built. */
export interface BarIssue {
  from: string;
  subject: string;
  preheader: string;
  sendDate: string;
  /** Check findings by level. */
  errors: number;
  warnings: number;
}

/** Where the issue stands, in one sentence. Never "approved" for a draft that is not the approved version. */
export function stateText(state: IssueState | undefined): string {
  switch (state?.kind) {
    case undefined:
      return 'Not built: see the error below.';
    case 'none':
    case 'draft':
      return 'Draft: not approved yet.';
    case 'approved':
      return `Approved ${state.record.approvedAt ?? ''}: this version is what will be sent.`;
    case 'changed':
      return `Changed since approval (${state.record.approvedAt ?? ''}): the approved version differs from this draft.`;
    case 'sending':
      return 'Being sent now: this is the frozen issue, as it goes out.';
    case 'sent':
      return `Sent ${state.record.sentAt ?? ''}: this is the frozen issue, as it went out.`;
  }
}

const form = (action: string, id: string, label: string, cls = '') =>
  `<form method="post" action="${action}"><button type="submit" id="${id}"${cls ? ` class="${cls}"` : ''}>${esc(label)}</button></form>`;

function checksState(issue: BarIssue | undefined): string {
  if (!issue) return '';
  const level = issue.errors > 0 ? 'error' : issue.warnings > 0 ? 'warning' : 'ok';
  const words =
    issue.errors + issue.warnings === 0
      ? 'Checks pass'
      : [issue.errors ? `${issue.errors} error${issue.errors === 1 ? '' : 's'}` : '', issue.warnings ? `${issue.warnings} warning${issue.warnings === 1 ? '' : 's'}` : '']
          .filter(Boolean)
          .join(', ');
  return `<a href="#checks" id="checks-state" class="pill pill-${level}">${esc(words)}</a>`;
}

/**
 * The bar that stays at the top of the page while the editor scrolls: the week picker, the inbox line (sender,
 * subject, preheader), where the issue stands and the checks' state, Approve / Approve this version / Withdraw
 * approval, Undo of the last button, and "send a test". Every button is a POST form.
 */
export function actionBar(o: { title: string; weekPicker: string; issue?: BarIssue | undefined; actions?: ActionsModel | undefined }): string {
  const m = o.actions;
  const kind = m?.state?.kind;
  const buttons: string[] = [];
  if (m) {
    const week = encodeURIComponent(m.week);
    if (kind === 'none' || kind === 'draft' || kind === 'changed') {
      if (m.canApprove) buttons.push(form(`/approve?week=${week}`, 'approve', kind === 'changed' ? 'Approve this version' : `Approve ${m.week}`));
      else if (o.issue) buttons.push('<span class="bad" id="approve-blocked">Fix the check errors to approve.</span>');
    }
    if (kind === 'approved' || kind === 'changed') buttons.push(form(`/revoke?week=${week}`, 'revoke', 'Withdraw approval', 'secondary'));
    if (m.undo) {
      buttons.push(`<form method="post" action="/undo?week=${week}"><button type="submit" id="undo" class="secondary" title="${esc(`Undo: ${m.undo}`)}">Undo</button></form>`);
    }
  }
  const sendTest = !m
    ? ''
    : m.smtpConfigured
      ? `<form method="post" action="/send-test?week=${encodeURIComponent(m.week)}" class="send-test">
<label for="addresses">Send a test to</label>
<input id="addresses" name="addresses" type="text" value="${esc(m.testAddresses ?? '')}" placeholder="Jane Doe &lt;editor@example.com&gt;, colleague@example.com" required title="Subject marked [TEST]; nothing is recorded in the delivery ledger.">
<button type="submit" id="send-test">Send</button>
</form>`
      : `<details class="smtp-help"><summary>Send a test</summary><p class="hint" id="smtp-help">${esc(SMTP_URL_HELP)}</p></details>`;
  const inbox = o.issue
    ? `<div class="inbox-line" aria-label="Inbox line">
<span class="inbox-from">${esc(o.issue.from)}</span>
<span class="inbox-text"><span id="subject" class="inbox-subject">${esc(o.issue.subject)}</span>
<span class="inbox-preheader">— ${esc(o.issue.preheader)}</span></span>
<span class="inbox-date">${esc(o.issue.sendDate)}</span>
</div>`
    : '';
  return `<header class="action-bar" id="action-bar">
<div class="bar-row">
<h1>${esc(o.title)} <small>preview</small></h1>
${o.weekPicker}
<span id="approval-status" class="state state-${esc(kind ?? 'unknown')}" data-state="${esc(kind ?? 'unknown')}">${esc(stateText(m?.state))}</span>
${checksState(o.issue)}
<div class="bar-buttons">${buttons.join('')}</div>
${sendTest}
</div>
${inbox}
</header>`;
}

/**
 * The line at the top of the page for an approved issue whose draft moved, and for one that went out: what
 * changed since approval (stories in and out, order, subject, preheader, intro, template or config files, read
 * counts), and whether the job waits for a new approval.
 */
export function stateBanner(state: IssueState | undefined, waitsOnChange: boolean): string {
  if (state?.kind === 'sent' || state?.kind === 'sending') {
    return `<div class="banner banner-frozen" id="state-banner" role="status">${esc(stateText(state))} Changes to templates, config or the override file no longer affect it.</div>`;
  }
  if (state?.kind !== 'changed') return '';
  const consequence = state.editorChanged && waitsOnChange
    ? 'You changed it since: nothing is sent until this version is approved (or the changes are undone).'
    : 'The approved version is what goes out; approve this one to send it instead.';
  const items = state.lines.map((l) => `<li>${esc(l)}</li>`).join('');
  return `<div class="banner banner-changed" id="state-banner" role="status"><strong>Changed since approval.</strong> ${esc(consequence)}<ul>${items}</ul></div>`;
}
