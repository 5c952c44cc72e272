import { z } from 'zod';
import { FeaturedCompanyConfig } from './selection-schema.js';

/**
 * An editor's per-issue overrides, in `<issuesDir>/<issue key>.yaml` (e.g. `config/issues/2026-W48.yaml`).
 * URLs name stories; they are compared after canonicalisation.
 */
export const IssueOverride = z.object({
  /** Stories the editor wants in: first in the featured section (else the first section that would take them). */
  pin: z.array(z.string().min(1)).default([]),
  /** Stories left out of this issue. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Section id -> story URLs in the order wanted; stories not named keep their place after them. */
  order: z.record(z.string(), z.array(z.string().min(1))).default({}),
  subject: z.string().min(1).optional(),
  preheader: z.string().min(1).optional(),
  /** Markdown. */
  intro: z.string().min(1).optional(),
  featuredCompany: FeaturedCompanyConfig.optional(),
})
  // Strict: a misspelt key (`exlude:`) is an error naming the file and line, not an override silently ignored.
  // Approval is not here: it is recorded in the database (`roundup approve`).
  .strict();
export type IssueOverride = z.infer<typeof IssueOverride>;
