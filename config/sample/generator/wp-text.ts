// How WordPress spells text: wptexturize turns typographic characters into numeric entities, titles write
// `&` as `&#038;`, and slugs are lower-case ASCII words joined by hyphens. The generator keeps text as plain
// Unicode and converts only when it writes a file.

const TYPOGRAPHY: Record<string, string> = {
  '\u2019': '&#8217;',
  '\u2018': '&#8216;',
  '\u201C': '&#8220;',
  '\u201D': '&#8221;',
  '\u2013': '&#8211;',
  '\u2014': '&#8212;',
  '\u2026': '&#8230;',
};

function typography(text: string): string {
  return text.replace(/[\u2019\u2018\u201C\u201D\u2013\u2014\u2026]/g, (c) => TYPOGRAPHY[c] ?? c);
}

/** A title as WordPress renders it (feed `<title>`, REST `title.rendered`): `&` becomes `&#038;`. */
export function wpTitle(text: string): string {
  return typography(text.replaceAll('&', '&#038;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
}

/** Body text as WordPress renders it inside HTML: `&amp;` for `&`, numeric entities for typography. */
export function wpHtmlText(text: string): string {
  return typography(text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
}

/** Escapes text for an XML attribute or element (no typography conversion). */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A WordPress-style slug: `Veridex Labs’ new kit & more` -> `veridex-labs-new-kit-more`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019\u2018]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Plain text of a generated paragraph (tags removed); the generator's own markup only. */
export function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

/** The first `words` words of `text`, for excerpts. */
export function firstWords(text: string, words: number): string {
  const parts = text.split(/\s+/).filter(Boolean);
  return parts.slice(0, words).join(' ').replace(/[,;:]$/, '');
}
