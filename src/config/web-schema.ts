import { z } from 'zod';

/** The preview server, the subscriber endpoints and the schedule (preview issue). */
export const WebConfig = z.object({}).prefault({});
export type WebConfig = z.infer<typeof WebConfig>;
