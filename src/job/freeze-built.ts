import type { Config } from '../config/schema.js';
import { messageHeadersFromConfig } from '../deliver/message-spec-from-config.js';
import { freezeIssue } from '../snapshot/freeze-issue.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { BuiltIssue } from './build-issue.js';

/** A built issue frozen with the config it was built from (its headers, templates, override and inputs). */
export function freezeBuilt(config: Config, built: BuiltIssue): Snapshot {
  return freezeIssue({
    digest: built.digest,
    rendered: built.rendered,
    config,
    templates: built.templates,
    override: built.override,
    headers: messageHeadersFromConfig(config, built.window.key),
  });
}
