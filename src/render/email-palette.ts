import type { EmailConfig } from '../config/email-schema.js';

// Every colour the email uses, in one place: the brand's (configured) and the template's own (fixed). The
// templates take them from the template data (`palette.*`), and the contrast check measures the same values,
// so what is checked is what is sent. The dark palette is fixed: clients that honour prefers-color-scheme
// get it whatever the brand, so no brand colour can make dark mode unreadable.

export interface EmailPalette {
  /** The card behind the stories. */
  card: string;
  /** Small print: by-lines, read counts, the footer and "view in your browser". */
  muted: string;
  /** Links in the footer. */
  footerLink: string;
  /** Rules and borders (not text). */
  border: string;
  /** Text on the primary-coloured header band. */
  onPrimary: string;
  /** The issue date on the header band. */
  headerMeta: string;
  /** Images-off box behind a picture. */
  imageBox: string;
  dark: {
    page: string;
    card: string;
    text: string;
    link: string;
    muted: string;
  };
}

export const EMAIL_PALETTE: EmailPalette = {
  card: '#ffffff',
  muted: '#5b6b7c',
  footerLink: '#3f4f60',
  border: '#dde3ea',
  onPrimary: '#ffffff',
  headerMeta: '#c9d6e3',
  imageBox: '#dde3ea',
  dark: { page: '#0e141b', card: '#17202b', text: '#dfe6ee', link: '#7fd4d4', muted: '#9fb3c8' },
};

export type Brand = Pick<EmailConfig['brand'], 'primaryColor' | 'accentColor' | 'backgroundColor' | 'textColor'>;

/** A text colour on a background, as the email shows it, named for messages. */
export interface ColourPair {
  where: string;
  /** The config key to change when it fails (absent for the fixed dark palette). */
  key?: string;
  text: string;
  background: string;
  scheme: 'light' | 'dark';
}

/** Every text-on-background pair of the email, light and dark. */
export function colourPairs(brand: Brand, p: EmailPalette = EMAIL_PALETTE): ColourPair[] {
  const light = (where: string, key: string | undefined, text: string, background: string): ColourPair =>
    key === undefined ? { where, text, background, scheme: 'light' } : { where, key, text, background, scheme: 'light' };
  const dark = (where: string, text: string, background: string): ColourPair => ({ where, text, background, scheme: 'dark' });
  return [
    light('body text on the card', 'email.brand.textColor', brand.textColor, p.card),
    light('headlines and their links on the card', 'email.brand.primaryColor', brand.primaryColor, p.card),
    light('labels, section headings and read counts on the card', 'email.brand.accentColor', brand.accentColor, p.card),
    light('by-lines on the card', undefined, p.muted, p.card),
    light('small print and "view in your browser" on the page background', 'email.brand.backgroundColor', p.muted, brand.backgroundColor),
    light('footer links on the page background', 'email.brand.backgroundColor', p.footerLink, brand.backgroundColor),
    light("the publication's name on the header band", 'email.brand.primaryColor', p.onPrimary, brand.primaryColor),
    light('the issue date on the header band', 'email.brand.primaryColor', p.headerMeta, brand.primaryColor),
    dark('body text on the card', p.dark.text, p.dark.card),
    dark('links and headlines on the card', p.dark.link, p.dark.card),
    dark('labels and by-lines on the card', p.dark.muted, p.dark.card),
    dark('small print and footer links on the page background', p.dark.muted, p.dark.page),
    dark("the header band (the brand's primary colour)", p.onPrimary, brand.primaryColor),
  ];
}
