import { randomBytes } from 'node:crypto';
import type { Story } from '../../types.js';
import { loadConfig, type LoadedConfig, type RoundupEnv } from '../../config/index.js';
import { parseWeekArg } from '../../select/parse-week-arg.js';
import { buildDraft, previewIssue, type DraftBuild, type PreviewBuild } from './build-preview.js';
import { describeError, type PreviewError } from './describe-error.js';

export interface PreviewStateOptions {
  /** The config file (absolute, or relative to the working directory). */
  configFile: string;
  env: RoundupEnv;
  /** The clock (tests pass a fixed date). */
  now?: () => Date;
}

/**
 * What the preview server knows between requests: the config (read again after every change; when the new
 * file is broken the last good one is kept and the error shown), and one build per week, shared by the page
 * and its frames and dropped when any input changes. `version` changes with every change; open pages compare
 * it with theirs to know when to reload.
 */
export interface PreviewState {
  readonly version: string;
  loaded(): LoadedConfig;
  /** Set while the config file on disk is broken. */
  configError(): PreviewError | undefined;
  env: RoundupEnv;
  now(): Date;
  /** The week for `?week=` (undefined: the latest complete week): its draft built once, its state read now. */
  build(week: string | undefined): Promise<PreviewBuild>;
  /** The stories the last draft built read (for the week picker's "no stories"), once one was built. */
  knownStories(): Story[] | undefined;
  /** Inputs changed: reload the config, forget every build, warm the last week viewed. */
  invalidate(): void;
  /**
   * Resolves true at the next invalidate (the file watcher noticed a file the preview wrote), or false after
   * `timeoutMs`: a button's answer waits for it so the page it leads to is built from the new file, once.
   */
  nextChange(timeoutMs: number): Promise<boolean>;
}

export function createPreviewState(options: PreviewStateOptions): PreviewState {
  const now = options.now ?? (() => new Date());
  // A restarted server gets a new prefix, so pages left open reload when they reconnect.
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  let loaded = loadConfig(options.configFile);
  let configError: PreviewError | undefined;
  let cache = new Map<string, Promise<DraftBuild>>();
  let lastWeek: string | undefined;
  let stories: Story[] | undefined;
  let waiting: ((changed: boolean) => void)[] = [];

  const state: PreviewState = {
    get version() {
      return `${prefix}-${counter}`;
    },
    loaded: () => loaded,
    configError: () => configError,
    knownStories: () => stories,
    env: options.env,
    now,
    async build(week) {
      if (configError) return { ok: false, week, error: configError };
      let key: string;
      try {
        key = parseWeekArg({ week }, loaded.config.site, now()).key;
      } catch (error) {
        return { ok: false, week, error: describeError(error) };
      }
      lastWeek = week;
      const config = loaded;
      return previewIssue(config, options.env, key, () => {
        let pending = cache.get(key);
        if (!pending) {
          pending = buildDraft(config, options.env, key, now());
          void pending.then((b) => {
            if (b.ok) stories = b.draft.stories;
          });
          cache.set(key, pending);
        }
        return pending;
      });
    },
    invalidate() {
      counter++;
      cache = new Map();
      try {
        loaded = loadConfig(options.configFile);
        configError = undefined;
      } catch (error) {
        configError = describeError(error);
      }
      void state.build(lastWeek);
      const waiters = waiting;
      waiting = [];
      for (const resolve of waiters) resolve(true);
    },
    nextChange(timeoutMs) {
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiting = waiting.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        const done = (changed: boolean) => {
          clearTimeout(timer);
          resolve(changed);
        };
        waiting.push(done);
      });
    },
  };
  return state;
}
