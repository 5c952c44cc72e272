import type { Story } from '../types.js';

/** Orderings used by the sections. Each ends on the URL, so ties never depend on input order. */

export function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export function compareUrl(a: Story, b: Story): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** Newest first, then URL. */
export function compareNewest(a: Story, b: Story): number {
  return time(b.publishedAt) - time(a.publishedAt) || compareUrl(a, b);
}

/** Most reads first, then newest, then URL. */
export function compareByReads(readsOf: (s: Story) => number): (a: Story, b: Story) => number {
  return (a, b) => readsOf(b) - readsOf(a) || compareNewest(a, b);
}

/** Soonest event first, then URL. Stories without an event go last. */
export function compareEventStart(a: Story, b: Story): number {
  const ta = a.event ? time(a.event.startsAt) : Number.POSITIVE_INFINITY;
  const tb = b.event ? time(b.event.startsAt) : Number.POSITIVE_INFINITY;
  return (ta === tb ? 0 : ta < tb ? -1 : 1) || compareUrl(a, b);
}
