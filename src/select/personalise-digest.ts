import type { Digest } from '../types.js';

/**
 * The digest with the sections named in `sectionIds` moved up, right after the first section (which stays
 * first: the most-read section is the week's headline). The moved sections keep their order, and so do the
 * others; stories, subject and everything else are unchanged. Ids the digest lacks are ignored; no id that
 * moves anything returns the digest itself.
 */
export function personaliseDigest(digest: Digest, sectionIds: readonly string[]): Digest {
  const [first, ...rest] = digest.sections;
  if (!first || sectionIds.length === 0) return digest;
  const picked = new Set(sectionIds);
  const up = rest.filter((s) => picked.has(s.id));
  const down = rest.filter((s) => !picked.has(s.id));
  const sections = [first, ...up, ...down];
  if (sections.every((s, i) => s === digest.sections[i])) return digest;
  return { ...digest, sections };
}
