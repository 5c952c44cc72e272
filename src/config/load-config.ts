import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RoundupError } from '../errors.js';
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

/** Parses YAML and validates it with a zod schema; messages carry file:line and the key path. */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  code: 'CONFIG_INVALID' | 'OVERRIDE_INVALID',
): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new RoundupError(code, `${file}:${line}: YAML syntax error: ${first.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.map(String);
    // An unknown key has no node of its own in zod's path: point at the key itself.
    const extra = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const nodePath = (extra === undefined ? issue.path : [...issue.path, extra]) as (string | number)[];
    const node = (extra === undefined ? doc.getIn(nodePath, true) : keyNode(doc, nodePath)) as { range?: [number, number, number] } | undefined;
    const where = node?.range ? `${file}:${lineCounter.linePos(node.range[0]).line}` : file;
    const key = path.length > 0 ? `\`${path.join('.')}\`` : 'the top level';
    const found = describeFound(raw, issue.path as PropertyKey[]);
    return `${where}: ${key}: ${issue.message}${found}`;
  });
  const more = parsed.error.issues.length > 10 ? `\n(and ${parsed.error.issues.length - 10} more)` : '';
  throw new RoundupError(code, `Invalid ${code === 'CONFIG_INVALID' ? 'config' : 'issue override'} in ${file}:\n  ${lines.join('\n  ')}${more}`);
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
