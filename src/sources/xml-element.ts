// The element trees the feed reader builds (one per item, plus the feed's own elements). Names are canonical
// (see xml-namespaces.ts): `title`, `atom:link`, `dc:creator`. Text is decoded once by the XML parser (CDATA
// included), so what an RSS feed escaped as HTML (`&lt;b&gt;`) is HTML here and is made plain later.

export interface XmlElement {
  name: string;
  /** Attributes by canonical name: unprefixed ones by their local name (`href`), others `xml:base`, `rdf:about`. */
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  /** Where the element starts, 1-based. */
  line: number;
  column: number;
}

/** The children of `element` named `name` (any of `names`). */
export function childrenNamed(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  for (const c of element.children) if (typeof c !== 'string' && names.includes(c.name)) found.push(c);
  return found;
}

/** The first child of `element` with one of `names`, in the order of `names` (the first name wins). */
export function childNamed(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = childrenNamed(element, name)[0];
    if (found) return found;
  }
  return undefined;
}

/** An attribute's value. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attrs[name];
}

/** The text of an element and its descendants, in document order, trimmed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) typeof c === 'string' ? parts.push(c) : walk(c);
  };
  walk(element);
  return parts.join('').trim();
}

/** The text of the first child with one of `names`. */
export function childText(element: XmlElement | undefined, ...names: string[]): string {
  return textOf(childNamed(element, ...names));
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The local part of a canonical name, for writing elements back as HTML (`xhtml:i` -> `i`, `{uri}svg` -> `svg`). */
function localName(name: string): string {
  return name.replace(/^\{[^}]*\}/, '').replace(/^[^:]*:/, '');
}

/**
 * The content of `element` as HTML, in document order. Child elements are written back as tags (so an Atom
 * `type="xhtml"` title keeps "Collar for <i>dogs</i>" in order and block elements still separate words).
 * `escapeText`: true when the element's text is text (Atom `text` and `xhtml`), false when it already is
 * HTML (RSS, where a feed escapes its HTML once, and Atom `html`).
 */
export function innerHtml(element: XmlElement | undefined, options: { escapeText: boolean }): string {
  if (!element) return '';
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') {
        out.push(options.escapeText ? escapeText(c) : c);
        continue;
      }
      const name = localName(c.name);
      const attrs = Object.entries(c.attrs)
        .filter(([k]) => !k.includes(':') && !k.startsWith('{'))
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('');
      out.push(`<${name}${attrs}>`);
      walk(c);
      out.push(`</${name}>`);
    }
  };
  walk(element);
  return out.join('').trim();
}
