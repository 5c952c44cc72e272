import type { Config } from '../config/schema.js';
import type { CheckResult, Digest, IssueLink, SectionKind } from '../types.js';
import { companyBlock } from './company-block.js';
import { dropLinkInto } from './dropped-link.js';
import { EMAIL_PALETTE } from './email-palette.js';
import { formatIssueDate } from './format-dates.js';
import { createLinkMarkers } from './link-markers.js';
import { renderIntro } from './render-intro.js';
import { storyViewer } from './story-view.js';
import type { BlockView, TemplateData } from './template-view.js';
import { openToken, type TokenSet } from './tokens.js';
import { trackedUrl, viewInBrowserUrl } from './tracked-url.js';

// What the templates see (the types: template-view.ts). Everything is finished here: URLs built (with UTM),
// dates and counts formatted, empty sections left out. Templates only place values; they never compute or build a URL.

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
  const dropped = dropLinkInto(checks);
  const markers = createLinkMarkers(tokens);
  const { mark, links } = markers;
  const { email, site } = config;
  const story = storyViewer(digest, config, markers, dropped);

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
