import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RoundupError } from '../errors.js';
import { closestWord } from '../text/closest-word.js';
import { escapeForMessage } from '../text/show-text.js';
import { allowedKeys } from './allowed-keys.js';
import { Config } from './schema.js';

export const DEFAULT_CONFIG = 'config/roundup.yaml';

/** A validated config and where it came from. Every stage after loading trusts `config`. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** Its folder: relative paths inside the config resolve against it. */
  dir: string;
}

/** Resolves a path from the config (relative to the config file's folder). */
export function resolveConfigPath(loaded: Pick<LoadedConfig, 'dir'>, path: string): string {
  return isAbsolute(path) ? path : resolve(loaded.dir, path);
}

/** Reads, parses and validates a config file. Errors name the file, line, key, what was expected and what came. */
export function loadConfig(file: string = DEFAULT_CONFIG, cwd: string = process.cwd()): LoadedConfig {
  const absolute = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new RoundupError(
      'CONFIG_NOT_FOUND',
      `Config file \`${file}\` could not be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ` +
        'Pass --config FILE or set ROUNDUP_CONFIG, or copy config/roundup.yaml as a start.',
      { cause },
    );
  }
  return { config: parseConfigText(text, file), file: absolute, dir: dirname(absolute) };
}

/** Parses and validates YAML text; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): Config {
  return parseYamlWith(Config, text, file, 'CONFIG_INVALID');
}

/**
 * Parses YAML and validates it with a zod schema; messages carry file:line:column and the key path. Hostile or
 * mistaken YAML (an alias with no anchor, as `subject: *Breaking*` is; an alias bomb; thousands of levels of
 * nesting) fails with `code` and the line, like any other mistake, never with a ReferenceError or RangeError.
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  code: 'CONFIG_INVALID' | 'OVERRIDE_INVALID',
): z.infer<S> {
  try {
    return parseAndValidate(schema, text, file, code);
  } catch (error) {
    if (error instanceof RoundupError) throw error;
    throw yamlFailure(error, text, file, code);
  }
}

function parseAndValidate<S extends z.ZodType>(schema: S, text: string, file: string, code: 'CONFIG_INVALID' | 'OVERRIDE_INVALID'): z.infer<S> {
  const lineCounter = new LineCounter();
  // logLevel error: yaml's warnings would go to the terminal; a collection used as a key fails validation anyway.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const what =
      first.code === 'RESOURCE_EXHAUSTION'
        ? `the YAML is nested too deeply to read (${escapeForMessage(first.message.split('\n')[0]!)}). Flatten it`
        : `YAML syntax error: ${escapeForMessage(first.message.split('\n')[0]!)}`;
    throw new RoundupError(code, `${file}:${line}:${col}: ${what}`);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // One line per unknown key (zod groups a level's unknown keys in one issue): each has its own line and suggestion.
  const issues = parsed.error.issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue],
  );
  const lines = issues.slice(0, 10).map((issue) => {
    const path = issue.path.map(String);
    // An unknown key has no node of its own in zod's path: point at the key itself.
    const extra = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const nodePath = (extra === undefined ? issue.path : [...issue.path, extra]) as (string | number)[];
    // A missing key has no node: point at the nearest ancestor that has one (else the first line).
    let node = (extra === undefined ? doc.getIn(nodePath, true) : keyNode(doc, nodePath)) as { range?: [number, number, number] } | undefined;
    for (let up = nodePath.length - 1; !node?.range && up >= 0; up--) node = doc.getIn(nodePath.slice(0, up), true) as typeof node;
    const where = `${file}:${node?.range ? lineCounter.linePos(node.range[0]).line : 1}`;
    if (extra !== undefined) return escapeForMessage(`${where}: ${unknownKey(schema, raw, issue.path as PropertyKey[], extra)}`);
    const key = path.length > 0 ? `\`${path.join('.')}\`` : 'the top level';
    const found = describeFound(raw, issue.path as PropertyKey[]);
    return escapeForMessage(`${where}: ${key}: ${issue.message}${found}`);
  });
  const more = issues.length > 10 ? `\n(and ${issues.length - 10} more)` : '';
  throw new RoundupError(code, `Invalid ${code === 'CONFIG_INVALID' ? 'config' : 'issue override'} in ${file}:\n  ${lines.join('\n  ')}${more}`);
}

/**
 * `` `selection.featured`: unknown key `tagg`; did you mean `tag`? (expected one of: urls, sticky, tag) ``: a
 * misspelt key is never ignored, since an ignored `cout:` or `tagg:` silently changes the issue.
 */
