import type { SectionKind } from '../types.js';
import type { EmailPalette } from './email-palette.js';
import type { ShownImage } from './resized-image-url.js';

// The shape of the template data: what `{{...}}` in templates/ can name. Built by buildTemplateData
// (template-data.ts) and, for the featured company, companyBlock (company-block.ts); both import it from here.

export interface StoryView {
  title: string;
  /** Absolute http(s) URL with UTM parameters; absent when the story's URL was not usable (a check says so). */
  url?: string;
  excerpt: string;
  /** The source's URL, and the picture as the lead (552 px, requested at 2x) and as a thumbnail (96 px). */
  image?: { url: string; alt: string; lead: ShownImage; thumb: ShownImage };
  /** Category names, and the same joined with ` · ` for one line. */
  labels: string[];
  labelText: string;
  authors: string;
  /** 1-based position in its section. */
  rank: number;
  /** `1,234 reads` (most-read sections only). */
  reads?: string;
  /** `Thu 3 Dec 2026` and place (events only). */
  event?: { date?: string; location?: string };
}

/** One block of the email body, in order: a section, or the featured company. */
export interface BlockView {
  /** The partial that renders it in the MJML layout, e.g. `section-most-read`. */
  partial: string;
  id: string;
  title: string;
  kind: SectionKind | 'company';
  isMostRead: boolean;
  isEvents: boolean;
  isCompany: boolean;
  stories: StoryView[];
  company?: { name: string; url?: string; description: string; logo?: { url: string; alt: string; thumb: ShownImage } };
}

export interface TemplateData {
  lang: string;
  issue: string;
  issueDate: string;
  subject: string;
  preheader: string;
  publication: { name: string; url?: string };
  viewUrl: string;
  brand: {
    primaryColor: string;
    accentColor: string;
    backgroundColor: string;
    textColor: string;
    fontFamily: string;
    logo?: { url: string; alt: string; width: number };
    /** First family of `fontFamily`, with the stylesheet URL, only when `webFontUrl` is set. */
    webFont?: { name: string; url: string };
  };
  /** The template's own colours (see email-palette.ts), beside the brand's. */
  palette: EmailPalette;
  intro?: { html: string; text: string };
  blocks: BlockView[];
  footer: { postalAddress?: string; reason: string };
  /** The open pixel's marker (`tracking.opens`): the send fills it with a 1x1 image, the preview with nothing. */
  openPixel?: string;
  /** Per-subscriber tokens, filled after compiling (see fill-tokens.ts). */
  subscriber: { name: string; email: string; unsubscribeUrl: string; preferencesUrl: string };
}
