// Control characters and bidi overrides never reach a story, whatever a source writes (raw or as character
// references), and the terminal never sees them raw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeStory } from '../../../src/sources/normalize-story.js';
import { escapeControls, stripControls } from '../../../src/text/control-characters.js';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const controls = [0x00, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0x9b, 0x202a, 0x202e, 0x2066, 0x2069];
/** Text where some characters are controls, written raw or as `&#N;` / `&#xN;` references. */
const textWithControls = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...controls).chain((c) => fc.constantFrom(String.fromCodePoint(c), `&#${c};`, `&#x${c.toString(16)};`)),
    ),
    { maxLength: 10 },
  )
  .map((parts) => `T ${parts.join('')}`);

describe('control characters from sources', () => {
  it('no story field holds a control character or bidi override', () => {
    fc.assert(
      fc.property(textWithControls, textWithControls, textWithControls, (title, summary, name) => {
        const { story } = normalizeStory(
          {
            link: 'https://www.identitywire.example/a/',
            title,
            summary,
            publishedAt: '2026-11-24T09:30:00+00:00',
            authors: [name],
            categories: [name],
            tags: [name],
            image: { url: 'https://www.identitywire.example/a.png', alt: title },
            event: { startsAt: '2026-12-01T09:00:00+00:00', location: name },
          },
          { source: 's', where: 'w' },
        );
        expect(story).toBeDefined();
        const fields = [story!.title, story!.excerpt, ...story!.authors, ...story!.categories, ...story!.tags, story!.image?.alt ?? '', story!.event?.location ?? ''];
        for (const field of fields) expect(UNSAFE.test(field), JSON.stringify(field)).toBe(false);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a control between two words leaves them apart; a bidi override just goes', () => {
    expect(stripControls('one\u0007two\u202ethree')).toBe('one twothree');
  });

  it('escapes for the terminal as \\uXXXX (valid inside JSON too), keeping line feeds, tabs and CRLF line ends', () => {
    const printed = escapeControls('a\u001b[2Jb\r\n\tc\u202e\u0085');
    expect(printed).toBe('a\\u001b[2Jb\r\n\tc\\u202e\\u0085');
    expect(escapeControls('paid\rfree\r\n')).toBe('paid\\rfree\r\n'); // a bare CR would overwrite the line
    expect(JSON.parse(`"${escapeControls('x\u0085y\u202e')}"`)).toBe('x\u0085y\u202e');
    expect(escapeControls('a\nb', { oneLine: true })).toBe('a\\nb');
    expect(escapeControls('a\r\nb', { oneLine: true })).toBe('a\\r\\nb');
  });
});
