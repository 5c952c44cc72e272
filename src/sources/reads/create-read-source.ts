import { isAbsolute, resolve } from 'node:path';
import type { AnalyticsSecrets } from '../../config/env.js';
import type { ReadSourceConfig } from '../../config/sources-schema.js';
import type { ReadSource } from '../../types.js';
import { accessLogReads } from './access-log-reads.js';
import type { RetryOptions } from './api-client.js';
import { csvReads } from './csv-reads.js';
import { ga4Reads } from './ga4-reads.js';
import { matomoReads } from './matomo-reads.js';
import { plausibleReads } from './plausible-reads.js';
import { popularPostsReads } from './popular-posts-reads.js';

/** What the factory needs besides the source's own config. */
export interface ReadSourceFactoryContext {
  /** Folder of the config file: relative paths resolve against it. */
  configDir: string;
  /** Replaces `{week}` in paths and URLs (e.g. `2026-W48`). */
  issueKey: string;
  /** The analytics APIs' credentials, from the environment (readEnv). */
  secrets?: AnalyticsSecrets | undefined;
  /** How the analytics APIs retry (tests make the waits instant). */
  retry?: Partial<RetryOptions> | undefined;
}

/**
 * Builds the read-count source a config entry describes. Relative paths resolve against the config's folder;
 * `{week}` becomes the issue key. The default name is the type and the location as configured
 * (`csv:sample/reads/ga4-2026-W48.csv`, `ga4:123456789`).
 */
export function createReadSource(cfg: ReadSourceConfig, ctx: ReadSourceFactoryContext): ReadSource {
  const week = (s: string) => s.replaceAll('{week}', ctx.issueKey);
  const file = (s: string) => {
    const p = week(s);
    return isAbsolute(p) ? p : resolve(ctx.configDir, p);
  };
  const secrets = ctx.secrets ?? {};
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
    case 'ga4':
      return ga4Reads({
        ...api(cfg, ctx),
        name: cfg.name ?? `ga4:${cfg.property}`,
        property: cfg.property,
        dimension: cfg.dimension,
        metric: cfg.metric,
        pathPrefix: cfg.pathPrefix,
        timezone: cfg.timezone,
        credentialsFile: secrets.googleCredentialsFile,
      });
    case 'plausible':
      return plausibleReads({
        ...api(cfg, ctx),
        name: cfg.name ?? `plausible:${cfg.siteId}`,
        siteId: cfg.siteId,
        metric: cfg.metric,
        pathPrefix: cfg.pathPrefix,
        apiKey: secrets.plausibleApiKey,
      });
    case 'matomo':
      return matomoReads({
        ...api(cfg, ctx),
        name: cfg.name ?? `matomo:${cfg.idSite}`,
        idSite: cfg.idSite,
        metric: cfg.metric,
        segment: cfg.segment,
        token: secrets.matomoToken,
      });
  }
}

/** What the three API sources share: base URL, timeout, page size, retries. */
function api(cfg: { url: string; timeoutSeconds: number; pageSize?: number | undefined }, ctx: ReadSourceFactoryContext) {
  return { url: cfg.url, timeoutMs: cfg.timeoutSeconds * 1000, pageSize: cfg.pageSize, retry: ctx.retry };
}
