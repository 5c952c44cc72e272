import { attr, childNamed, innerHtml, textOf, type XmlElement } from './xml-element.js';

// An Atom text construct (RFC 4287 §3.1) as HTML, ready for htmlToPlain:
// - `type="text"` (the default): text, so it is escaped. A title "Why x < y" keeps its "< y".
// - `type="html"`: HTML escaped once in the XML; the parser already undid that, so it is HTML as it stands.
// - `type="xhtml"`: XHTML markup inside a `div`; written back as HTML in document order, so "Collar for
//   <i>dogs</i>" stays "Collar for dogs" and never becomes "dogs Collar for".
// Atom 0.3 says the same with a MIME type (`text/html`, `application/xhtml+xml`) and `mode` (`escaped`,
// `xml`, `base64`).

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decodeBase64(text: string): string {
  try {
    return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  } catch {
    return '';
  }
}

/** The HTML of a text construct, or undefined when the element is missing. */
export function atomTextHtml(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const type = (attr(element, 'type') ?? 'text').toLowerCase();
  const mode = attr(element, 'mode')?.toLowerCase();
  const isHtml = type === 'html' || type === 'text/html';
  const isXhtml = type === 'xhtml' || type === 'application/xhtml+xml' || (mode === 'xml' && !isHtml);
  if (mode === 'base64') {
    const decoded = decodeBase64(textOf(element));
    return isHtml || isXhtml ? decoded : escape(decoded);
  }
  if (isXhtml) {
    // The content is one xhtml:div, which is not part of the text.
    const div = childNamed(element, 'xhtml:div');
    return innerHtml(div ?? element, { escapeText: true });
  }
  if (isHtml || mode === 'escaped') return innerHtml(element, { escapeText: false });
  return escape(textOf(element));
}
