import type { Store } from '../store/index.js';
import { verifyCompact } from '../tokens/compact-token.js';
import type { IssueLink } from '../types.js';

// Where a click link leads: only to a link of that issue's frozen list (the snapshot), so `/c/<token>` is no
// open redirect: a token names an issue and a place in its list, never a URL, and it is signed.

export interface ClickTarget {
  issue: string;
  /** The link's place in the issue's list. */
  index: number;
  link: IssueLink;
  subscriberId?: number | undefined;
}

/**
 * Resolves click tokens against the issues' frozen links. An issue's list never changes once its send started,
 * so lists are kept in memory (the last `size` issues asked for).
 */
export function clickTargets(store: Store, secret: string, size = 32) {
  const cache = new Map<string, IssueLink[] | undefined>();
  const linksOf = async (issue: string): Promise<IssueLink[] | undefined> => {
    if (cache.has(issue)) return cache.get(issue);
    const links = await store.clicks.sentLinks(issue);
    // an unknown (or not yet sent) issue is asked again next time: it may go out later
    if (links) {
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(issue, links);
    }
    return links;
  };
  return {
    /** The target of a click token, or undefined when the token is not one of ours or names no link. */
    async resolve(token: string): Promise<ClickTarget | undefined> {
      const payload = verifyCompact(token, 'click', secret);
      if (!payload || payload.link === undefined) return undefined;
      const link = (await linksOf(payload.issue))?.[payload.link];
      return link && { issue: payload.issue, index: payload.link, link, subscriberId: payload.subscriber };
    },
    /** An open pixel's issue (and subscriber), or undefined. */
    async open(token: string): Promise<{ issue: string; subscriberId?: number | undefined } | undefined> {
      const payload = verifyCompact(token, 'open', secret);
      return payload && (await linksOf(payload.issue)) ? { issue: payload.issue, subscriberId: payload.subscriber } : undefined;
    },
  };
}

export type ClickTargets = ReturnType<typeof clickTargets>;
