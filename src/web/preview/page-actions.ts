import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { IssueRecord } from '../../store/index.js';
import { SMTP_URL_HELP } from './send-test-email.js';

export interface ActionsModel {
  week: string;
  /** The week's override file (display path) and whether it exists yet. */
  override: { path: string; exists: boolean };
  /** The issue's row in the database; `undefined` when it has none; `no-database` when there is no file yet. */
  approval: IssueRecord | undefined | 'no-database';
  canApprove: boolean;
  smtpConfigured: boolean;
}

function approvalText(approval: ActionsModel['approval']): string {
  if (approval === 'no-database' || approval === undefined) return 'Not approved yet.';
  switch (approval.status) {
    case 'approved':
      return `Approved ${approval.approvedAt ?? ''}.`;
    case 'sending':
      return 'Being sent now.';
    case 'sent':
      return `Sent ${approval.sentAt ?? ''}.`;
    default:
      return 'Built, not approved yet.';
  }
}

/** The override file, the approval state and button, and the "send a test" form. */
export function actionsPanel(m: ActionsModel): string {
  const week = encodeURIComponent(m.week);
  const status = m.approval === 'no-database' || m.approval === undefined ? 'none' : m.approval.status;
  const approveButton =
    status === 'none' || status === 'built'
      ? m.canApprove
        ? `<form method="post" action="/approve?week=${week}"><button type="submit" id="approve">Approve ${esc(m.week)}</button></form>`
        : '<p class="bad">Fix the check errors before approving.</p>'
      : '';
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
<div class="action"><h2>Approval</h2><p id="approval-status">${esc(approvalText(m.approval))}</p>${approveButton}</div>
<div class="action"><h2>Send a test</h2>${sendTest}</div>
</section>`;
}
