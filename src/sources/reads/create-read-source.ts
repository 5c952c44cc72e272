import { isAbsolute, resolve } from 'node:path';
import type { ReadSourceConfig } from '../../config/sources-schema.js';
import type { ReadSource } from '../../types.js';
import { accessLogReads } from './access-log-reads.js';
import { csvReads } from './csv-reads.js';
import { popularPostsReads } from './popular-posts-reads.js';

/** What the factory needs besides the source's own config. */
export interface ReadSourceFactoryContext {
  /** Folder of the config file: relative paths resolve against it. */
  configDir: string;
  /** Replaces `{week}` in paths and URLs (e.g. `2026-W48`). */
  issueKey: string;
}

/**
 * Builds the read-count source a config entry describes. Relative paths resolve against the config's folder;
 * `{week}` becomes the issue key. The default name is the type and the location as configured
 * (`csv:sample/reads/ga4-2026-W48.csv`).
 */
export function createReadSource(cfg: ReadSourceConfig, ctx: ReadSourceFactoryContext): ReadSource {
  const week = (s: string) => s.replaceAll('{week}', ctx.issueKey);
  const file = (s: string) => {
    const p = week(s);
    return isAbsolute(p) ? p : resolve(ctx.configDir, p);
  };
  switch (cfg.type) {
    case 'csv':
      return csvReads({
        name: cfg.name ?? `csv:${week(cfg.path)}`,
        path: file(cfg.path),
        format: cfg.format,
        columns: cfg.columns,
        numberFormat: cfg.numberFormat,
      });
    case 'wordpress-popular-posts':
      return popularPostsReads({
        name: cfg.name ?? `wordpress-popular-posts:${week(cfg.url)}`,
        url: week(cfg.url),
        limit: cfg.limit,
        range: cfg.range,
      });
    case 'access-log': {
      const paths = typeof cfg.path === 'string' ? [cfg.path] : cfg.path;
      return accessLogReads({
        name: cfg.name ?? `access-log:${paths.map(week).join(',')}`,
        paths: paths.map(file),
      });
    }
  }
}
