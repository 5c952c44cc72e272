// Links in the email are built here, in code, never in a template: templates receive finished URLs.
import { issueUrl } from '../web/public-links.js';

/** UTM parameters as configured (`email.utm`); `{issue}` in `campaign` becomes the issue key. */
export interface UtmConfig {
  source: string;
  medium: string;
  campaign: string;
}

/** The URL, normalised, when it is an absolute http(s) URL; otherwise undefined (the caller warns and drops it). */
export function httpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/**
 * The story's URL with UTM parameters set (`utm_content` = the section id), or undefined when it is not an
 * absolute http(s) URL. Existing `utm_*` parameters are replaced, other query parameters and the fragment kept.
 */
export function trackedUrl(
  raw: string | undefined,
  utm: UtmConfig,
  where: { issue: string; content: string },
): string | undefined {
  const href = httpUrl(raw);
  if (href === undefined) return undefined;
  const url = new URL(href);
  url.searchParams.set('utm_source', utm.source);
  url.searchParams.set('utm_medium', utm.medium);
  url.searchParams.set('utm_campaign', utm.campaign.replaceAll('{issue}', where.issue));
  url.searchParams.set('utm_content', where.content);
  return url.href;
}

/** The per-issue "view in browser" page: `<web.publicUrl>/issues/<issue key>` (the same for every subscriber). */
export function viewInBrowserUrl(publicUrl: string, issue: string): string {
  return issueUrl(publicUrl, issue);
}
