import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, readEnv } from '../../src/config/index.js';
import { IssueOverride } from '../../src/config/issue-override-schema.js';
import { parseYamlWith } from '../../src/config/load-config.js';
import { RoundupError } from '../../src/errors.js';

const minimal = `
site:
  name: Test Wire
  url: https://news.example
content:
  - type: feed
    path: feed.xml
selection:
  sections:
    - id: most-read
      title: Most read
      kind: most-read
`;

function errorOf(fn: () => unknown): RoundupError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RoundupError) return error;
    throw error;
  }
  throw new Error('expected a RoundupError');
}

describe('loadConfig', () => {
  it('loads the bundled sample config', () => {
    const { config, dir } = loadConfig('config/roundup.yaml');
    expect(config.site.name).toBe('Identity Wire');
    expect(config.selection.sections.map((s) => s.id)).toContain('most-read');
    expect(dir.endsWith('config')).toBe(true);
  });

  it('fills defaults for what a minimal config leaves out', () => {
    const config = parseConfigText(minimal, 'min.yaml');
    expect(config.site.timezone).toBe('UTC');
    expect(config.site.weekStartsOn).toBe('monday');
    expect(config.selection.eligible).toBe('window');
    expect(config.selection.sections[0]!.count).toBe(5);
    expect(config.content[0]).toMatchObject({ type: 'feed', optional: false });
  });

  it('names the file, line, key, what was expected and what came', () => {
    const text = minimal.replace('kind: most-read', 'kind: most-read\n      count: abc');
    const error = errorOf(() => parseConfigText(text, 'config/bad.yaml'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('config/bad.yaml:13');
    expect(error.message).toContain('`selection.sections.0.count`');
    expect(error.message).toMatch(/expected number/i);
    expect(error.message).toContain('got `"abc"`');
  });

  it('rejects an unknown time zone and an unknown top-level key', () => {
    const text = minimal.replace('url: https://news.example', 'url: https://news.example\n  timezone: Mars/Olympus') + 'colour: red\n';
    const error = errorOf(() => parseConfigText(text, 'c.yaml'));
    expect(error.message).toContain('`site.timezone`');
    expect(error.message).toContain('IANA');
    expect(error.message).toMatch(/colour/);
  });

  it('requires exactly one of path or url for a feed', () => {
    const text = minimal.replace('    path: feed.xml', '    path: feed.xml\n    url: https://news.example/feed/');
    expect(errorOf(() => parseConfigText(text, 'c.yaml')).message).toContain('exactly one of `path` or `url`');
  });

  it('reports a YAML syntax error with its line', () => {
    const error = errorOf(() => parseConfigText('site:\n  name: [unclosed\n', 'broken.yaml'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/broken\.yaml:\d+:\d+: YAML syntax error/);
  });

  describe('hostile or mistaken YAML fails like any other mistake, with the file and line', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    const cases: [string, string, RegExp][] = [
      ['an alias with no anchor (an editor writing *Breaking*)', 'site:\n  name: x\nsubject: *Breaking*\n', /c\.yaml:3: `\*Breaking\*` is a YAML alias.*"\*Breaking\*"/],
      ['an alias bomb', bomb, /c\.yaml:2: the YAML expands aliases more than 100 times/],
      ['5,000 levels of flow nesting', `site: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /c\.yaml:1:\d+: the YAML is nested too deeply/],
      ['5,000 levels of block nesting', `${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`, /c\.yaml:\d+(:\d+)?: the YAML is nested too deeply/],
    ];
    it.each(cases)('%s', (_, text, message) => {
      for (const [parse, code] of [
        [() => parseConfigText(text, 'c.yaml'), 'CONFIG_INVALID'],
        [() => parseYamlWith(IssueOverride, text, 'c.yaml', 'OVERRIDE_INVALID'), 'OVERRIDE_INVALID'],
      ] as const) {
        const error = errorOf(parse);
        expect(error).toBeInstanceOf(RoundupError);
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
      }
    });
  });

  it('says how to fix a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roundup-config-'));
    const error = errorOf(() => loadConfig(join(dir, 'nope.yaml')));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain('--config');
    writeFileSync(join(dir, 'ok.yaml'), minimal);
    expect(loadConfig(join(dir, 'ok.yaml')).dir).toBe(dir);
  });
});

describe('readEnv', () => {
  it('reads deployment values from the environment, with a default database', () => {
    expect(readEnv({})).toEqual({ db: 'data/roundup.db' });
    const env = readEnv({ SMTP_URL: 'smtps://u:p@mail.example:465', ROUNDUP_SECRET: 'x'.repeat(32), ROUNDUP_DB: '/tmp/r.db' });
    expect(env).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example:465', db: '/tmp/r.db' });
  });

  it('rejects a bad SMTP_URL without echoing it whole, and a short secret', () => {
    const bad = errorOf(() => readEnv({ SMTP_URL: 'http://user:secretpass@host' }));
    expect(bad.code).toBe('ENV_INVALID');
    expect(bad.message).not.toContain('secretpass');
    expect(errorOf(() => readEnv({ ROUNDUP_SECRET: 'short' })).code).toBe('ENV_INVALID');
  });
});

describe('issue override files', () => {
  it('name the file, line and key of a misspelt key instead of ignoring it', async () => {
    const { IssueOverride } = await import('../../src/config/issue-override-schema.js');
    const { parseYamlWith } = await import('../../src/config/load-config.js');
    const error = errorOf(() => parseYamlWith(IssueOverride, 'subject: Hello\nexlude: [https://news.example/a/]\n', 'issues/2026-W48.yaml', 'OVERRIDE_INVALID'));
    expect(error.code).toBe('OVERRIDE_INVALID');
    expect(error.message).toContain('issues/2026-W48.yaml:2');
    expect(error.message).toContain('exlude');
    expect(parseYamlWith(IssueOverride, 'subject: Hello\n', 'x.yaml', 'OVERRIDE_INVALID')).toMatchObject({ subject: 'Hello', pin: [] });
  });
});
