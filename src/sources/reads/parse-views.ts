// A view count as analytics exports write it, in the number format of the tool's language:
//   en  `1,234`  `1234.0`           (`,` separates thousands, `.` decimals)
//   de  `1.234`  `1234,0`           (`.` separates thousands, `,` decimals)
//   fr  `1 234`  `1234,0`           (spaces separate thousands, `,` decimals)
// In every format spaces, no-break and thin spaces and apostrophes (Swiss) may separate thousands. A
// separator must separate groups of three digits: `1,5` is no count in any format. Decimals must be zeros.
// `auto` decides per file (inferNumberFormat): `1.000` alone could be 1 or 1000, so a file that holds such a
// value and nothing that tells en from de is refused rather than guessed.

export type NumberFormat = 'en' | 'de' | 'fr';

const SPACES = /[\s\u00a0\u202f\u2009']/g;
const PATTERNS: Record<NumberFormat, RegExp> = {
  en: /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/,
  de: /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/,
  fr: /^(\d+)(?:,0+)?$/,
};

/** The count `cell` holds in `format`, or undefined (negative, fractional, text, too large). */
export function parseViews(cell: string, format: NumberFormat = 'en'): number | undefined {
  const compact = cell.trim().replace(SPACES, '');
  const match = PATTERNS[format].exec(compact);
  if (!match) return undefined;
  const views = Number(match[1]!.replace(/[.,]/g, ''));
  return Number.isSafeInteger(views) ? views : undefined;
}

export type InferredFormat =
  | { format: NumberFormat }
  | { ambiguous: { cell: string; line: number; en: number; de: number } }
  | { mixed: { en: { cell: string; line: number }; de: { cell: string; line: number } } };

/**
 * The format of a file's view cells. A cell that only en reads votes en, only de votes de; a cell both read
 * the same way (`1234`) says nothing. Votes for both: mixed. No vote but a cell both read differently
 * (`1.000`): ambiguous. No vote at all: en, which then reads every cell like de would.
 */
export function inferNumberFormat(cells: readonly { cell: string; line: number }[]): InferredFormat {
  let en: { cell: string; line: number } | undefined;
  let de: { cell: string; line: number } | undefined;
  let ambiguous: { cell: string; line: number; en: number; de: number } | undefined;
  for (const c of cells) {
    const asEn = parseViews(c.cell, 'en');
    const asDe = parseViews(c.cell, 'de');
    if (asEn !== undefined && asDe === undefined) en ??= c;
    else if (asDe !== undefined && asEn === undefined) de ??= c;
    else if (asEn !== undefined && asDe !== undefined && asEn !== asDe) ambiguous ??= { ...c, en: asEn, de: asDe };
  }
  if (en && de) return { mixed: { en, de } };
  if (en) return { format: 'en' };
  if (de) return { format: 'de' };
  if (ambiguous) return { ambiguous };
  return { format: 'en' };
}
