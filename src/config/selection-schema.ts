import { z } from 'zod';
import { HttpUrl } from './site-schema.js';

export const ImageConfig = z.object({
  url: HttpUrl,
  alt: z.string().min(1),
  /** The image's own size in px: the email sets width and height from it, so it keeps its place when images are off. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
}).strict();

export const FeaturedCompanyConfig = z.object({
  name: z.string().min(1),
  url: HttpUrl,
  description: z.string().min(1),
  logo: ImageConfig.optional(),
}).strict();
export type FeaturedCompanyConfig = z.infer<typeof FeaturedCompanyConfig>;

export const SectionConfig = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a slug such as `most-read`'),
  title: z.string().min(1),
  /**
   * most-read: eligible stories by reads; featured: editor picks; latest: newest first;
   * category/whitepapers: stories in `categories`/`tags`, by reads then date; events: upcoming events by date.
   */
  kind: z.enum(['most-read', 'featured', 'latest', 'category', 'events', 'whitepapers']),
  categories: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
  count: z.number().int().min(1).max(50).default(5),
}).strict();
export type SectionConfig = z.infer<typeof SectionConfig>;

export const SelectionConfig = z.object({
  /** Which stories may rank: those published inside the window, or within the last N days of its end. */
  eligible: z
    .union([z.literal('window'), z.strictObject({ days: z.number().int().min(1).max(366) })])
    .default('window'),
  /** Fewer new stories than this in the window means no issue. */
  minNewStories: z.number().int().min(0).default(3),
  featured: z
    .object({
      /** Editor picks by URL. */
      urls: z.array(HttpUrl).default([]),
      /** WordPress sticky posts count as picks. */
      sticky: z.boolean().default(true),
      /** Stories with this tag count as picks. */
      tag: z.string().min(1).optional(),
    })
    .strict()
    .prefault({}),
  featuredCompany: FeaturedCompanyConfig.optional(),
  /** Sections in the order the email shows them; a story goes to the first section that claims it. */
  sections: z.array(SectionConfig).min(1),
}).strict();
export type SelectionConfig = z.infer<typeof SelectionConfig>;
