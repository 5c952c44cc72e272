import { readFileSync } from 'node:fs';

/**
 * Roundup's version, from package.json at the package root (src/cli/ and the compiled dist/cli/ sit at the same
 * depth, so one relative path serves both).
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
