import { z } from 'zod';

/** Sending over SMTP (delivery issue). */
export const DeliveryConfig = z.object({}).prefault({});
export type DeliveryConfig = z.infer<typeof DeliveryConfig>;
