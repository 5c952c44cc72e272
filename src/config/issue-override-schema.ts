import { z } from 'zod';
import { FeaturedCompanyConfig } from './selection-schema.js';

/** What the editor changes about one story in this issue only (the source keeps its own text). */
export const StoryEdit = z
  .object({
    /** The headline shown in this issue. */
    title: z.string().trim().min(1, 'expected a headline; remove the key to keep the source\'s').optional(),
    /** The blurb shown in this issue; `""` shows none. */
    excerpt: z.string().trim().optional(),
    /** Moves the story into this section (a section id of `selection.sections`), at its top. */
    section: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a section id such as `opinion`').optional(),
  })
  .strict();
export type StoryEdit = z.infer<typeof StoryEdit>;

/**
 * An editor's per-issue overrides, in `<issuesDir>/<issue key>.yaml` (e.g. `config/issues/2026-W48.yaml`).
 * URLs name stories; they are compared after canonicalisation. The preview's buttons write this file too.
 */
export const IssueOverride = z
  .object({
    /** Stories the editor wants in: first in the featured section (else the first section that would take them). */
    pin: z.array(z.string().min(1)).default([]),
    /** Stories left out of this issue. */
    exclude: z.array(z.string().min(1)).default([]),
    /** Section id -> story URLs in the order wanted; stories not named keep their place after them. */
    order: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /**
     * Story URL -> its headline, blurb or section in this issue. Optional without a default, unlike the lists
     * above: an override written before this key existed must hash as it did, or its approval would look void.
     */
    stories: z.record(z.string().min(1), StoryEdit).optional(),
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
