import { z } from 'zod';
import { DeliveryConfig } from './delivery-schema.js';
import { EmailConfig } from './email-schema.js';
import { FeedbackConfig } from './feedback-schema.js';
import { SelectionConfig } from './selection-schema.js';
import { SiteConfig } from './site-schema.js';
import { TrackingConfig } from './tracking-schema.js';
import { ContentSourceConfig, ReadSourceConfig } from './sources-schema.js';
import { WebConfig } from './web-schema.js';

/** `config/roundup.yaml`: the whole configuration. Secrets never live here; see `env.ts`. */
export const Config = z
  .object({
    site: SiteConfig,
    content: z.array(ContentSourceConfig).min(1),
    reads: z.array(ReadSourceConfig).default([]),
    selection: SelectionConfig,
    /** Per-issue override files live here (relative to the config file). */
    issuesDir: z.string().min(1).default('issues'),
    /** Where `roundup build` writes `<issue key>/...` (relative to the working directory). */
    outDir: z.string().min(1).default('out'),
    email: EmailConfig,
    delivery: DeliveryConfig,
    web: WebConfig,
    /** Clicks and opens (src/web/clicks). */
    tracking: TrackingConfig,
    /** Bounces, complaints, the unsubscribe mailbox (src/feedback). */
    feedback: FeedbackConfig,
  })
  .strict();
export type Config = z.infer<typeof Config>;
