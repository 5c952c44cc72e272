import type { Config } from '../config/schema.js';
import type { CheckResult, Digest, DigestStory, IssueLink, Section, SectionKind } from '../types.js';
import { companyBlock } from './company-block.js';
import { formatEventDate, formatIssueDate } from './format-dates.js';
import { EMAIL_PALETTE } from './email-palette.js';
import { renderIntro } from './render-intro.js';
import { shownImage } from './resized-image-url.js';
import { storyLabeler } from './story-labels.js';
import type { BlockView, StoryView, TemplateData } from './template-view.js';
import { linkToken, openToken, type TokenSet } from './tokens.js';
import { httpUrl, trackedUrl, viewInBrowserUrl } from './tracked-url.js';

// What the templates see (the types: template-view.ts). Everything is finished here: URLs built (with UTM),
// dates and counts formatted, empty sections left out. Templates only place values; they never compute or build a URL.

/** Shown widths in px: the lead image fills the 600 px body less 24 px padding each side; thumbnails on desktop. */
export const LEAD_IMAGE_WIDTH = 552;
export const THUMB_WIDTH = 96;

const PARTIALS: Record<SectionKind, string> = {
  'most-read': 'section-most-read',
  featured: 'section-featured',
  latest: 'section-latest',
  category: 'section-category',
  events: 'section-events',
  whitepapers: 'section-whitepapers',
};

/** Builds the template data and the warnings found on the way (dropped links). */
export function buildTemplateData(
  digest: Digest,
  config: Config,
  lines: { subject: string; preheader: string },
  tokens: TokenSet,
): { data: TemplateData; checks: CheckResult[]; links: IssueLink[] } {
  const checks: CheckResult[] = [];
  const links: IssueLink[] = [];
  // Each content link is a marker in the render (tokens.ts: `LINK<n>` stands for links[n]): the send fills it
  // with the click URL, the preview and the public copy with the link's own URL. One marker per link id.
  const mark = (link: IssueLink): string => {
    let at = links.findIndex((l) => l.id === link.id);
    if (at < 0) at = links.push(link) - 1;
    return linkToken(tokens, at);
  };
  const { email, site } = config;
  const numbers = new Intl.NumberFormat(site.language);
  const dropped = (what: string, value: string | undefined, fix: string) =>
    checks.push({
      level: 'warning',
      code: 'link-not-https',
      message: `Dropped ${what}: \`${value ?? ''}\` is not an absolute http(s) URL. ${fix}`,
    });

  const labelsOf = storyLabeler(config.selection);
  const story = (s: DigestStory, index: number, section: Section): StoryView => {
    const url = trackedUrl(s.url, email.utm, { issue: digest.issue, content: section.id });
    if (url === undefined) dropped(`the link of "${s.title}" in section \`${section.id}\``, s.url, 'Fix the story URL in its source.');
    const imageUrl = s.image ? httpUrl(s.image.url) : undefined;
    if (s.image && imageUrl === undefined) dropped(`the image of "${s.title}"`, s.image.url, 'Fix the image URL in the source.');
    const labels = labelsOf(s.categories);
    const view: StoryView = {
      title: s.title,
      excerpt: s.excerpt,
      labels,
      labelText: labels.join(' · '),
      authors: s.authors.join(', '),
      rank: index + 1,
    };
    if (url !== undefined) view.url = mark({ id: `${section.id}:${index + 1}`, url, kind: 'story', section: section.id, story: s.url });
    if (imageUrl !== undefined) {
      const image = { ...s.image, url: imageUrl };
      const resize = email.images.resize;
      view.image = {
        url: imageUrl,
        alt: s.image?.alt?.trim() || s.title,
        lead: shownImage(resize, image, LEAD_IMAGE_WIDTH, 2),
        thumb: shownImage(resize, image, THUMB_WIDTH),
      };
    }
    if (section.kind === 'most-read' && email.showReadCounts !== false) view.reads = `${numbers.format(s.reads)} ${s.reads === 1 ? 'read' : 'reads'}`;
    if (s.event) {
      const date = formatEventDate(s.event, digest.window.timeZone || site.timezone);
      view.event = {};
      if (date !== undefined) view.event.date = date;
      if (s.event.location) view.event.location = s.event.location;
    }
    return view;
  };

  // the header's link first: links keep the order of the email
  const siteUrl = trackedUrl(digest.publication.url, email.utm, { issue: digest.issue, content: 'header' });
  const headerHref = siteUrl === undefined ? undefined : mark({ id: 'header', url: siteUrl, kind: 'header', section: 'header' });
  const blocks: BlockView[] = [];
  for (const section of digest.sections) {
    // Left out of the email; emptySectionChecks tells the editor.
    if (section.stories.length === 0) continue;
    blocks.push({
      partial: PARTIALS[section.kind],
      id: section.id,
      title: section.title,
      kind: section.kind,
      isMostRead: section.kind === 'most-read',
      isEvents: section.kind === 'events',
      isCompany: false,
      stories: section.stories.map((s, i) => story(s, i, section)),
    });
  }
  if (digest.featuredCompany) {
    // After the editor's picks when there are some, else after the first section.
    const at = blocks.findIndex((b) => b.kind === 'featured');
    const company = companyBlock(digest, config, dropped);
    blocks.splice(at >= 0 ? at + 1 : Math.min(1, blocks.length), 0, company);
    if (company.company?.url) {
      company.company.url = mark({ id: 'featured-company', url: company.company.url, kind: 'company', section: 'featured-company' });
    }
  }

  const accent = email.brand.accentColor;
  const data: TemplateData = {
    lang: site.language,
    issue: digest.issue,
    issueDate: formatIssueDate(digest.sendDate),
    subject: lines.subject,
    preheader: lines.preheader,
    publication: { name: digest.publication.name },
    viewUrl: viewInBrowserUrl(config.web.publicUrl, digest.issue),
    brand: {
      primaryColor: email.brand.primaryColor,
      accentColor: accent,
      backgroundColor: email.brand.backgroundColor,
      textColor: email.brand.textColor,
      fontFamily: email.brand.fontFamily,
    },
    palette: EMAIL_PALETTE,
    blocks,
    footer: {
      reason: email.reason ?? `You get this email because you subscribed to ${digest.publication.name}'s weekly roundup.`,
    },
    subscriber: { ...tokens },
  };
  if (headerHref !== undefined) data.publication.url = headerHref;
  if (config.tracking.opens) data.openPixel = openToken(tokens);
  if (email.brand.logo) data.brand.logo = email.brand.logo;
  if (email.brand.webFontUrl) {
    const name = email.brand.fontFamily.split(',')[0]!.trim().replace(/^['"]|['"]$/g, '');
    data.brand.webFont = { name, url: email.brand.webFontUrl };
  }
  if (email.postalAddress) data.footer.postalAddress = email.postalAddress;
  if (digest.intro?.trim()) {
    data.intro = renderIntro(digest.intro, {
      linkStyle: `color:${accent};text-decoration:underline`,
      track: (url) => {
        const tracked = trackedUrl(url, email.utm, { issue: digest.issue, content: 'intro' }) ?? url;
        const known = links.find((l) => l.kind === 'intro' && l.url === tracked);
        return mark(known ?? { id: `intro:${links.filter((l) => l.kind === 'intro').length + 1}`, url: tracked, kind: 'intro', section: 'intro' });
      },
    });
  }
  return { data, checks, links };
}
