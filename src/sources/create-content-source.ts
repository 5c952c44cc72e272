import { isAbsolute, resolve } from 'node:path';
import type { ContentSourceConfig } from '../config/sources-schema.js';
import type { ContentSource } from '../types.js';
import { FeedSource } from './feed-source.js';
import { JsonSource } from './json-source.js';
import type { Location } from './read-location.js';
import { WordPressSource } from './wordpress-source.js';

export interface ContentSourceFactoryContext {
  /** The config file's folder: relative paths resolve against it. */
  configDir: string;
  /** Replaces `{week}` in paths and URLs. */
  issueKey: string;
  /** WordPress: how many days before the window's end to ask for posts (default 35). */
  lookbackDays?: number;
}

function fill(template: string, issueKey: string): string {
  return template.replaceAll('{week}', issueKey);
}

function location(cfg: { path?: string | undefined; url?: string | undefined }, ctx: ContentSourceFactoryContext): Location {
  if (cfg.path !== undefined) {
    const path = fill(cfg.path, ctx.issueKey);
    return { path: isAbsolute(path) ? path : resolve(ctx.configDir, path) };
  }
  // The schema guarantees exactly one of path or url.
  return { url: fill(cfg.url!, ctx.issueKey) };
}

/** Builds the content source a config entry describes. The default name is `type:path-or-url`. */
export function createContentSource(cfg: ContentSourceConfig, ctx: ContentSourceFactoryContext): ContentSource {
  switch (cfg.type) {
    case 'feed': {
      const from = location(cfg, ctx);
      return new FeedSource(cfg.name ?? `feed:${fill(cfg.path ?? cfg.url ?? '', ctx.issueKey)}`, from);
    }
    case 'json': {
      const from = location(cfg, ctx);
      return new JsonSource(cfg.name ?? `json:${fill(cfg.path ?? cfg.url ?? '', ctx.issueKey)}`, from);
    }
    case 'wordpress': {
      const url = fill(cfg.url, ctx.issueKey);
      return new WordPressSource(cfg.name ?? `wordpress:${url}`, {
        url,
        perPage: cfg.perPage,
        maxPages: cfg.maxPages,
        ...(ctx.lookbackDays === undefined ? {} : { lookbackDays: ctx.lookbackDays }),
      });
    }
  }
}
