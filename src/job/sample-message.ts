import { randomBytes } from 'node:crypto';
import type { LoadedConfig, RoundupEnv } from '../config/index.js';
import { compileMessage } from '../deliver/compile-message.js';
import { addressDomain } from '../deliver/header-encoding.js';
import { messageSpecFromConfig } from '../deliver/message-spec-from-config.js';
import { recipientFields } from '../deliver/recipient-fields.js';
import type { RenderedIssue } from '../types.js';

/** The sample subscriber of `preview.eml`. Subscriber id 0 exists in no database: its links unsubscribe nobody. */
export const SAMPLE_RECIPIENT = { subscriberId: 0, email: 'reader@example.com', name: 'Sample Reader' } as const;

/**
 * The complete message the sample subscriber would receive, built by the same code as every real send
 * (compiled once, values spliced in). Without ROUNDUP_SECRET its links are signed with a throwaway key.
 */
export function sampleMessage(loaded: LoadedConfig, env: RoundupEnv, rendered: RenderedIssue, now: Date): Buffer {
  const { config } = loaded;
  const spec = messageSpecFromConfig(config, rendered, now, loaded.file);
  const links = {
    issue: rendered.issue,
    secret: env.secret ?? randomBytes(24).toString('hex'),
    publicUrl: config.web.publicUrl,
    messageDomain: addressDomain(spec.from.address),
  };
  return compileMessage(spec).render(recipientFields(SAMPLE_RECIPIENT, links));
}
