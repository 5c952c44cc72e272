// The preview's actions edit the override file through the YAML document: the editor's comments, blank lines
// and key order stay; the result loads with the schema; URLs are matched the way selection matches them.
import { describe, expect, it } from 'vitest';
import { editOverrideText, type OverrideAction } from '../../src/config/edit-override-text.js';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { parseYamlWith } from '../../src/config/load-config.js';
import { RoundupError } from '../../src/errors.js';
import { urlKey } from '../../src/select/story-identity.js';

const SITE = 'https://www.identitywire.example';
const A = `${SITE}/2026/11/24/a/`;
const B = `${SITE}/2026/11/25/b/`;
const C = `${SITE}/2026/11/26/c/`;
const same = (x: string, y: string) => urlKey(x, SITE) === urlKey(y, SITE);
const edit = (text: string | undefined, action: OverrideAction) => editOverrideText(text, action, same, 'issues/2026-W48.yaml');
const load = (text: string) => parseYamlWith(IssueOverride, text, 'f.yaml', 'OVERRIDE_INVALID');

const HAND_WRITTEN = `# Week 48: the editor's notes
subject: "Norland's wallet goes live" # agreed with Sam

# keep these out: embargoed
exclude:
  - /2026/11/25/b/?utm_source=x   # typed by hand, relative and tracked
pin: [${C}]
intro: |
  Hello **readers**.
`;

describe('editOverrideText', () => {
  it('pin: added to the list, the hand-written comments, blank lines and key order kept', () => {
    const after = edit(HAND_WRITTEN, { kind: 'pin', url: A });
    expect(after).toContain("# Week 48: the editor's notes\n");
    expect(after).toContain('# agreed with Sam');
    expect(after).toContain('\n\n# keep these out: embargoed\nexclude:');
    expect(after).toContain('# typed by hand, relative and tracked');
    expect(after).toContain(`pin: [${C}, ${A}]`);
    expect(after.indexOf('subject:')).toBeLessThan(after.indexOf('exclude:'));
    expect(after.indexOf('exclude:')).toBeLessThan(after.indexOf('pin:'));
    expect(load(after)).toMatchObject({ pin: [C, A], exclude: ['/2026/11/25/b/?utm_source=x'], subject: "Norland's wallet goes live" });
  });

  it('pin of an excluded story takes it out of `exclude`, matching the URL as the editor typed it', () => {
    const after = load(edit(HAND_WRITTEN, { kind: 'pin', url: B }));
    expect(after.exclude).toEqual([]);
    expect(after.pin).toEqual([C, B]);
  });

  it('exclude takes a story out of pin, of every order list and of a move; include takes it back', () => {
    const text = `pin: [${A}]\norder:\n  latest: [${A}, ${B}]\nstories:\n  ${A}:\n    section: latest\n    title: Kept headline\n`;
    const excluded = load(edit(text, { kind: 'exclude', url: A }));
    expect(excluded).toMatchObject({ pin: [], exclude: [A], order: { latest: [B] }, stories: { [A]: { title: 'Kept headline' } } });
    const included = load(edit(edit(text, { kind: 'exclude', url: A }), { kind: 'include', url: A }));
    expect(included.exclude).toEqual([]);
    expect(edit(`pin: [${A}, ${B}]\n`, { kind: 'unpin', url: `${A}#comments` })).toBe(`pin: [${B}]\n`);
  });

  it('order: sets the whole list, keeping the comments on URLs that stay', () => {
    const text = `order:\n  most-read:\n    - ${A} # lead\n    - ${B}\n`;
    const after = edit(text, { kind: 'order', section: 'most-read', urls: [B, A, C] });
    expect(load(after).order['most-read']).toEqual([B, A, C]);
    expect(after).toContain(`${A} # lead`);
    expect(load(edit(undefined, { kind: 'order', section: 'latest', urls: [C] })).order).toEqual({ latest: [C] });
  });

  it('move: `stories.<url>.section`, out of pin and other order lists', () => {
    const after = load(edit(`pin: [${A}]\norder: { most-read: [${A}] }\n`, { kind: 'move', url: A, section: 'opinion' }));
    expect(after).toMatchObject({ pin: [], order: { 'most-read': [] }, stories: { [A]: { section: 'opinion' } } });
  });

  it('edit: headline and blurb for one story, quoted as YAML needs; null goes back to the source and empties the entry', () => {
    const title = 'Wallets: "the" #1 story — it\'s live';
    const excerpt = 'Line one.\nLine two: with a colon.';
    const text = edit('# top\n', { kind: 'edit', url: A, title, excerpt });
    expect(text.startsWith('# top\n')).toBe(true);
    expect(load(text).stories).toEqual({ [A]: { title, excerpt } });
    const reset = edit(text, { kind: 'edit', url: `${A}?utm_source=x`, title: null, excerpt: null });
    expect(load(reset).stories).toBeUndefined();
    expect(reset).toContain('# top');
  });

  it('starts a file from nothing (no file, an empty file, only comments)', () => {
    expect(load(edit(undefined, { kind: 'exclude', url: A })).exclude).toEqual([A]);
    expect(load(edit('', { kind: 'pin', url: A })).pin).toEqual([A]);
    const commented = edit('# just a note\n', { kind: 'pin', url: A });
    expect(commented).toContain('# just a note');
    expect(load(commented).pin).toEqual([A]);
  });

  it('refuses a file that is not YAML or not a mapping, and a key of the wrong shape, changing nothing', () => {
    for (const text of ['pin: [unclosed\n', '- a list\n', 'pin: just text\n']) {
      let error: unknown;
      try {
        edit(text, { kind: 'pin', url: A });
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(RoundupError);
      expect((error as RoundupError).code).toBe('OVERRIDE_INVALID');
      expect((error as RoundupError).message).toMatch(/fix it by hand/);
    }
  });
});
