import { RoundupError, errorMessage } from '../errors.js';
import type { LocateLine } from './template-lines.js';

export interface MjmlProblem {
  /** Line in the assembled document (the layout with its partials filled in). */
  line: number;
  tagName: string;
  message: string;
  /** The template file that wrote that line, and its own line there, when known. */
  file?: string | undefined;
  fileLine?: number | undefined;
  /** How many times MJML reported it (a bad tag in a partial used for every story comes once per story). */
  count?: number | undefined;
}

// MINIFY IS OFF ON PURPOSE. mjml 5 minifies through htmlnano, which loads cssnano with an optional import
// from its own folder; in this install cssnano sits under node_modules/mjml-core/node_modules and is not
// resolvable from node_modules/htmlnano, so htmlnano skips CSS minification without a word. The templates
// are kept lean instead (one section per digest section, compact rows, styles on the few elements that
// need them) and the size check measures every build. No beautify either: it would only add bytes.
// What we do instead is safe by construction: drop the indentation MJML writes at the start of lines and
// blank lines (a newline stays, and HTML treats it as the same whitespace; the email has no <pre>).

/**
 * Compiles the issue's MJML (already filled by Handlebars) to HTML. `strict` refuses invalid MJML with
 * TEMPLATE_INVALID naming each error and the MJML line; `soft` returns the HTML with the errors beside it.
 */
export async function compileMjml(
  source: string,
  validationLevel: 'strict' | 'soft',
  locate?: LocateLine,
): Promise<{ html: string; errors: MjmlProblem[] }> {
  // mjml is the heaviest module Roundup loads (about half a second): load it when an email is compiled,
  // not whenever a command that could render starts (`roundup subscribers`, `--help`).
  const { default: mjml2html } = await import('mjml');
  try {
    const result = await mjml2html(source, {
      validationLevel,
      minify: false,
      beautify: false,
      keepComments: false,
      // No default Google Fonts <link>s: a web font comes only from `email.brand.webFontUrl` (mj-font).
      fonts: {},
      ignoreIncludes: true,
    });
    return { html: trimIndentation(result.html), errors: summarise(result.errors.map(toProblem), locate) };
  } catch (cause) {
    const errors = (cause as { errors?: { line: number; tagName: string; message: string }[] }).errors;
    if (Array.isArray(errors)) {
      const problems = summarise(errors.map(toProblem), locate);
      throw new RoundupError(
        'TEMPLATE_INVALID',
        `The email's MJML is invalid:\n` +
          problems.slice(0, 10).map((e) => `  ${describeMjmlProblem(e, source)}`).join('\n') +
          `${problems.length > 10 ? `\n  (and ${problems.length - 10} more)` : ''}\nFix the template named above (in templates/ or your \`email.templatesDir\`).`,
        { cause },
      );
    }
    throw new RoundupError('TEMPLATE_INVALID', `MJML could not compile the email: ${errorMessage(cause)}`, { cause });
  }
}

/** Removes indentation at line starts and empty lines: about 15 KB of a typical issue, with no visible change. */
export function trimIndentation(html: string): string {
  return html.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n').trim();
}

function toProblem(e: { line: number; tagName: string; message: string }): MjmlProblem {
  return { line: e.line, tagName: e.tagName, message: e.message };
}

const UNKNOWN_TAG = /doesn't exist or is not registered/;

/**
 * MJML's errors as an editor needs them: each traced to the template file and line that wrote it; one bad tag
 * in a partial used for every story reported once with a count, not once per story; and the HTML inside an
 * unknown MJML tag (which MJML then calls unknown too, tag by tag) left out when the unknown `mj-` tag is named.
 */
export function summarise(problems: readonly MjmlProblem[], locate?: LocateLine): MjmlProblem[] {
  const located = problems.map((p) => {
    const at = locate?.(p.line);
    return at ? { ...p, file: at.file, fileLine: at.line } : { ...p };
  });
  const unknownMj = located.some((p) => UNKNOWN_TAG.test(p.message) && p.tagName.startsWith('mj-'));
  const kept = unknownMj ? located.filter((p) => !(UNKNOWN_TAG.test(p.message) && !p.tagName.startsWith('mj-'))) : located;
  const groups = new Map<string, MjmlProblem>();
  for (const p of kept) {
    const key = p.file !== undefined ? `${p.file}:${p.fileLine ?? `@${p.line}`}\0${p.tagName}\0${p.message}` : `@${p.line}\0${p.tagName}\0${p.message}`;
    const group = groups.get(key);
    if (group) group.count = (group.count ?? 1) + 1;
    else groups.set(key, { ...p, count: 1 });
  }
  return [...groups.values()];
}

/** Where a problem is, in words: `templates/partials/story-row.mjml:5`, else the assembled document's line. */
export function mjmlProblemPlace(problem: MjmlProblem): string {
  if (problem.file === undefined) return `line ${problem.line} of the assembled MJML`;
  return problem.fileLine !== undefined ? `${problem.file}:${problem.fileLine}` : `${problem.file} (line ${problem.line} of the assembled MJML)`;
}

/** `templates/partials/story-row.mjml:5 <mj-image>: message (24 times; near: <the assembled line>)`. */
export function describeMjmlProblem(problem: MjmlProblem, source?: string): string {
  const near = source?.split('\n')[problem.line - 1]?.trim().slice(0, 120);
  const notes = [problem.count && problem.count > 1 ? `${problem.count} times` : '', near ? `near: ${near}` : ''].filter(Boolean);
  return `${mjmlProblemPlace(problem)} <${problem.tagName}>: ${problem.message}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}
