import type { IssueLink } from '../types.js';
import { linkToken, type TokenSet } from './tokens.js';

/** The issue's content links in the order of the email, and the marker that stands for each in the render. */
export interface LinkMarkers {
  /** The marker of `link` (`LINK<n>`, tokens.ts), registering it on first sight; one marker per link id. */
  mark(link: IssueLink): string;
  /** Every link registered so far; `links[n]` is what marker n stands for. */
  readonly links: IssueLink[];
}

/**
 * Each content link is a marker in the render: the send fills it with the click URL, the preview and the public copy
 * with the link's own URL.
 */
export function createLinkMarkers(tokens: TokenSet): LinkMarkers {
  const links: IssueLink[] = [];
  return {
    links,
    mark(link) {
      let at = links.findIndex((l) => l.id === link.id);
      if (at < 0) at = links.push(link) - 1;
      return linkToken(tokens, at);
    },
  };
}
