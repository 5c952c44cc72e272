import { SaxesParser, type SaxesTagNS } from 'saxes';
import { RoundupError } from '../errors.js';
import type { SourceProblem } from '../types.js';
import { HTML_ENTITIES } from './decode-entities.js';
import { showText } from './show-text.js';
import type { XmlElement } from './xml-element.js';
import { UNDECLARED_PREFIXES, canonicalName } from './xml-namespaces.js';

// Feed XML text (in pieces) -> the feed's own elements and, one at a time, its items, with namespaces
// resolved by URI (xml-namespaces.ts). Built on saxes, a conformant streaming parser: an item's tree exists
// only until the item closes, so memory follows the largest item, not the feed.
//
// Tolerated, as mature readers do, and reported as notes: whitespace or junk (a PHP notice) before the
// document; after it, anything once the root element has closed; HTML entities a feed uses without
// declaring them (`&nbsp;`, looked up in the HTML table); a bare `&`; characters XML does not allow; and
// undeclared well-known prefixes (`media:`). Anything else that is not well-formed (tags that do not match,
// a document cut short) fails the source with its line and column.

export type FeedFormat = 'rss' | 'atom' | 'atom03';

export interface FeedXml {
  format: FeedFormat;
  /** RSS `channel` (or the root when there is none) or Atom `feed`, without its items. */
  feed: XmlElement;
  notes: SourceProblem[];
}

/** Called with each item as it closes: its position among the items, the format, and the element holding it
 * (RSS `channel`, Atom `feed`) as read so far. */
export type OnFeedItem = (item: XmlElement, index: number, context: { format: FeedFormat; container: XmlElement }) => void;

export interface ReadFeedXmlOptions {
  source: string;
  where: string;
}

/** Elements nested deeper than this inside the feed are not kept (their text goes to the nearest kept one). */
const MAX_DEPTH = 128;

const RECOVERABLE = [
  'undefined entity',
  'disallowed character in entity name',
  'malformed character entity',
  'disallowed character.',
  'unbound namespace prefix',
];

const ITEM_PARENTS: Record<FeedFormat, { item: string; parents: string[] }> = {
  rss: { item: 'item', parents: ['channel', 'rss', 'rdf:RDF'] },
  atom: { item: 'atom:entry', parents: ['atom:feed'] },
  atom03: { item: 'atom03:entry', parents: ['atom03:feed'] },
};

function formatOf(root: string): FeedFormat | undefined {
  if (root === 'rss' || root === 'rdf:RDF') return 'rss';
  if (root === 'atom:feed') return 'atom';
  if (root === 'atom03:feed') return 'atom03';
  return undefined;
}

/** Where the document starts in `text`: its `<?xml`, else the first markup; with what came before it. */
function documentStart(text: string): { start: number; junk: string } {
  let start = text.search(/<\?xml[\s?]/);
  if (start < 0 || start > 65_536) start = text.search(/<[A-Za-z_!?]/);
  if (start <= 0) return { start: 0, junk: '' };
  return { start, junk: text.slice(0, start) };
}

/**
 * Reads a feed document. `onItem` gets each item (RSS `item`, Atom `entry`) as it closes. Throws SOURCE_INVALID with `where:line:column` for a document that is not well-formed or
 * not a feed.
 */
