import { stripControls } from '../text/control-characters.js';
import { decodeEntities } from './decode-entities.js';

// HTML fragment -> one line of plain text, for titles, excerpts and term names. Not a renderer: tags are
// dropped (block tags and <br> leave a space so words do not run together), the contents of script, style
// and the like are dropped, comments are dropped, character references are decoded once, whitespace is
// collapsed, control characters and bidi overrides removed (src/text/control-characters.ts). A `<` that cannot start a tag (`x < y`) stays text, as in a browser.

/** Elements whose content is never text for a reader. */
const DROP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head']);

/** Inline elements: no space where they open or close (`<b>Bold</b>ly` stays one word). */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'del', 'ins', 'font',
]);

/** Index just past the `>` that closes the tag starting at `start`, honouring quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  for (let i = start; i < html.length; i++) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return html.length;
}

/** Converts an HTML fragment to plain text: tags stripped, entities decoded, whitespace collapsed. */
export function htmlToPlain(html: string): string {
  const out: string[] = [];
  let text = 0; // start of the pending text run
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      out.push(html.slice(text, lt));
      const close = html.indexOf('-->', lt + 4);
      i = text = close < 0 ? html.length : close + 3;
      continue;
    }
    if (!/[A-Za-z/!?]/.test(next)) {
      i = lt + 1;
      continue;
    }
    out.push(html.slice(text, lt));
    const end = tagEnd(html, lt + 1);
    const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, Math.min(end, lt + 40)))?.[1]?.toLowerCase() ?? '';
    const closing = next === '/';
    i = text = end;
    if (!closing && DROP_CONTENT.has(name) && !html.slice(lt, end).endsWith('/>')) {
      // Case-insensitive search in place: lower-casing a copy can change its length ("İ") and shift indexes.
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = end;
      const closeTag = endTag.exec(html)?.index ?? -1;
      i = text = closeTag < 0 ? html.length : tagEnd(html, closeTag + 2);
    }
    if (!INLINE.has(name)) out.push(' ');
  }
  out.push(html.slice(text));
  // After decoding: `&#27;` is an ESC as much as a raw one. Controls and bidi overrides never reach a story.
  return stripControls(decodeEntities(out.join('')))
    .replace(/[\u00ad\u200b\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
