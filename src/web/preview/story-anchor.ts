import { createHash } from 'node:crypto';

/** The id of a story's row on the preview page (`s-` and a short hash of its URL): where a button's answer scrolls to. */
export function storyAnchor(url: string): string {
  return `s-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}
