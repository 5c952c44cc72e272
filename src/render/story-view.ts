import type { Config } from '../config/schema.js';
import type { Digest, DigestStory, Section } from '../types.js';
import type { DropLink } from './dropped-link.js';
import { formatEventDate } from './format-dates.js';
import type { LinkMarkers } from './link-markers.js';
import { shownImage } from './resized-image-url.js';
import { storyLabeler } from './story-labels.js';
import type { StoryView } from './template-view.js';
import { httpUrl, trackedUrl } from './tracked-url.js';

/** Shown widths in px: the lead image fills the 600 px body less 24 px padding each side; thumbnails on desktop. */
export const LEAD_IMAGE_WIDTH = 552;
export const THUMB_WIDTH = 96;

/**
 * How a story of a section looks to the templates: its link (with UTM, as a marker), labels, authors, rank, image
 * sizes, read count (most-read, unless `email.showReadCounts` is false) and event date. A link or image that is not
 * http(s) is left out and reported through `dropped`.
 */
export function storyViewer(digest: Digest, config: Config, markers: LinkMarkers, dropped: DropLink) {
  const { email, site } = config;
  const numbers = new Intl.NumberFormat(site.language);
  const labelsOf = storyLabeler(config.selection);
  return (s: DigestStory, index: number, section: Section): StoryView => {
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
    if (url !== undefined) view.url = markers.mark({ id: `${section.id}:${index + 1}`, url, kind: 'story', section: section.id, story: s.url });
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
}
