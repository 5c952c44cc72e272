import { RoundupError, errorMessage } from '../errors.js';

export interface MjmlProblem {
  line: number;
  tagName: string;
  message: string;
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
    return { html: trimIndentation(result.html), errors: result.errors.map(toProblem) };
  } catch (cause) {
    const errors = (cause as { errors?: { line: number; tagName: string; message: string }[] }).errors;
    if (Array.isArray(errors)) {
      throw new RoundupError(
        'TEMPLATE_INVALID',
        `The email's MJML is invalid (the layout or a partial in templates/ or email.templatesDir):\n` +
          errors.slice(0, 10).map((e) => `  ${describeMjmlProblem(toProblem(e), source)}`).join('\n') +
          '\nFix the template that writes that tag.',
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

/** `line 12 <mj-image>: message (near: <the source line>)`. */
export function describeMjmlProblem(problem: MjmlProblem, source: string): string {
  const near = source.split('\n')[problem.line - 1]?.trim().slice(0, 120);
  return `line ${problem.line} <${problem.tagName}>: ${problem.message}${near ? ` (near: ${near})` : ''}`;
}
