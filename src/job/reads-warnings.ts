// Whether a week's reads look wrong, in words for the editor: none at all, or far fewer than the week before.
// A silent zero is the worst failure of a read source (an expired key, a renamed export, a log that rotated
// elsewhere): Most Read quietly disappears. Pure: the caller brings last week's totals (see reads-cache.ts).

/** What one read source returned this week, and last week when known. */
export interface ReadReport {
  name: string;
  type: string;
  pages: number;
  views: number;
  /** Set when an optional source could not be read. */
  failed?: string | undefined;
  /** Last week's totals, from a record made after that week ended. */
  previous?: { week: string; pages: number; views: number } | undefined;
}

/** Below this share of last week's reads, a source is "far below". */
export const FAR_BELOW = 0.25;
/** Last weeks with fewer reads than this are too small to compare with. */
export const MIN_COMPARABLE = 100;

const n = (x: number) => x.toLocaleString('en-US');

/** One source's line: `ga4 [ga4]: 0 pages, 0 reads (2026-W47: 412 pages, 20,100 reads)`. */
export function describeReport(r: ReadReport): string {
  const now = r.failed !== undefined ? `failed (${r.failed})` : `${n(r.pages)} pages, ${n(r.views)} reads`;
  const before = r.previous ? ` (${r.previous.week}: ${n(r.previous.pages)} pages, ${n(r.previous.views)} reads)` : '';
  return `${r.name} [${r.type}]: ${now}${before}`;
}

/**
 * Warnings about the week's reads: one when they are empty, one per source that returned far less than the
 * week before (under a quarter of a week of at least 100 reads). Each names every read source and what it
 * returned. None while the week is still going (`weekOver` false) or when no read source is configured.
 */
export function readsWarnings(week: string, reports: readonly ReadReport[], weekOver: boolean): string[] {
  if (!weekOver || reports.length === 0) return [];
  const all = reports.map(describeReport).join('; ');
  const total = reports.reduce((sum, r) => sum + r.views, 0);
  if (total === 0) {
    return [
      `No reads at all for ${week}: ${all}. "Most read" sections stay empty and ranking falls back to dates. ` +
        'Check each read source (credentials, file names, the week it covers) before sending.',
    ];
  }
  const warnings: string[] = [];
  for (const r of reports) {
    const before = r.previous?.views ?? 0;
    if (before < MIN_COMPARABLE || r.views >= before * FAR_BELOW) continue;
    const share = Math.round((r.views / before) * 100);
    warnings.push(
      `Reads from ${r.name} for ${week} are far below ${r.previous!.week}'s (${n(r.views)} against ${n(before)}, ${share}%): ${all}. ` +
        'Check that source (credentials, filters, the file or log it reads) before sending.',
    );
  }
  return warnings;
}
