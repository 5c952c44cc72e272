import { z } from 'zod';
import { HttpUrl } from './site-schema.js';

/** The preview server, the subscriber endpoints and the schedule (preview issue adds to this). */
export const WebConfig = z
  .object({
    /**
     * Public base URL of `roundup serve` (the subscriber endpoints): unsubscribe, preferences and
     * view-in-browser links in every email start with it.
     */
    publicUrl: HttpUrl.default('https://newsletter.identitywire.example'),
  })
  .strict()
  .prefault({});
export type WebConfig = z.infer<typeof WebConfig>;
