import type { SectionConfig } from '../config/selection-schema.js';
import type { CheckResult, Digest } from '../types.js';

/**
 * One `empty-section` warning per section that has no stories this week: a configured section selection left
 * out of the digest (selectDigest drops empty sections, which is why the rendered blocks alone never showed
 * one), or a section of the digest with no stories. The editor should know the email lost a section.
 */
export function emptySectionChecks(digest: Digest, configured: readonly Pick<SectionConfig, 'id' | 'title'>[]): CheckResult[] {
  const shown = new Set(digest.sections.filter((s) => s.stories.length > 0).map((s) => s.id));
  const empty = new Map<string, string>();
  for (const s of configured) if (!shown.has(s.id)) empty.set(s.id, s.title);
  for (const s of digest.sections) if (!shown.has(s.id) && !empty.has(s.id)) empty.set(s.id, s.title);
  return [...empty].map(([id, title]) => ({
    level: 'warning',
    code: 'empty-section',
    message: `Section \`${id}\` ("${title}") has no stories this week and is left out of the email.`,
  }));
}
