import { z } from 'zod';
import { HttpUrl } from './site-schema.js';

// How the email looks and reads (rendering issue). Every key has a default, so a config may leave the whole
// `email:` block out and still get a readable newsletter; a publication restyles it here, never in templates.

/** A CSS colour the templates can put in typed MJML attributes: `#rgb` or `#rrggbb`. */
const HexColor = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'expected a hex colour such as `#0b2545`');

/** A CSS font stack, e.g. `Georgia, 'Times New Roman', serif`; no characters that could end a style. */
const FontFamily = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9 ,'"-]+$/, 'expected a font stack such as `Helvetica, Arial, sans-serif`');

/** `https://i0.wp.com/{hostAndPath}?w={width}`, `https://img.example/rs:fit:{width}/plain/{rawUrl}`, ... */
const ResizePattern = z
  .string()
  .refine((p) => p.includes('{width}'), { message: 'expected `{width}` in the pattern, e.g. `https://i0.wp.com/{hostAndPath}?w={width}`' })
  .refine((p) => /\{(url|rawUrl|hostAndPath)\}/.test(p), { message: 'expected `{url}`, `{rawUrl}` or `{hostAndPath}` in the pattern' })
  .refine((p) => /^https?:\/\/[^/{}\s]+/i.test(p) && !/\s/.test(p), { message: 'expected an absolute http(s) URL pattern starting with the resizer\'s host' });

const Brand = z
  .object({
    /** Header band, headings and buttons. */
    primaryColor: HexColor.default('#0b2545'),
    /** Links, labels and rules. */
    accentColor: HexColor.default('#0f7c7c'),
    /** Page background around the email body. */
    backgroundColor: HexColor.default('#eef2f6'),
    /** Body text. */
    textColor: HexColor.default('#1d2733'),
    fontFamily: FontFamily.default('Helvetica, Arial, sans-serif'),
    /** The publication's logo in the header; without one the header shows the publication's name as text. */
    logo: z
      .object({
        url: HttpUrl,
        alt: z.string().min(1),
        width: z.number().int().min(16).max(600).default(180),
        /** Shown height in px (width and height keep the layout when images are off); default: the logo's width / 3. */
        height: z.number().int().min(8).max(600).optional(),
      })
      .strict()
      .optional(),
    /**
     * A web font stylesheet (e.g. a Google Fonts CSS URL). Only when set does the email carry a font <link>;
     * name the font first in `fontFamily`.
     */
    webFontUrl: HttpUrl.optional(),
  })
  .strict()
  .prefault({});

export const EmailConfig = z
  .object({
    /**
     * The sender. Use an address on the publication's own domain so SPF/DKIM/DMARC align, e.g.
     * `newsletter@identitywire.example`. `name` defaults to `site.name`. Sending needs it; rendering does not.
     */
    from: z
      .object({
        name: z.string().min(1).optional(),
        address: z.email(),
      })
      .strict()
      .optional(),
    replyTo: z.email().optional(),
    /** The publisher's postal address, shown in every footer (CAN-SPAM); without it the checks warn. */
    postalAddress: z.string().min(1).optional(),
    /** Why the reader gets this email, shown in the footer. Default: "You get this email because you subscribed to <site name>'s weekly roundup." */
    reason: z.string().min(1).optional(),
    brand: Brand,
    /**
     * A folder (relative to the config file) whose files replace the bundled templates of the same name,
     * e.g. `partials/footer.mjml` or `text.hbs`.
     */
    templatesDir: z.string().min(1).optional(),
    /** UTM parameters added to every story link; `{issue}` in `campaign` becomes the issue key. */
    utm: z
      .object({
        source: z.string().min(1).default('roundup'),
        medium: z.string().min(1).default('email'),
        campaign: z.string().min(1).default('weekly-{issue}'),
      })
      .strict()
      .prefault({}),
    /** Handlebars templates for the subject and preheader (plain text); an issue's own subject/preheader wins. */
    subject: z.string().min(1).optional(),
    preheader: z.string().min(1).optional(),
    /**
     * Show each most-read story's read count in the email ("1,234 reads"). Off for a publication that does not
     * want its numbers public; the ranking stays. Optional without a default: absent means shown (and a config
     * written before the key existed hashes as it did, so an approval stays valid).
     */
    showReadCounts: z.boolean().optional(),
    /** Story images: how they are requested. */
    images: z
      .strictObject({
        /**
         * A resizing URL (a CDN, WordPress Photon, imgproxy), with `{width}` and one of `{url}` (the image URL
         * percent-encoded, for a query parameter), `{rawUrl}` (as is) or `{hostAndPath}` (without `https://`, for
         * Photon). The lead image is asked for at twice its slot (sharp on high-density screens), thumbnails at
         * their display size. Off: images are used as the source gives them.
         */
        resize: ResizePattern.optional(),
      })
      .prefault({}),
    /** HTML size limits, in KB measured after personalisation: Gmail clips a message past about 102 KB. */
    checks: z
      .object({
        warnKb: z.number().positive().default(90),
        errorKb: z.number().positive().default(102),
      })
      .strict()
      .refine((c) => c.warnKb <= c.errorKb, { message: 'expected `warnKb` to be at most `errorKb`' })
      .prefault({}),
  })
  .strict()
  .prefault({});
export type EmailConfig = z.infer<typeof EmailConfig>;
