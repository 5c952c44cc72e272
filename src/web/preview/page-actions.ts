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
}

/** Where the issue stands, in one sentence. Never "approved" for a draft that is not the approved version. */
export function stateText(state: IssueState | undefined): string {
  switch (state?.kind) {
    case undefined:
      return 'Not built: see the error above.';
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

/** The override file, the approval state and buttons, and the "send a test" form. */
export function actionsPanel(m: ActionsModel): string {
  const week = encodeURIComponent(m.week);
  const kind = m.state?.kind;
  const buttons: string[] = [];
  if (kind === 'none' || kind === 'draft' || kind === 'changed') {
    if (m.canApprove) buttons.push(form(`/approve?week=${week}`, 'approve', kind === 'changed' ? 'Approve this version' : `Approve ${m.week}`));
    else buttons.push('<p class="bad">Fix the check errors before approving.</p>');
  }
  if (kind === 'approved' || kind === 'changed') buttons.push(form(`/revoke?week=${week}`, 'revoke', 'Withdraw approval', 'secondary'));
  const sendTest = m.smtpConfigured
    ? `<form method="post" action="/send-test?week=${week}" class="send-test">
<label for="addresses">Addresses (comma-separated)</label>
<input id="addresses" name="addresses" type="text" placeholder="editor@example.com, colleague@example.com" required>
<button type="submit">Send a test</button>
<p class="hint">Subject marked [TEST]; nothing is recorded in the delivery ledger.</p>
</form>`
    : `<p class="hint" id="smtp-help">${esc(SMTP_URL_HELP)}</p>`;
  return `<section class="actions" aria-label="Overrides, approval and tests">
<div class="action"><h2>This issue's overrides</h2>
<p><code>${esc(m.override.path)}</code> ${m.override.exists ? '(in use)' : '(no file yet: create it to pin, exclude or reorder stories, or set the subject, preheader, intro or featured company)'}</p>
</div>
<div class="action"><h2>Approval</h2><p id="approval-status" data-state="${esc(kind ?? 'unknown')}">${esc(stateText(m.state))}</p>${buttons.join('')}</div>
<div class="action"><h2>Send a test</h2>${sendTest}</div>
</section>`;
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
