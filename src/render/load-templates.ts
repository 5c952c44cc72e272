import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RoundupError } from '../errors.js';

/** The bundled templates: `templates/` at the package root. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateFile {
  /** Path inside the templates folder with `/` separators, e.g. `partials/footer.mjml`: the override key. */
  name: string;
  /** Where it was read from, for messages. */
  file: string;
  source: string;
}

/**
 * Reads the bundled templates, then the override folder (`email.templatesDir`, already resolved against the
 * config folder): a file there replaces the bundled file of the same name, and a new file there is added
 * (a new partial, for instance).
 */
export function loadTemplates(overrideDir?: string, defaultDir: string = DEFAULT_TEMPLATES_DIR): Map<string, TemplateFile> {
  const files = new Map<string, TemplateFile>();
  for (const file of readTree(defaultDir)) files.set(file.name, file);
  if (overrideDir !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(overrideDir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      throw new RoundupError(
        'TEMPLATE_INVALID',
        `Template folder \`${overrideDir}\` (config \`email.templatesDir\`) does not exist or is not a folder. ` +
          'Create it with the files you want to replace (e.g. `partials/footer.mjml`), or remove the key.',
      );
    }
    for (const file of readTree(overrideDir)) files.set(file.name, file);
  }
  return files;
}

function readTree(root: string): TemplateFile[] {
  const out: TemplateFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(mjml|hbs)$/.test(entry.name)) {
        out.push({ name: relative(root, path).split(sep).join('/'), file: displayPath(path), source: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return out;
}

/** A path relative to the working directory when it is under it (shorter messages), else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
