import type { LoadedConfig, RoundupEnv } from '../../config/index.js';
import { buildIssue, type BuiltIssue } from '../../job/build-issue.js';
import { freezeBuilt } from '../../job/freeze-built.js';
import { fillParts } from '../../render/fill-tokens.js';
import { sampleTokenValues } from '../../render/sample-token-values.js';
import type { SnapshotInputs } from '../../snapshot/snapshot.js';
import type { Digest, RenderedIssue, WeekWindow } from '../../types.js';
import { describeError, type PreviewError } from './describe-error.js';
import { frozenView, issueState, readIssueRecord, type IssueState } from '../../job/issue-state.js';

/** What the page shows of an issue: its week, digest and rendered email. */
export interface ShownIssue {
  window: WeekWindow;
  digest: Digest;
  rendered: Pick<RenderedIssue, 'issue' | 'subject' | 'preheader' | 'html' | 'text' | 'tokens' | 'links' | 'checks'>;
}

/** A week as the preview shows it, as a sample subscriber gets it. */
export interface PreviewIssue {
  /** The draft, or for a week whose send started, the frozen issue that went out. */
  shown: ShownIssue;
  /** The draft as built now (absent for a week that went out): what Approve freezes and "send a test" sends. */
  draft?: BuiltIssue | undefined;
  state: IssueState;
  /** The HTML part with the sample subscriber's values filled in. */
  html: string;
  text: string;
  /** Size of `html` in bytes: what Gmail's clip counts. */
  htmlBytes: number;
}

export type PreviewBuild =
  | { ok: true; week: string; issue: PreviewIssue }
  | { ok: false; week?: string | undefined; error: PreviewError };

/** The draft of a week, built (what the preview keeps between requests), or why it could not be. */
export type DraftBuild =
  | { ok: true; week: string; draft: BuiltIssue; inputs: SnapshotInputs }
  | { ok: false; week?: string | undefined; error: PreviewError };

/**
 * Builds one week's draft for the preview: the same pipeline as `roundup build` (sources, selection with the
 * week's override file, rendering, checks), without writing files and with soft MJML validation, so that MJML
 * problems come back as checks. Anything thrown (a template that does not compile, a bad override file, a thin
 * week) comes back as an error to show, never as an exception.
 */
export async function buildDraft(loaded: LoadedConfig, env: RoundupEnv, week: string, now: Date): Promise<DraftBuild> {
  try {
    const draft = await buildIssue({ loaded, env, week, now, write: false, validationLevel: 'soft' });
    return { ok: true, week: draft.window.key, draft, inputs: freezeBuilt(loaded.config, draft).inputs };
  } catch (error) {
    return { ok: false, week, error: describeError(error) };
  }
}

/**
 * A week as the page shows it, now: where it stands in the database (read at every request: a send in another
 * process shows at the next reload), and the issue to show: the frozen one for a week whose send started
 * (whatever the draft does: its sources may be gone), else the draft. `draft` is built only when needed.
 */
export async function previewIssue(
  loaded: LoadedConfig,
  env: RoundupEnv,
  key: string,
  draft: () => Promise<DraftBuild>,
): Promise<PreviewBuild> {
  const found = await readIssueRecord(env, key);
  const sample = sampleTokenValues(loaded.config.web.publicUrl);
  if (found.stored && (found.record?.status === 'sending' || found.record?.status === 'sent')) {
    const shown = frozenView(found.stored.snapshot);
    return { ok: true, week: key, issue: { shown, state: issueState(found, undefined), ...filled(shown.rendered, sample) } };
  }
  const build = await draft();
  if (!build.ok) return build;
  const built = build.draft;
  const state = issueState(found, { digest: built.digest, subject: built.rendered.subject, preheader: built.rendered.preheader, inputs: build.inputs });
  return { ok: true, week: key, issue: { shown: built, draft: built, state, ...filled(built.rendered, sample) } };
}

function filled(rendered: ShownIssue['rendered'], sample: ReturnType<typeof sampleTokenValues>) {
  const { html, text } = fillParts(rendered, sample);
  return { html, text, htmlBytes: Buffer.byteLength(html, 'utf8') };
}
