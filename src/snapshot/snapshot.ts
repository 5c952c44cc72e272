// The frozen issue (glossary: snapshot). When an issue is approved, or when its send starts with approval off,
// everything needed to produce every subscriber's message is stored in the database: from then on sending,
// resuming, retrying, test sends, "view in browser" and the archive use it, never `out/` and never the
// current templates. Its `hash` covers all of it; `inputs` hashes what the editor controls (config, templates,
// the override file), so a draft can tell which of them changed since.
import type { Config } from '../config/schema.js';
import type { MessageHeaders } from '../deliver/message-spec.js';
import type { Personalisable } from '../render/tokens.js';
import type { CheckResult, Digest, IssueLink, WeekWindow } from '../types.js';

export const SNAPSHOT_VERSION = 1;

/** Hashes of the editor's own inputs: a change to any of them after approval asks for a new approval. */
export interface SnapshotInputs {
  /** The validated config. */
  config: string;
  /** The per-issue override file, or null when there is none. */
  override: string | null;
  /** Each template file by name (`layout.mjml`, `partials/footer.mjml`, ...). */
  templates: Record<string, string>;
}

/** The headers every message of the issue shares, as config had them when it was frozen. */
export type SnapshotHeaders = MessageHeaders;

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  issue: string;
  window: WeekWindow;
  digest: Digest;
  subject: string;
  preheader: string;
  /** The default message's parts, per-subscriber markers in. */
  parts: Personalisable;
  /** Absent when config had no `email.from` at freezing: such a snapshot cannot be sent (approve again after adding it). */
  headers?: SnapshotHeaders | undefined;
  /** "View in browser" and the archive: the parts filled with nobody's data. */
  publicCopy: { html: string; text: string };
  links: IssueLink[];
  checks: CheckResult[];
  /** What topic variants are rendered from: the template sources and the config, as they were. */
  templates: Record<string, string>;
  config: Config;
  inputs: SnapshotInputs;
  /** SHA-256 over everything above. */
  hash: string;
}

/** Why and when it was frozen, as the store keeps it beside the body. */
export interface StoredSnapshot {
  snapshot: Snapshot;
  frozenAt: string;
  frozenBy: 'approval' | 'send';
}