function unknownKey(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[], key: string): string {
  const where = path.length > 0 ? `\`${path.map(String).join('.')}\`` : 'the top level';
  const allowed = allowedKeys(schema, path, valueAt(raw, path)) ?? [];
  const guess = closestWord(key, allowed);
  const suggestion = guess !== undefined ? `; did you mean \`${guess}\`?` : '.';
  const list = allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
  return `${where}: unknown key \`${key}\`${suggestion}${list}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Aliases a document may expand before it counts as an alias bomb (yaml's own default). */
const MAX_ALIAS_COUNT = 100;

/** 1-based line of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  return offset < 0 ? 1 : text.slice(0, offset).split('\n').length;
}

/** The line of the first alias `*name` (any alias when `name` is not given). */
function aliasLine(text: string, name?: string): number {
  const pattern = name === undefined ? /(^|[\s[{,:-])\*[^\s,[\]{}]+/ : new RegExp(`(^|[\\s[{,:-])\\*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s,[\\]{}])`);
  const m = pattern.exec(text);
  return m ? lineOf(text, m.index + m[1]!.length) : 1;
}

/** What went wrong in the YAML library or the validation, as the caller's RoundupError with a line. */
function yamlFailure(error: unknown, text: string, file: string, code: 'CONFIG_INVALID' | 'OVERRIDE_INVALID'): RoundupError {
  const message = error instanceof Error ? error.message : String(error);
  const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
  if (unresolved) {
    const name = unresolved[1]!;
    return new RoundupError(
      code,
      `${file}:${aliasLine(text, name)}: \`*${escapeForMessage(name)}\` is a YAML alias, and no anchor \`&${escapeForMessage(name)}\` is set before it. ` +
        'To write text that starts with `*`, put it in quotes, e.g. `subject: "*Breaking*"`.',
      { cause: error },
    );
  }
  if (/alias count|resource exhaustion/i.test(message)) {
    return new RoundupError(
      code,
      `${file}:${aliasLine(text)}: the YAML expands aliases more than ${MAX_ALIAS_COUNT} times, as an alias bomb would. ` +
        'Write the values out instead of nesting aliases.',
      { cause: error },
    );
  }
  if (error instanceof RangeError) {
    return new RoundupError(code, `${file}:${deepestLine(text)}: the YAML is nested too deeply to read. Flatten it.`, { cause: error });
  }
  return new RoundupError(code, `${file}:1: the YAML could not be read (${escapeForMessage(message)}).`, { cause: error });
}

/** The line where flow brackets or indentation go deepest: where a too-deep document is too deep. */
function deepestLine(text: string): number {
  let depth = 0;
  let best = { depth: -1, line: 1 };
  let line = 1;
  let lineStart = true;
  let indent = 0;
  for (const c of text) {
    if (c === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && c === ' ') indent++;
    else lineStart = false;
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    const level = depth + indent;
    if (level > best.depth) best = { depth: level, line };
  }
  return best.line;
}

/** The YAML node of a map key (not its value), for the line of an unknown key. */
function keyNode(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): unknown {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const items = (parent as { items?: { key?: { value?: unknown; range?: unknown } }[] } | null)?.items;
  return items?.find((item) => item.key?.value === path[path.length - 1])?.key;
}

function describeFound(raw: unknown, path: PropertyKey[]): string {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return ', got nothing';
  if (typeof value === 'object' && value !== null) return '';
  return `, got \`${JSON.stringify(value)}\``;
}
