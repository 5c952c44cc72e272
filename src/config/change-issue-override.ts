import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { RoundupError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { editOverrideText, type OverrideAction, type SameStory } from './edit-override-text.js';
import { IssueOverride } from './issue-override-schema.js';
import { parseYamlWith, type LoadedConfig } from './load-config.js';
import { issueOverridePath } from './load-issue-override.js';

/** An override file before and after one change: what undo needs. `before` undefined: there was no file. */
export interface OverrideChange {
  file: string;
  before: string | undefined;
  after: string;
}

/** The text of a file, or undefined when it does not exist. */
export function readTextIfAny(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RoundupError('OVERRIDE_INVALID', `Issue override ${file} could not be read: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Applies one of the preview's actions to an issue's override file: read, edit through the YAML document (the
 * editor's comments and order kept), check the result against the schema, then write it whole (temp file and
 * rename). A result that would not load is never written; the error names the file and line.
 */
export function changeIssueOverride(loaded: LoadedConfig, issueKey: string, action: OverrideAction, sameStory: SameStory): OverrideChange {
  const file = issueOverridePath(loaded, issueKey);
  const shown = relative(process.cwd(), file) || file;
  const before = readTextIfAny(file);
  const after = editOverrideText(before, action, sameStory, shown);
  parseYamlWith(IssueOverride, after, shown, 'OVERRIDE_INVALID');
  if (after !== before) writeFileAtomic(file, after);
  return { file, before, after };
}
