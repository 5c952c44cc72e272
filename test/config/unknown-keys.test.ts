// Unknown keys at every depth of the config and the override file are errors that name the file, line and key,
// with the nearest allowed key as a suggestion. A key that is ignored silently changes the issue (a section's
// `cout:` leaves its count at the default; `featured: { tagg: ... }` empties the Editor's Picks).
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Config, parseConfigText } from '../../src/config/index.js';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { parseYamlWith } from '../../src/config/load-config.js';
import { RoundupError } from '../../src/errors.js';
import { closestWord, editDistance } from '../../src/text/closest-word.js';

const sample = readFileSync('config/roundup.yaml', 'utf8');

function errorOf(fn: () => unknown): RoundupError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RoundupError) return error;
    throw error;
  }
  throw new Error('expected a RoundupError');
}

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('unknown config keys', () => {
  it('a typo three levels deep (selection.featured.tagg) names the file, line and key and suggests `tag`', () => {
    const text = sample.replace('    tag: editors-pick', '    tagg: editors-pick');
    const error = errorOf(() => parseConfigText(text, 'config/roundup.yaml'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`config/roundup.yaml:${lineOf(text, 'tagg:')}: \`selection.featured\`: unknown key \`tagg\`; did you mean \`tag\`?`);
    expect(error.message).toContain('expected one of: urls, sticky, tag');
  });

  it("a section's `cout:` is refused with `count` suggested, at its line", () => {
    const text = sample.replace(/(id: opinion\n(?:.*\n){3})      count: 3/, '$1      cout: 3');
    expect(text).toContain('cout: 3');
    const error = errorOf(() => parseConfigText(text, 'c.yaml'));
    expect(error.message).toContain(`c.yaml:${lineOf(text, 'cout:')}: \`selection.sections.2\`: unknown key \`cout\`; did you mean \`count\`?`);
  });

  it('inside a source, the suggestion comes from that source type (a csv read source)', () => {
    const text = sample.replace('    format: ga4', '    fromat: ga4');
    const error = errorOf(() => parseConfigText(text, 'c.yaml'));
    expect(error.message).toMatch(/`reads\.0`: unknown key `fromat`; did you mean `format`\?/);
    // only the csv source's keys are offered, not the access-log's or GA4 API's
    expect(error.message).not.toContain('property');
  });

  it('several unknown keys each get their own line; a key like nothing allowed gets no guess', () => {
    const text = sample.replace('  timezone: Europe/London', '  timezone: Europe/London\n  colour: red\n  lanugage: en');
    const error = errorOf(() => parseConfigText(text, 'c.yaml'));
    expect(error.message).toContain(`c.yaml:${lineOf(text, 'colour:')}: \`site\`: unknown key \`colour\`. (expected one of:`);
    expect(error.message).toContain(`c.yaml:${lineOf(text, 'lanugage:')}: \`site\`: unknown key \`lanugage\`; did you mean \`language\`?`);
  });

  it('the override file too: a featured company logo key, two levels deep', () => {
    const text = 'featuredCompany:\n  name: Kestrel\n  url: https://k.example/\n  description: A company.\n  logo:\n    url: https://k.example/l.png\n    alt: Kestrel\n    widht: 200\n';
    const error = errorOf(() => parseYamlWith(IssueOverride, text, 'issues/2026-W48.yaml', 'OVERRIDE_INVALID'));
    expect(error.code).toBe('OVERRIDE_INVALID');
    expect(error.message).toContain('issues/2026-W48.yaml:8: `featuredCompany.logo`: unknown key `widht`; did you mean `width`?');
  });

  it('every object in the config schema is strict: an extra key anywhere in a full config is refused', () => {
    // Walk the sample config as parsed (every object the sample writes), add a key to each in turn.
    const raw = parse(sample) as Record<string, unknown>;
    const objects: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value !== null && typeof value === 'object') {
        objects.push(path);
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      }
    };
    walk(raw, []);
    expect(objects.length).toBeGreaterThan(15);
    for (const path of objects) {
      const copy = structuredClone(raw);
      let target: any = copy;
      for (const key of path) target = target[key];
      target.zzUnknownKey = 1;
      const error = errorOf(() => parseConfigText(stringify(copy), 'c.yaml'));
      expect(error.message, path.join('.')).toContain('unknown key `zzUnknownKey`');
    }
  });

  it('and the schema itself: no object schema lets unknown keys through (objects the sample does not write included)', () => {
    const loose: string[] = [];
    const seen = new Set<unknown>();
    const visit = (schema: z.ZodType, where: string) => {
      if (seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as any)._zod.def;
      if (def.type === 'object') {
        if (def.catchall?._zod.def.type !== 'never') loose.push(where);
        for (const [k, v] of Object.entries(def.shape)) visit(v as z.ZodType, `${where}.${k}`);
      }
      for (const inner of [def.innerType, def.element, def.valueType, def.in, def.out]) if (inner) visit(inner, where);
      for (const option of def.options ?? []) visit(option, where);
    };
    visit(Config, 'config');
    visit(IssueOverride, 'override');
    expect(loose).toEqual([]);
  });
});

describe('closestWord', () => {
  it('finds near misses, swaps and case, and nothing for unrelated words', () => {
    expect(closestWord('tagg', ['urls', 'sticky', 'tag'])).toBe('tag');
    expect(closestWord('cout', ['id', 'title', 'kind', 'categories', 'tags', 'count'])).toBe('count');
    expect(closestWord('exlcude', ['pin', 'exclude', 'order'])).toBe('exclude');
    expect(closestWord('Subject', ['subject'])).toBe('subject');
    expect(closestWord('colour', ['site', 'content', 'reads'])).toBeUndefined();
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
