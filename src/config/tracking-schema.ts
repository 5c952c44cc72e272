import { z } from 'zod';

/** What the email's links and an optional open pixel record (`roundup serve` counts them; `roundup report` shows them). */
export const TrackingConfig = z
  .strictObject({
    /** Every content link goes through `web.publicUrl/c/<token>`, which counts the click and redirects (302). */
    clicks: z.boolean().default(true),
    /**
     * Click (and open) links name the subscriber too, so the report counts people, not clicks, and early clicks
     * (a scanner's) are told by the time since that person's delivery. Off: the links are the same for everyone.
     */
    perSubscriber: z.boolean().default(false),
    /** A 1x1 image counting opens (Apple Mail Privacy Protection loads every image: opens are noise). */
    opens: z.boolean().default(false),
    /** A click this many seconds or less after its delivery is a link scanner's (needs `perSubscriber`). */
    scannerSeconds: z.number().int().min(0).max(3600).default(10),
    /** More user-agent fragments (case-insensitive) of link scanners, beside the known ones. */
    scannerAgents: z.array(z.string().min(3).max(100)).default([]),
  })
  .prefault({});
export type TrackingConfig = z.infer<typeof TrackingConfig>;
