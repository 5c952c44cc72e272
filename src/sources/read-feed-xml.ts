import { SaxesParser, type SaxesTagNS } from 'saxes';
import { RoundupError } from '../errors.js';
import type { SourceProblem } from '../types.js';
import { HTML_ENTITIES } from './decode-entities.js';
import { ITEM_KINDS, feedElement, formatOf, type FeedFormat } from './feed-format.js';
import { leadingJunk } from './leading-junk.js';
import { showText } from '../text/show-text.js';
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

export type { FeedFormat } from './feed-format.js';

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

/**
 * Reads a feed document. `onItem` gets each item (RSS `item`, Atom `entry`) as it closes. Throws
 * SOURCE_INVALID with `where:line:column` for a document that is not well-formed or not a feed.
 */
export function readFeedXml(pieces: Iterable<string>, options: ReadFeedXmlOptions, onItem: OnFeedItem): FeedXml {
  return new FeedXmlReader(options, onItem).read(pieces);
}

/** One document's reading: the parser, the open elements, and what was found so far. */
class FeedXmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: (prefix: string) => UNDECLARED_PREFIXES[prefix] });
  private readonly notes: SourceProblem[] = [];
  /** Open elements, root first. */
  private readonly stack: XmlElement[] = [];
  /** Open elements below MAX_DEPTH, not kept. */
  private skippedDepth = 0;
  private format: FeedFormat | undefined;
  private feed: XmlElement | undefined;
  private itemCount = 0;
  private itemOpen = false;
  /** The root element has closed: whatever follows is not read. */
  private done = false;
  private fatal: RoundupError | undefined;
  private tolerated = 0;
  private toleratedNote: SourceProblem | undefined;
  private junk = { lineOffset: 0, columnOffset: 0 };
  private tagStart = { line: 1, column: 0 };

  constructor(
    private readonly options: ReadFeedXmlOptions,
    private readonly onItem: OnFeedItem,
  ) {
    for (const [name, value] of HTML_ENTITIES) if (!(name in this.parser.ENTITIES)) this.parser.ENTITIES[name] = value;
    this.parser.on('error', (error) => this.onError(error));
    this.parser.on('opentagstart', (tag) => {
      // The parser stands just after the character that ended `<name`: remember where the tag began.
      this.tagStart = { line: this.parser.line, column: Math.max(0, this.parser.column - tag.name.length - 2) };
    });
    this.parser.on('opentag', (tag) => this.onOpenTag(tag));
    this.parser.on('text', (text) => this.onText(text));
    this.parser.on('cdata', (text) => this.onText(text));
    this.parser.on('closetag', () => this.onCloseTag());
  }

  read(pieces: Iterable<string>): FeedXml {
    const { source, where } = this.options;
    let first = true;
    for (let piece of pieces) {
      if (first) {
        first = false;
        const junk = leadingJunk(piece);
        piece = piece.slice(junk.start);
        this.junk = junk;
        if (junk.shown !== '') this.notes.push({ source, where: `${where}:1:1`, message: `skipped ${showText(junk.shown, 60)} before the XML document` });
      }
      this.parser.write(piece);
      if (this.fatal) throw this.fatal;
      if (this.done) break;
    }
    if (!this.done) this.parser.close();
    if (this.fatal) throw this.fatal;
    if (this.format === undefined || this.feed === undefined) {
      throw new RoundupError('SOURCE_INVALID', `[${source}] ${this.here()}: the feed is empty or cut short. Check the URL or file.`);
    }
    if (this.toleratedNote && this.tolerated > 1) this.toleratedNote.message += ` (${this.tolerated} such places in all)`;
    return { format: this.format, feed: feedElement(this.feed, this.format), notes: this.notes };
  }

  /** `where:line:column` in the file, counting the junk that was cut off before the document. */
  private here(line = this.parser.line, column = this.parser.column): string {
    const { lineOffset, columnOffset } = this.junk;
    return `${this.options.where}:${line + lineOffset}:${column + 1 + (line === 1 ? columnOffset : 0)}`;
  }

  private get stopped(): boolean {
    return this.done || this.fatal !== undefined;
  }

  private onError(error: Error): void {
    if (this.stopped) return;
    const message = error.message.replace(/^\d+:\d+:\s*/, '');
    if (RECOVERABLE.some((m) => message.startsWith(m))) {
      if (this.tolerated++ === 0) {
        this.toleratedNote = { source: this.options.source, where: this.here(), message: `not well-formed XML (${message}); read on as a feed reader would` };
        this.notes.push(this.toleratedNote);
      }
      return;
    }
    this.fatal = new RoundupError(
      'SOURCE_INVALID',
      `[${this.options.source}] ${this.here()}: the feed is not well-formed XML (${message}). ` +
        'Check that the URL or file is the RSS/Atom feed and not an HTML page, and ask the site to fix its feed.',
    );
  }

  private onOpenTag(tag: SaxesTagNS): void {
    if (this.stopped) return;
    const name = canonicalName(tag.uri ?? '', tag.local ?? tag.name);
    if (this.stack.length === 0 && this.format === undefined) {
      this.format = formatOf(name);
      if (this.format === undefined) {
        this.fatal = new RoundupError(
          'SOURCE_INVALID',
          `[${this.options.source}] ${this.here(this.parser.line, 0)}: the document is XML but not an RSS or Atom feed (root element: ` +
            `${showText(`<${tag.name}>`, 40)}). Point the source at the feed itself (WordPress: <site>/feed/).`,
        );
        return;
      }
    }
    if (this.stack.length >= MAX_DEPTH || this.skippedDepth > 0) {
      this.skippedDepth++;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri ? canonicalName(a.uri, a.local) : a.local] = a.value;
    }
    const { line, column } = this.tagStart;
    const { lineOffset, columnOffset } = this.junk;
    this.stack.push({ name, attrs, children: [], line: line + lineOffset, column: column + 1 + (line === 1 ? columnOffset : 0) });
    if (name === ITEM_KINDS[this.format!].item) this.itemOpen = true;
  }

  private onText(text: string): void {
    if (this.stopped) return;
    const parent = this.stack[this.stack.length - 1];
    // Outside items, whitespace between elements is layout: not kept.
    if (!parent || (!this.itemOpen && text.trim() === '')) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
    else parent.children.push(text);
  }

  private onCloseTag(): void {
    if (this.stopped) return;
    if (this.skippedDepth > 0) {
      this.skippedDepth--;
      return;
    }
    const element = this.stack.pop()!;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.feed = element;
      this.done = true;
      return;
    }
    const kind = ITEM_KINDS[this.format!];
    if (element.name === kind.item) this.itemOpen = this.stack.some((e) => e.name === kind.item);
    if (element.name === kind.item && kind.parents.includes(parent.name)) {
      this.onItem(element, this.itemCount++, { format: this.format!, container: parent });
      return;
    }
    parent.children.push(element);
  }
}
