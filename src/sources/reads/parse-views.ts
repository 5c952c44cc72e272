/**
 * A view count as analytics exports write it: `1234`, `"1,234"` (thousands separators: comma, space, no-break
 * space, thin space, apostrophe), `1234.0`. Returns undefined for anything else (negative, fractional, text).
 */
export function parseViews(cell: string): number | undefined {
  const compact = cell.trim().replace(/[,\s\u00a0\u202f\u2009']/g, '');
  const match = /^(\d+)(?:\.0*)?$/.exec(compact);
  if (!match) return undefined;
  const views = Number(match[1]);
  return Number.isSafeInteger(views) ? views : undefined;
}
