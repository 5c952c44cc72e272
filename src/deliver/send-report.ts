import type { ErrorCode } from '../errors.js';
import type { DeliveryState } from './ledger.js';

/**
 * How a run ended:
 * - sent: every row is settled (submitted, failed or bounced) and the server accepted at least one;
 * - already-sent: nothing was left to send when the run started (nothing sent again);
 * - failed: every row is settled but the server accepted none (all failed or bounced): not a send;
 * - incomplete: rows remain pending after connections kept failing for them: run again;
 * - limited: `--limit` reached, rows remain pending;
 * - paused: too many errors in a row (SEND_PAUSED); rows stay pending;
 * - aborted: stopped by a signal (Ctrl-C) after the messages in flight were answered;
 * - stopped: the server refused us (credentials, TLS): SMTP_AUTH / SMTP_TLS;
 * - dry-run: every message built, none sent, ledger untouched;
 * - test: sent to the test addresses only, ledger untouched.
 */
/** What one run did, counted by the send loop. */
export interface RunCounts {
  /** Messages built (dry run: every one; otherwise one per attempt). */
  built: number;
  submitted: number;
  failed: number;
  bounced: number;
  /** Temporary failures (each retried later, in this run or the next). */
  deferred: number;
  /** Broken connections: no answer about the message (each retried later; not an attempt). */
  interrupted: number;
  /** Largest message built, bytes. */
  maxBytes: number;
}

export type SendStatus =
  | 'sent'
  | 'already-sent'
  | 'failed'
  | 'incomplete'
  | 'limited'
  | 'paused'
  | 'aborted'
  | 'stopped'
  | 'dry-run'
  | 'test';

/** Live figures for the progress display. */
export interface SendProgress {
  /** Rows to send when the run started (after --limit). */
  total: number;
  submitted: number;
  failed: number;
  bounced: number;
  /** Waiting for a retry after a temporary failure. */
  deferred: number;
  inFlight: number;
  /** Still to finish in this run. */
  remaining: number;
  elapsedMs: number;
}

export interface SendReport {
  issue: string;
  status: SendStatus;
  /** One or two sentences for a person: what happened and what to do next. */
  message: string;
  /** Set when the run did not do its work: SEND_PAUSED, SMTP_AUTH, SMTP_TLS, SEND_FAILED, SEND_INCOMPLETE. */
  error?: { code: ErrorCode; message: string } | undefined;
  /** What this run did. */
  run: RunCounts & {
    durationMs: number;
    /** Messages submitted per second. */
    rate: number;
  };
  /** The ledger's rows for the issue by state, after the run (absent for dry and test runs). */
  counts?: Record<DeliveryState, number> | undefined;
  /** Most frequent last replies of failed/bounced rows (ledger), or of this run's failures (test runs). */
  topErrors: { reply: string; count: number }[];
  /** Test runs: each address and its outcome. */
  tests?: { email: string; status: string; reply: string }[] | undefined;
}

/** The report as text lines for the terminal. */
export function formatSendReport(report: SendReport): string {
  const r = report.run;
  const lines = [`Issue ${report.issue}: ${report.status}. ${report.message}`];
  if (report.status === 'dry-run') {
    lines.push(`  built ${r.built} messages (largest ${(r.maxBytes / 1024).toFixed(1)} KB) in ${(r.durationMs / 1000).toFixed(1)} s; none sent`);
  } else {
    lines.push(
      `  this run: ${r.submitted} submitted, ${r.failed} failed, ${r.bounced} bounced, ${r.deferred} deferred, ${r.interrupted} interrupted ` +
        `in ${(r.durationMs / 1000).toFixed(1)} s (${r.rate.toFixed(1)} msg/s)`,
    );
  }
  if (report.counts) {
    const c = report.counts;
    lines.push(`  ledger: ${c.submitted} submitted, ${c.pending} pending, ${c.submitting} submitting, ${c.failed} failed, ${c.bounced} bounced`);
  }
  for (const t of report.tests ?? []) lines.push(`  test ${t.email}: ${t.status} (${t.reply})`);
  if (report.topErrors.length > 0) {
    lines.push('  top errors:');
    for (const e of report.topErrors) lines.push(`    ${String(e.count).padStart(6)}  ${e.reply}`);
  }
  return `${lines.join('\n')}\n`;
}
