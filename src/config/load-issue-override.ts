import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RoundupError } from '../errors.js';
import { IssueOverride } from './issue-override-schema.js';
import { parseYamlWith, resolveConfigPath, type LoadedConfig } from './load-config.js';

/** Where an issue's override file lives: `<issuesDir>/<issue key>.yaml`, relative to the config file. */
export function issueOverridePath(loaded: LoadedConfig, issueKey: string): string {
  return join(resolveConfigPath(loaded, loaded.config.issuesDir), `${issueKey}.yaml`);
}

/** Reads an issue's override file; no file means no overrides. Errors name the file, line and key. */
export function loadIssueOverride(loaded: LoadedConfig, issueKey: string): IssueOverride | undefined {
  const file = issueOverridePath(loaded, issueKey);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RoundupError('OVERRIDE_INVALID', `Issue override ${file} could not be read: ${(cause as Error).message}`, { cause });
  }
  return parseYamlWith(IssueOverride, text, relative(process.cwd(), file) || file, 'OVERRIDE_INVALID');
}
