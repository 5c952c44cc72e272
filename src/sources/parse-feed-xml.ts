import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RoundupError } from '../errors.js';

// XML text -> the object tree the feed readers walk. The document is validated first so a malformed feed
// fails with the parser's line and column instead of giving half a feed.

/** Elements that may repeat in RSS and Atom: always arrays, so one item and ten are read alike. */
const REPEATED = new Set([
  'item', 'entry', 'category', 'link', 'author', 'contributor', 'dc:creator', 'dc:subject', 'enclosure',
  'media:content', 'media:thumbnail', 'media:group',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // With `htmlEntities` the parser also decodes numeric references (`&#8217;`), which are XML. Decoding is
  // one pass: `&amp;lt;` gives `&lt;`, which the HTML step later reads as HTML, as feeds mean it.
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/** Parses feed XML. Malformed XML throws SOURCE_INVALID naming `where` and the line. */
export function parseFeedXml(xml: string, options: { where: string; source: string }): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${options.source}] ${options.where}:${line}:${col}: the feed is not well-formed XML (${msg}). ` +
        'Check that the URL or file is the RSS/Atom feed and not an HTML page, and ask the site to fix its feed.',
    );
  }
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (cause) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${options.source}] ${options.where}: the feed could not be parsed (${(cause as Error).message}).`,
      { cause },
    );
  }
}
