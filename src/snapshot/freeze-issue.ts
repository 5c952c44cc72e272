import type { IssueOverride } from '../config/issue-override-schema.js';
import type { Config } from '../config/schema.js';
import { fillParts } from '../render/fill-tokens.js';
import type { TemplateFile } from '../render/load-templates.js';
import { neutralTokenValues } from '../render/neutral-token-values.js';
import type { Digest, RenderedIssue } from '../types.js';
import { editorInputs } from './editor-inputs.js';
import { hashValue } from './hash-value.js';
import { SNAPSHOT_VERSION, type Snapshot, type SnapshotHeaders } from './snapshot.js';

export interface FreezeInput {
  digest: Digest;
  rendered: RenderedIssue;
  config: Config;
  /** The template files the issue was rendered with. */
  templates: ReadonlyMap<string, TemplateFile>;
  override: IssueOverride | undefined;
  /** The shared headers from config; undefined when config has no `email.from`. */
  headers: SnapshotHeaders | undefined;
}

/** An issue as built, frozen: everything to produce every subscriber's message, and its hash. Pure. */
export function freezeIssue(input: FreezeInput): Snapshot {
  const { digest, rendered, config } = input;
  const templates: Record<string, string> = {};
  for (const name of [...input.templates.keys()].sort()) templates[name] = input.templates.get(name)!.source;
  const body: Omit<Snapshot, 'hash'> = {
    version: SNAPSHOT_VERSION,
    issue: digest.issue,
    window: digest.window,
    digest,
    subject: rendered.subject,
    preheader: rendered.preheader,
    parts: { html: rendered.html, text: rendered.text, tokens: rendered.tokens, links: rendered.links },
    headers: input.headers,
    publicCopy: fillParts(rendered, neutralTokenValues(config.web.publicUrl)),
    links: rendered.links,
    checks: rendered.checks,
    templates,
    config,
    inputs: editorInputs(config, input.templates, input.override),
  };
  return { ...body, hash: hashValue(body) };
}

/** The template files of a snapshot, as renderIssue takes them. */
export function snapshotTemplates(snapshot: Pick<Snapshot, 'templates' | 'issue'>): Map<string, TemplateFile> {
  return new Map(
    Object.entries(snapshot.templates).map(([name, source]) => [name, { name, file: `${name} (as frozen for ${snapshot.issue})`, source }]),
  );
}
