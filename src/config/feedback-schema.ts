import { z } from 'zod';

// `roundup feedback` and the webhooks of `roundup serve`: what comes back after the send. Passwords and signing
// keys come from the environment (env.ts), never from here.

const ImapConfig = z.strictObject({
  host: z.string().min(1),
  /** Default: 993 with `tls: implicit`, else 143. */
  port: z.number().int().min(1).max(65535).optional(),
  /** `implicit` (IMAPS, port 993), `starttls` (required), or `none`: only for a server on this machine. */
  tls: z.enum(['implicit', 'starttls', 'none']).default('implicit'),
  user: z.string().min(1),
  /** The mailbox the bounces, complaints and unsubscribe mails arrive in. */
  mailbox: z.string().min(1).default('INBOX'),
  /** Where a message goes once acted on (created when missing). */
  processedFolder: z.string().min(1).default('Roundup/Processed'),
  /** Where a message goes that is none of ours or cannot be matched to a message we sent (for a person to look at). */
  unmatchedFolder: z.string().min(1).default('Roundup/Unmatched'),
  /** `roundup schedule` reads the mailbox this often (minutes); 0 = never. */
  pollMinutes: z.number().int().min(0).max(1440).default(10),
});

export const FeedbackConfig = z
  .strictObject({
    /** N soft bounces (4.x.x, mailbox full, policy) within the last M issues sent mark the subscriber `bounced`. */
    softBounces: z
      .strictObject({
        count: z.number().int().min(1).max(100).default(3),
        issues: z.number().int().min(1).max(100).default(5),
      })
      .prefault({}),
    /** A message larger than this is not read (a bounce is a few KB; an abuse report with the original, a few hundred). */
    maxMessageBytes: z.number().int().min(10_000).max(100_000_000).default(10_000_000),
    imap: ImapConfig.optional(),
    webhooks: z
      .strictObject({
        /**
         * Amazon SES through SNS at `POST /webhooks/ses`: the topics (ARNs) whose notifications are acted on. Any
         * AWS account can sign a message for its own topic, so only these are believed.
         */
        ses: z.strictObject({ topicArns: z.array(z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'expected a topic ARN such as `arn:aws:sns:eu-west-1:123456789012:roundup-feedback`')).min(1) }).optional(),
        /** Mailgun at `POST /webhooks/mailgun` (needs MAILGUN_WEBHOOK_SIGNING_KEY). */
        mailgun: z.boolean().default(false),
        /** A call signed longer ago than this (seconds) is refused as a replay. */
        maxAgeSeconds: z.number().int().min(60).max(86_400).default(900),
      })
      .prefault({}),
  })
  .prefault({});
export type FeedbackConfig = z.infer<typeof FeedbackConfig>;
export type ImapConfig = z.infer<typeof ImapConfig>;
