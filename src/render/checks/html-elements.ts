// A small reader for the compiled email's HTML, enough for the checks: MJML writes regular, quoted markup, and
// the checks only need elements with their attributes and text. Comments (Outlook's conditional blocks
// included) are dropped first: nothing a reader's client shows a link or picture from lives in them.

export interface HtmlElement {
  /** Attribute values, entity-decoded; names lower case. A boolean attribute has the value ''. */
  attrs: Record<string, string>;
  /** What is between the start and end tags (empty for void elements). */
  inner: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', middot: '·', rarr: '→' };

/** Decodes the entities MJML and Handlebars write (named ones above, decimal and hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function withoutComments(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '');
}

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Every `<tag>` element in document order; `void` for elements without an end tag (img). */
export function findElements(html: string, tag: string, kind: 'void' | 'paired' = 'paired'): HtmlElement[] {
  const source = withoutComments(html);
  const pattern = kind === 'void' ? new RegExp(`<${tag}\\b([^>]*)>`, 'gi') : new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}\\s*>`, 'gi');
  return [...source.matchAll(pattern)].map((m) => ({ attrs: parseAttrs(m[1] ?? ''), inner: m[2] ?? '' }));
}

/** The text of some HTML, as a screen reader would name a link: text, else the alt of its pictures. */
export function accessibleName(inner: string): string {
  const text = decodeEntities(inner.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  if (text !== '') return text;
  return findElements(inner, 'img', 'void').map((img) => img.attrs.alt ?? '').join(' ').trim();
}

/** `a: 1; b: 2 !important` -> Map of lower-case property to value and importance. */
export function parseStyle(style: string | undefined): Map<string, { value: string; important: boolean }> {
  const out = new Map<string, { value: string; important: boolean }>();
  for (const declaration of (style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const raw = declaration.slice(colon + 1).trim();
    const important = /!\s*important$/i.test(raw);
    out.set(declaration.slice(0, colon).trim().toLowerCase(), { value: raw.replace(/!\s*important$/i, '').trim(), important });
  }
  return out;
}
