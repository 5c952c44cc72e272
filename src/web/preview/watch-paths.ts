import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveConfigPath, type LoadedConfig } from '../../config/index.js';
import { DEFAULT_TEMPLATES_DIR } from '../../render/load-templates.js';

/**
 * What the preview watches: the bundled templates and `email.templatesDir`, the config file, the per-issue
 * override folder, and every local source file (feed, JSON stories, read-count files and logs). A path with
 * `{week}` stands for the folder in front of the placeholder (`sample/reads/ga4-{week}.csv` -> `sample/reads`).
 * Absolute paths; some may not exist yet (the override folder before the first override).
 */
export function watchPaths(loaded: LoadedConfig, templatesDir: string = DEFAULT_TEMPLATES_DIR): string[] {
  const { config } = loaded;
  const paths = [templatesDir.replace(/[\\/]+$/, ''), loaded.file, resolveConfigPath(loaded, config.issuesDir)];
  if (config.email.templatesDir) paths.push(resolveConfigPath(loaded, config.email.templatesDir));
  const local: string[] = [];
  for (const source of [...config.content, ...config.reads]) {
    if (!('path' in source) || source.path === undefined) continue;
    local.push(...(Array.isArray(source.path) ? source.path : [source.path]));
  }
  for (const path of local) {
    const placeholder = path.indexOf('{');
    const resolved = resolveConfigPath(loaded, path);
    paths.push(placeholder === -1 ? resolved : dirname(resolveConfigPath(loaded, `${path.slice(0, placeholder)}x`)));
  }
  return [...new Set(paths)];
}

/** The path itself when it exists, else its nearest existing ancestor: what to give the watcher. */
export function existingAncestor(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return current;
}
