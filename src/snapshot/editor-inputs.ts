import type { IssueOverride } from '../config/issue-override-schema.js';
import type { Config } from '../config/schema.js';
import type { TemplateFile } from '../render/load-templates.js';
import { hashValue } from './hash-value.js';
import type { SnapshotInputs } from './snapshot.js';

/** Hashes of the editor's inputs: the validated config, the issue's override (or none) and each template file. */
export function editorInputs(
  config: Config,
  templates: ReadonlyMap<string, Pick<TemplateFile, 'source'>>,
  override: IssueOverride | undefined,
): SnapshotInputs {
  const files: Record<string, string> = {};
  for (const name of [...templates.keys()].sort()) files[name] = hashValue(templates.get(name)!.source);
  return { config: hashValue(config), override: override === undefined ? null : hashValue(override), templates: files };
}

/** What changed between two sets of inputs, in the editor's words (empty: nothing). */
export function changedInputs(before: SnapshotInputs, after: SnapshotInputs): string[] {
  const changed: string[] = [];
  if (before.config !== after.config) changed.push('the config');
  if (before.override !== after.override) {
    changed.push(after.override === null ? 'the override file (removed)' : before.override === null ? 'the override file (new)' : 'the override file');
  }
  const names = [...new Set([...Object.keys(before.templates), ...Object.keys(after.templates)])].sort();
  for (const name of names) {
    if (before.templates[name] !== after.templates[name]) changed.push(`template ${name}`);
  }
  return changed;
}
