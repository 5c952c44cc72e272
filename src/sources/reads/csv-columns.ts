// Which columns of a CSV export hold the page and its views, per analytics tool. Names are matched without
// regard to case or surrounding spaces; the first name found wins. `columns:` in the config overrides them.

export type CsvFormat = 'ga4' | 'plausible' | 'matomo' | 'plain';

interface FormatColumns {
  /** Column with the page (absolute URL or path). */
  url: string[];
  /** Column used when the url cell of a row is empty (Matomo's `label`). */
  urlFallback?: string[];
  views: string[];
}

export const CSV_FORMATS: Record<CsvFormat, FormatColumns> = {
  // GA4 Reports > Engagement > Pages and screens, "Download CSV".
  ga4: {
    url: ['Page path and screen class', 'Page path + query string and screen class', 'Page path', 'pagePath'],
    views: ['Views', 'screenPageViews'],
  },
  // Plausible "Top pages" export (pages.csv).
  plausible: { url: ['name', 'page'], views: ['pageviews'] },
  // Matomo Actions > Pages, export "flat", CSV or TSV-as-CSV; machine or readable column names.
  matomo: { url: ['url', 'URL'], urlFallback: ['label', 'Label'], views: ['nb_hits', 'Pageviews'] },
  plain: { url: ['url', 'path', 'page'], views: ['views', 'pageviews'] },
};

/** Where the needed columns are in one file's header. */
export interface ColumnIndexes {
  url: number;
  urlFallback: number;
  views: number;
}

/** What was looked for and not found, for the error message. */
export interface MissingColumns {
  expected: string[];
}

/**
 * Finds the url and views columns in `header`, for `format` unless `override` names them. Returns the
 * indexes, or the column names that were expected and are missing.
 */
export function findColumns(
  header: readonly string[],
  format: CsvFormat,
  override?: { url?: string | undefined; views?: string | undefined },
): ColumnIndexes | MissingColumns {
  const known = CSV_FORMATS[format];
  const urlNames = override?.url !== undefined ? [override.url] : known.url;
  const viewNames = override?.views !== undefined ? [override.views] : known.views;
  const fallbackNames = override?.url !== undefined ? [] : (known.urlFallback ?? []);
  const normal = header.map((h) => h.trim().toLowerCase());
  const find = (names: string[]) => {
    for (const name of names) {
      const at = normal.indexOf(name.toLowerCase());
      if (at >= 0) return at;
    }
    return -1;
  };
  const url = find(urlNames);
  const urlFallback = find(fallbackNames);
  const views = find(viewNames);
  if ((url >= 0 || urlFallback >= 0) && views >= 0) return { url, urlFallback, views };
  const expected: string[] = [];
  if (url < 0 && urlFallback < 0) expected.push(urlNames.concat(fallbackNames).map((n) => `"${n}"`).join(' or '));
  if (views < 0) expected.push(viewNames.map((n) => `"${n}"`).join(' or '));
  return { expected };
}
