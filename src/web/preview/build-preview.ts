import type { LoadedConfig, RoundupEnv } from '../../config/index.js';
import { buildIssue, type BuiltIssue } from '../../job/build-issue.js';
import { fillParts } from '../../render/fill-tokens.js';
import { sampleTokenValues } from '../../render/sample-token-values.js';
import { describeError, type PreviewError } from './describe-error.js';

/** A built issue as a sample subscriber gets it. */
export interface PreviewIssue {
  built: BuiltIssue;
  /** The HTML part with the sample subscriber's values filled in. */
  html: string;
  text: string;
  /** Size of `html` in bytes: what Gmail's clip counts. */
  htmlBytes: number;
}

export type PreviewBuild =
  | { ok: true; week: string; issue: PreviewIssue }
  | { ok: false; week?: string | undefined; error: PreviewError };

/**
 * Builds one week for the preview: the same pipeline as `roundup build` (sources, selection with the week's
 * override file, rendering, checks), without writing files and with soft MJML validation, so that MJML
 * problems come back as checks. Anything thrown (a template that does not compile, a bad override file, a thin
 * week) comes back as an error to show, never as an exception.
 */
export async function buildPreview(
  loaded: LoadedConfig,
  env: RoundupEnv,
  week: string | undefined,
  now: Date,
): Promise<PreviewBuild> {
  try {
    const built = await buildIssue({ loaded, env, week, now, write: false, validationLevel: 'soft' });
    const sample = sampleTokenValues(loaded.config.web.publicUrl);
    const { html, text } = fillParts(built.rendered, sample);
    return { ok: true, week: built.window.key, issue: { built, html, text, htmlBytes: Buffer.byteLength(html, 'utf8') } };
  } catch (error) {
    return { ok: false, week, error: describeError(error) };
  }
}
