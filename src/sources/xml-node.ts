// Reading the objects fast-xml-parser builds (`parseFeedXml`): a leaf is a string, an element with
// attributes is an object with `@_name` keys and its text under `#text`, repeated elements are arrays.

export type XmlNode = string | number | boolean | { [key: string]: unknown } | undefined | null;

/** The value as a list: repeated elements are arrays, single ones are not (unless the parser was told). */
export function nodes(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

/** The first of a value that may be repeated. */
export function first(value: unknown): XmlNode {
  return nodes(value)[0];
}

/** An element's child, or undefined for a leaf. */
export function child(node: XmlNode, name: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
}

/** An attribute's value. */
export function attr(node: XmlNode, name: string): string | undefined {
  const value = child(node, `@_${name}`);
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * The text of an element. For an element holding markup (Atom `type="xhtml"`, or HTML a feed forgot to
 * escape) the texts of its descendants are joined with spaces: good enough for a plain-text title or excerpt.
 */
export function textOf(node: XmlNode): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return String(node);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_')) continue;
    for (const item of nodes(value)) parts.push(textOf(item));
  }
  return parts.filter((p) => p !== '').join(' ');
}