export function readFeedXml(pieces: Iterable<string>, options: ReadFeedXmlOptions, onItem: OnFeedItem): FeedXml {
  const { source, where } = options;
  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: (prefix: string) => UNDECLARED_PREFIXES[prefix] });
  for (const [name, value] of HTML_ENTITIES) if (!(name in parser.ENTITIES)) parser.ENTITIES[name] = value;

  const notes: SourceProblem[] = [];
  let lineOffset = 0;
  let columnOffset = 0;
  const at = (line: number, column: number) =>
    `${where}:${line + lineOffset}:${column + 1 + (line === 1 ? columnOffset : 0)}`;

  const stack: XmlElement[] = [];
  let skippedDepth = 0; // open elements below MAX_DEPTH that are not kept
  let format: FeedFormat | undefined;
  let feed: XmlElement | undefined;
  let itemCount = 0;
  let done = false;
  let tolerated = 0;
  let toleratedNote: SourceProblem | undefined;
  let itemOpen = false;
  let startLine = 1;
  let startColumn = 1;
  let fatal: RoundupError | undefined;

  parser.on('error', (error) => {
    if (done || fatal) return;
    const message = error.message.replace(/^\d+:\d+:\s*/, '');
    if (RECOVERABLE.some((m) => message.startsWith(m))) {
      if (tolerated++ === 0) {
        toleratedNote = { source, where: at(parser.line, parser.column), message: `not well-formed XML (${message}); read on as a feed reader would` };
        notes.push(toleratedNote);
      }
      return;
    }
    fatal = new RoundupError(
      'SOURCE_INVALID',
      `[${source}] ${at(parser.line, parser.column)}: the feed is not well-formed XML (${message}). ` +
        'Check that the URL or file is the RSS/Atom feed and not an HTML page, and ask the site to fix its feed.',
    );
  });
  parser.on('opentagstart', (tag) => {
    // The parser stands just after the character that ended `<name`: remember where the tag began.
    startLine = parser.line;
    startColumn = Math.max(0, parser.column - tag.name.length - 2);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (done || fatal) return;
    const name = canonicalName(tag.uri ?? '', tag.local ?? tag.name);
    if (stack.length === 0 && format === undefined) {
      format = formatOf(name);
      if (format === undefined) {
        fatal = new RoundupError(
          'SOURCE_INVALID',
          `[${source}] ${at(parser.line, 0)}: the document is XML but not an RSS or Atom feed (root element: ` +
            `${showText(`<${tag.name}>`, 40)}). Point the source at the feed itself (WordPress: <site>/feed/).`,
        );
        return;
      }
    }
    if (stack.length >= MAX_DEPTH || skippedDepth > 0) {
      skippedDepth++;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri ? canonicalName(a.uri, a.local) : a.local] = a.value;
    }
    const column = startColumn + 1 + (startLine === 1 ? columnOffset : 0);
    stack.push({ name, attrs, children: [], line: startLine + lineOffset, column });
    if (name === ITEM_PARENTS[format!].item) itemOpen = true;
  });
  const addText = (text: string) => {
    if (done || fatal) return;
    const parent = stack[stack.length - 1];
    if (!parent) return;
    // Outside items, whitespace between elements is layout: not kept.
    if (!itemOpen && text.trim() === '') return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
    else parent.children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (done || fatal) return;
    if (skippedDepth > 0) {
      skippedDepth--;
      return;
    }
    const element = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (!parent) {
      feed = element;
      done = true;
      return;
    }
    const kind = ITEM_PARENTS[format!];
    if (element.name === kind.item) itemOpen = stack.some((e) => e.name === kind.item);
    if (element.name === kind.item && kind.parents.includes(parent.name)) {
      onItem(element, itemCount++, { format: format!, container: parent });
      return;
    }
    parent.children.push(element);
  });

  let first = true;
  for (let piece of pieces) {
    if (first) {
      first = false;
      const { start, junk } = documentStart(piece);
      if (start > 0) {
        piece = piece.slice(start);
        const lines = junk.split('\n');
        lineOffset = lines.length - 1;
        columnOffset = lines[lines.length - 1]!.length;
        const shown = junk.replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/g, '');
        if (shown !== '') notes.push({ source, where: `${where}:1:1`, message: `skipped ${showText(shown, 60)} before the XML document` });
      }
    }
    parser.write(piece);
    if (fatal) throw fatal;
    if (done) break;
  }
  if (!done) parser.close();
  if (fatal) throw fatal;
  if (format === undefined || feed === undefined) {
    throw new RoundupError('SOURCE_INVALID', `[${source}] ${at(parser.line, parser.column)}: the feed is empty or cut short. Check the URL or file.`);
  }
  if (toleratedNote && tolerated > 1) toleratedNote.message += ` (${tolerated} such places in all)`;
  return { format, feed: childlessFeed(feed, format), notes };
}

/** For RSS, the channel when the root has one. */
function childlessFeed(root: XmlElement, format: FeedFormat): XmlElement {
  if (format !== 'rss') return root;
  return root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'channel') ?? root;
}
