import { z } from 'zod';

// Sending over SMTP (delivery issue). The SMTP server and its credentials come from `SMTP_URL` (environment),
// never from here; the DKIM private key is read from `dkim.keyFile`, never written in the config.

/** RFC 2919 list identifier: `list-label.domain`, optionally after a phrase: `Identity Wire <weekly.identitywire.example>`. */
const LIST_ID = /^(?:[\x20\x21\x23-\x3b\x3d\x3f-\x7e]*\x20)?<?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*)+>?$/;

const Domain = z
  .string()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/, {
    message: 'expected a domain name such as `identitywire.example`',
  });

export const DkimConfig = z.strictObject({
  /** The signing domain (d=), normally the From address's domain. */
  domain: Domain,
  /** The selector (s=): the public key is published at `<selector>._domainkey.<domain>`. */
  selector: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'expected a DKIM selector such as `roundup2026`' }),
  /** PEM file with the private key, relative to the config file's folder. */
  keyFile: z.string().min(1),
});
export type DkimConfig = z.infer<typeof DkimConfig>;

export const DeliveryConfig = z
  .object({
    /**
     * `List-Id` (RFC 2919), e.g. `Identity Wire <weekly.identitywire.example>`. Default: the site's name and the
     * host of `web.publicUrl`.
     */
    listId: z.string().regex(LIST_ID, { message: 'expected `Name <label.domain>` or `label.domain`' }).optional(),
    /**
     * `Feedback-ID` (Gmail's feedback loop, `a:b:c:SenderId`); `{issue}` becomes the issue key. Default: the issue,
     * `roundup` and the list's identifier, e.g. `2026-W48:roundup:newsletter.identitywire.example`.
     */
    feedbackId: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, { message: 'expected printable ASCII without spaces, e.g. `{issue}:weekly:identitywire`' })
      .optional(),
    /**
     * The mailto in `List-Unsubscribe`, as `<local>+<signed token>@<domain>` (the mailbox must accept `+`
     * subaddresses). Default: `unsubscribe@<the From address's domain>`.
     */
    unsubscribeMailto: z
      .string()
      .email()
      .refine((v) => v.split('@')[0]!.length <= 20, {
        message: 'keep the local part to 20 characters: each mail adds `+<token>` to it (a local part holds 64)',
      })
      .optional(),
    /**
     * The envelope sender (VERP): `{token}` becomes a signed token naming the issue and the subscriber, so a
     * bounce names who it is about, e.g. `bounces+{token}@identitywire.example`. Default: the From address.
     */
    returnPath: z
      .string()
      .regex(/^[A-Za-z0-9._+-]*\{token\}[A-Za-z0-9._+-]*@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, {
        message: 'expected an address with `{token}` in its local part, e.g. `bounces+{token}@identitywire.example`',
      })
      .refine((v) => v.split('@')[0]!.replace('{token}', '').length <= 20, { message: 'keep the local part around `{token}` to 20 characters (a local part holds 64)' })
      .optional(),
    pool: z
      .object({
        /** Parallel SMTP connections. */
        maxConnections: z.number().int().min(1).max(100).default(10),
        /** Messages per connection before it is recycled. */
        maxMessages: z.number().int().min(1).max(100_000).default(100),
      })
      .strict()
      .prefault({}),
    /** Messages per second across the pool; 0 = no limit. */
    rateLimit: z.number().int().min(0).max(100_000).default(0),
    /** Messages handed to the pool and not yet answered, at most. Also the bound on duplicates after a crash. */
    inFlight: z.number().int().min(1).max(1000).default(20),
    retry: z
      .object({
        /** Attempts per recipient for temporary failures (4xx, dropped connections), the first included. */
        attempts: z.number().int().min(1).max(20).default(4),
        /** First backoff; doubled on every further attempt, with jitter. */
        baseMs: z.number().int().min(0).max(3_600_000).default(2_000),
        maxMs: z.number().int().min(0).max(3_600_000).default(60_000),
      })
      .strict()
      .prefault({}),
    /**
     * How long to wait on the SMTP server: `connectMs` for the TCP connection and the greeting, `socketMs` for
     * any reply once connected (after DATA included: a server that hangs there is given up after it).
     */
    timeouts: z
      .object({
        connectMs: z.number().int().min(100).max(600_000).default(30_000),
        socketMs: z.number().int().min(100).max(3_600_000).default(120_000),
      })
      .strict()
      .prefault({}),
    /**
     * Several senders of one issue (processes, machines) lease rows of the ledger for this long, renewing while
     * they run; a sender that dies holds its rows until its lease runs out, then the others send them (one on the
     * same machine takes them at once). Longer than any SMTP reply can take.
     */
    leaseSeconds: z.number().int().min(5).max(3600).default(120),
    /** This many errors in a row pause the run (rows stay pending; run again to resume). */
    pauseAfterConsecutiveErrors: z.number().int().min(1).max(100_000).default(20),
    /**
     * DKIM: `{ domain, selector, keyFile }` to sign here, or `relay` when the SMTP relay signs (a provider such as
     * SES, Postmark or Mailgun). Neither: `roundup doctor` and every send warn (or fail, `doctor.missingDkim`).
     */
    dkim: z
      .union([DkimConfig, z.literal('relay')], {
        error: 'expected `{ domain, selector, keyFile }` (Roundup signs) or `relay` (the SMTP relay signs)',
      })
      .optional(),
    /** The deliverability checks of `roundup doctor`, which a real send also runs first. */
    doctor: z
      .strictObject({
        /**
         * DNS look-ups (DKIM key, SPF, DMARC, MX) before a real send: `auto` skips them when SMTP_URL is on
         * this machine (127.0.0.0/8, ::1, localhost: a test server or a local MTA, which the doctor command
         * still checks); `always`; `never`.
         */
        dns: z.enum(['auto', 'always', 'never']).default('auto'),
        /** `host:port` of the DNS server to ask (split-horizon DNS); default: the system's. */
        resolver: z
          .string()
          .regex(/^(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+)(:\d{1,5})?$/, { message: 'expected an IP address with an optional port, e.g. `10.0.0.53:53`' })
          .optional(),
        /** Without DKIM (no key, not `relay`): `warn` (the default) or `fail` (a send refuses to start). */
        missingDkim: z.enum(['warn', 'fail']).default('warn'),
      })
      .prefault({}),
  })
  .strict()
  .prefault({});
export type DeliveryConfig = z.infer<typeof DeliveryConfig>;
