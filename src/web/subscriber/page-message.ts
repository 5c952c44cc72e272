import { escapeHtml as esc } from '../../render/fill-tokens.js';
import { pageShell, type PageSite } from './page-shell.js';

/** A page that only says something: a result, an error, a pointer elsewhere. Text is escaped here. */
export function pageMessage(
  site: PageSite,
  message: { title: string; paragraphs: string[]; links?: { href: string; text: string }[] },
): string {
  const paragraphs = message.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const links = (message.links ?? []).map((l) => `<p><a href="${esc(l.href)}">${esc(l.text)}</a></p>`).join('\n');
  return pageShell(site, { title: message.title, body: `${paragraphs}\n${links}` });
}

/** The page for a link whose token is not valid (forged, altered, cut short, or for another page). */
export function pageBadLink(site: PageSite): string {
  return pageMessage(site, {
    title: 'This link does not work',
    paragraphs: [
      'The link may have been cut short or changed on its way. Open it again from the email, or copy the whole link into the address bar.',
      'Nothing was changed.',
    ],
  });
}

export function pageNotFound(site: PageSite): string {
  return pageMessage(site, {
    title: 'Page not found',
    paragraphs: ['There is nothing at this address.'],
    links: [{ href: '/issues/', text: 'See past issues' }],
  });
}
