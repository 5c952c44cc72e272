import { z } from 'zod';

/** How the email looks and reads (rendering issue). */
export const EmailConfig = z.object({}).prefault({});
export type EmailConfig = z.infer<typeof EmailConfig>;
