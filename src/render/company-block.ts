import type { Config } from '../config/schema.js';
import type { Digest, FeaturedCompany } from '../types.js';
import type { DropLink } from './dropped-link.js';
import { shownImage } from './resized-image-url.js';
import { THUMB_WIDTH } from './story-view.js';
import type { BlockView } from './template-view.js';
import { httpUrl, trackedUrl } from './tracked-url.js';

/** The featured company as a block of the email: tracked link, logo with alt (else the name). */
export function companyBlock(
  digest: Digest,
  config: Config,
  dropped: DropLink,
): BlockView {
  const company = digest.featuredCompany as FeaturedCompany;
  const url = trackedUrl(company.url, config.email.utm, { issue: digest.issue, content: 'featured-company' });
  if (url === undefined) dropped(`the link of featured company "${company.name}"`, company.url, 'Fix `selection.featuredCompany.url`.');
  const view: NonNullable<BlockView['company']> = { name: company.name, description: company.description };
  if (url !== undefined) view.url = url;
  const logoUrl = company.logo ? httpUrl(company.logo.url) : undefined;
  if (company.logo && logoUrl === undefined) dropped(`the logo of "${company.name}"`, company.logo.url, 'Fix `selection.featuredCompany.logo.url`.');
  if (logoUrl !== undefined) {
    const thumb = shownImage(config.email.images.resize, { ...company.logo, url: logoUrl }, THUMB_WIDTH);
    view.logo = { url: logoUrl, alt: company.logo?.alt?.trim() || company.name, thumb };
  }
  return {
    partial: 'featured-company',
    id: 'featured-company',
    title: 'Featured Company',
    kind: 'company',
    isMostRead: false,
    isEvents: false,
    isCompany: true,
    stories: [],
    company: view,
  };
}
