import { signCompact } from '../tokens/compact-token.js';
import type { IssueLink } from '../types.js';
import { clickUrl, openUrl } from '../web/public-links.js';

/**
 * How a send's links read (`tracking` config): through `web.publicUrl/c/<token>`, the token signed with
 * ROUNDUP_SECRET and naming the issue and the link's place in the frozen issue's list (`issueLinks`), and the
 * subscriber only with `perSubscriber`. Test sends and the preview have none: their links are the stories' own.
 */
export interface ClickTracking {
  issue: string;
  secret: string;
  publicUrl: string;
  /** The frozen issue's links (snapshot.links): a token names a link by its place here. */
  issueLinks: readonly IssueLink[];
  /** Links go through the click redirect (`tracking.clicks`); off: each is its own URL (the pixel may still be on). */
  clicks: boolean;
  /** Links (and the pixel) name the subscriber. */
  perSubscriber: boolean;
  /** The open pixel is filled in. */
  opens: boolean;
}

/** The place of each of a render's links in the issue's list (a topic variant lists the same links in another order). */
export function issueLinkIndexes(tracking: ClickTracking, links: readonly IssueLink[]): number[] {
  const byId = new Map(tracking.issueLinks.map((l, i) => [l.id, i]));
  return links.map((l) => {
    const at = byId.get(l.id);
    if (at === undefined) throw new Error(`link \`${l.id}\` of a variant is not among the issue's links`);
    return at;
  });
}

/** The click URL of the issue's link number `index`, for a subscriber when the links name them. */
export function clickUrlFor(tracking: ClickTracking, index: number, subscriberId?: number): string {
  const subscriber = tracking.perSubscriber ? subscriberId : undefined;
  return clickUrl(tracking.publicUrl, signCompact({ purpose: 'click', issue: tracking.issue, link: index, subscriber }, tracking.secret));
}

/** The open pixel's URL. */
export function openUrlFor(tracking: ClickTracking, subscriberId?: number): string {
  const subscriber = tracking.perSubscriber ? subscriberId : undefined;
  return openUrl(tracking.publicUrl, signCompact({ purpose: 'open', issue: tracking.issue, subscriber }, tracking.secret));
}
