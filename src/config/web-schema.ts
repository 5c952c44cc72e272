import { Cron } from 'croner';
import { z } from 'zod';
import { HttpUrl } from './site-schema.js';

/** Whether croner accepts `pattern` (5 fields, or 6 with seconds first). */
function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** The preview server, the subscriber endpoints and the schedule (preview issue adds to this). */
export const WebConfig = z
  .object({
    /**
     * Public base URL of `roundup serve` (the subscriber endpoints): unsubscribe, preferences and
     * view-in-browser links in every email start with it.
     */
    publicUrl: HttpUrl.default('https://newsletter.identitywire.example'),
    /** `roundup preview`: the editors' local preview server (always bound to 127.0.0.1). */
    preview: z
      .object({
        /** Port when `--port` is not given. */
        port: z.number().int().min(0).max(65535).default(4000),
        /** How many past weeks the week picker offers (besides the week in progress). */
        weeksBack: z.number().int().min(1).max(104).default(8),
      })
      .strict()
      .prefault({}),
    /** `roundup serve`: the subscriber endpoints (unsubscribe, preferences, sign-up, issue pages). */
    serve: z
      .object({
        /** Port when `--port` is not given. */
        port: z.number().int().min(0).max(65535).default(8080),
        /** Address to bind when `--host` is not given; put a TLS-terminating proxy in front for `publicUrl`. */
        host: z.string().min(1).default('127.0.0.1'),
        /**
         * Behind a reverse proxy every connection comes from the proxy: set this so the sign-up rate limit
         * counts the client address the proxy appends to `X-Forwarded-For` instead.
         */
        trustProxy: z.boolean().default(false),
        signup: z
          .object({
            /** Off: no sign-up form (and `roundup serve` does not need SMTP_URL). */
            enabled: z.boolean().default(true),
            /** Sign-ups accepted per client address per hour (in memory; a restart forgets). */
            perHour: z.number().int().min(1).max(10_000).default(5),
            /** Days a confirmation link works; each link works once. */
            confirmDays: z.number().int().min(1).max(90).default(7),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** `roundup run` and `roundup schedule`: the weekly job (build, check, wait for approval if asked, send). */
    schedule: z
      .object({
        /**
         * When `roundup schedule` runs the job: a cron expression (minute hour day-of-month month day-of-week,
         * or with seconds first) in the publication's time zone (`site.timezone`). Default: Mondays 07:00.
         */
        cron: z.string().min(1).default('0 7 * * 1').refine(isCronPattern, {
          message: 'expected a cron expression such as `0 7 * * 1` (Mondays 07:00)',
        }),
        /**
         * Send only issues an editor approved (`roundup approve` or the preview's button). Off: the job sends on
         * its own once the issue passes its checks.
         */
        requireApproval: z.boolean().default(false),
        /**
         * When the editor's own inputs (the override file, templates, config) change after an approval:
         * `reapprove` (the default) sends nothing until the new version is approved; `send-approved` sends the
         * version that was approved. Either way what goes out is an approved snapshot, never a rebuild.
         */
        onChangeAfterApproval: z.enum(['reapprove', 'send-approved']).default('reapprove'),
        /**
         * While an issue waits for approval, `roundup schedule` runs the job again every this many minutes
         * (until approved or until the next cron time); 0 = only at cron times.
         */
        approvalRecheckMinutes: z.number().int().min(0).max(1440).default(15),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});
export type WebConfig = z.infer<typeof WebConfig>;
