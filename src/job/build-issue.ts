import { join, resolve } from 'node:path';
import { loadIssueOverride, type IssueOverride, type LoadedConfig, type RoundupEnv } from '../config/index.js';
import { RoundupError } from '../errors.js';
import { fillParts } from '../render/fill-tokens.js';
import { neutralTokenValues } from '../render/neutral-token-values.js';
import type { TemplateFile } from '../render/load-templates.js';
import { renderIssue, templatesFor } from '../render/render-issue.js';
import { parseWeekArg } from '../select/parse-week-arg.js';
import { selectDigest } from '../select/select-digest.js';
import type { RetryOptions } from '../sources/reads/api-client.js';
import { withStore } from './with-store.js';
import type { Digest, RenderedIssue, Story, WeekWindow } from '../types.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { gatherWeek } from './gather-week.js';
import { sampleMessage } from './sample-message.js';

export interface BuildOptions {
  loaded: LoadedConfig;
  env: RoundupEnv;
  week?: string | undefined;
  date?: string | undefined;
  now: Date;
  /** Write out/<key>/ files (default true). The preview server renders without writing. */
  write?: boolean;
  /** MJML validation: `strict` in builds and tests (default), `soft` in the preview so errors show on the page. */
  validationLevel?: 'strict' | 'soft';
  /**
   * Stories earlier issues sent (story URL -> issue key), left out of this one unless pinned. Default: read from
   * the database (ROUNDUP_DB) when its file exists; none otherwise.
   */
  sentBefore?: ReadonlyMap<string, string> | undefined;
  /** Ask the analytics APIs again instead of using the answers kept in the data folder. */
  refreshReads?: boolean | undefined;
  /** How the analytics APIs retry (tests make the waits instant). */
  retry?: Partial<RetryOptions> | undefined;
}

export interface BuiltIssue {
  window: WeekWindow;
  digest: Digest;
  rendered: RenderedIssue;
  /** out/<issue key>/ (absolute). */
  outDir: string;
  /** Every story the content sources gave (merged), the week's and others. */
  stories: Story[];
  /** The template files it was rendered with, and the override file's content (what freezing it keeps). */
  templates: ReadonlyMap<string, TemplateFile>;
  override: IssueOverride | undefined;
}

/**
 * The week's work up to the email: sources -> selection -> rendering, then the files under out/<key>/
 * (digest.json, index.html, index.txt, preview.eml), each written whole or not at all. Check errors fail the build after
 * the files are written, so the editor can look at what failed.
 */
export async function buildIssue(options: BuildOptions): Promise<BuiltIssue> {
  const { loaded, now } = options;
  const { config } = loaded;
  const window = parseWeekArg({ week: options.week, date: options.date }, config.site, now);
  const override = loadIssueOverride(loaded, window.key);
  const templates = templatesFor(config, loaded.dir);
  const gathered = await gatherWeek(
    loaded,
    { window, siteUrl: config.site.url, now },
    { env: options.env, refreshReads: options.refreshReads, retry: options.retry },
  );
  const digest = selectDigest({
    stories: gathered.stories,
    reads: gathered.reads,
    config,
    window,
    override,
    sources: gathered.sources,
    sentBefore: options.sentBefore ?? (await readSentBefore(options.env.db, window)),
  });
  // Warnings about the reads come from the sources' side (last week's totals are kept on disk), not selection.
  if (gathered.warnings.length > 0) digest.warnings = [...(digest.warnings ?? []), ...gathered.warnings];
  const rendered = await renderIssue(digest, {
    config,
    configDir: loaded.dir,
    validationLevel: options.validationLevel ?? 'strict',
    templates,
  });
  const outDir = resolve(config.outDir, window.key);
  if (options.write !== false) {
    // index.html/txt are the public copy ("view in browser"): tokens filled with nobody's data.
    // preview.eml is the whole message for a sample subscriber, built by the sending code itself.
    const neutral = neutralTokenValues(config.web.publicUrl);
    const eml = config.email.from ? sampleMessage(loaded, options.env, rendered, now) : undefined;
    writeFileAtomic(join(outDir, 'digest.json'), `${JSON.stringify(digest, null, 2)}\n`);
    const publicCopy = fillParts(rendered, neutral);
    writeFileAtomic(join(outDir, 'index.html'), publicCopy.html);
    writeFileAtomic(join(outDir, 'index.txt'), publicCopy.text);
    if (eml) writeFileAtomic(join(outDir, 'preview.eml'), eml);
  }
  return { window, digest, rendered, outDir, templates, override, stories: gathered.stories };
}

/** What earlier issues sent, from the database when there is one (a build never creates it). */
async function readSentBefore(location: string, window: WeekWindow): Promise<Map<string, string>> {
  return (await withStore(location, (store) => store.snapshots.sentBefore(window.start), { ifExists: true })) ?? new Map();
}

/** Throws RENDER_CHECK_FAILED when the checks found errors. */
export function assertChecksPass(built: BuiltIssue): void {
  const errors = built.rendered.checks.filter((c) => c.level === 'error');
  if (errors.length === 0) return;
  throw new RoundupError(
    'RENDER_CHECK_FAILED',
    `${built.window.key}: the rendered email failed ${errors.length} check(s):\n` +
      errors.map((c) => `  [${c.code}] ${c.message}`).join('\n') +
      `\nFix the template, config or override named above and build again (files are in ${built.outDir}).`,
  );
}
