import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import { RoundupError, errorMessage } from '../errors.js';
import type { TemplateFile } from './load-templates.js';
import { PartialMarks, type LocateLine } from './template-lines.js';
import { wrapText } from './wrap-text.js';

// Two Handlebars environments over the same template files: `html` (escapes values; renders the MJML layout
// and its `partials/*.mjml`) and `text` (no escaping, because the text part is not HTML; renders `text.hbs`,
// the subject and preheader, and `partials/*.hbs`). Each runs once per issue over the data; nothing
// rendered is ever fed back into a template, so a title containing `{{x}}` stays text.

type Render = (data: unknown) => string;

export interface TemplateEngine {
  /** Renders a template file by name (`layout.mjml`, `text.hbs`, ...). */
  render(name: string, data: unknown): string;
  /**
   * Renders like `render`, and tells where each line of the result came from (the template file and its own
   * line), so that an MJML error in a partial names that partial, not a line of the assembled document.
   */
  renderLocated(name: string, data: unknown): { text: string; locate: LocateLine };
  /** Compiles a template string from config (e.g. `email.subject`) for the text environment. */
  compileText(source: string, where: string): Render;
}

function templateError(where: string, cause: unknown): RoundupError {
  if (cause instanceof RoundupError) return cause;
  const message = errorMessage(cause).split('\n').slice(0, 4).join('\n');
  return new RoundupError(
    'TEMPLATE_INVALID',
    `Template ${where} failed: ${message}\nFix that template (or delete your override of it to use the bundled one).`,
    { cause },
  );
}

function registerHelpers(hb: typeof Handlebars): void {
  // {{wrap text indent=3}} or {{#wrap indent=3}}...{{/wrap}}: text part only, lines under 80 columns.
  hb.registerHelper('wrap', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions;
    const text = options.fn ? options.fn(this) : String(args[0] ?? '');
    const hash = options.hash as { width?: number; indent?: number; hanging?: number };
    const wrapOptions: Parameters<typeof wrapText>[1] = { width: hash.width ?? 76, indent: hash.indent ?? 0 };
    if (hash.hanging !== undefined) wrapOptions.hangingIndent = hash.hanging;
    return wrapText(text, wrapOptions);
  });
  hb.registerHelper('upper', (value: unknown) => String(value ?? '').toLocaleUpperCase());
  // {{rule title "="}}: a line of "=" as long as the title (capped at 76).
  hb.registerHelper('rule', (value: unknown, char: unknown) =>
    (typeof char === 'string' ? char : '-').repeat(Math.min(String(value ?? '').length, 76)),
  );
  hb.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
}

function compileChecked(hb: typeof Handlebars, file: TemplateFile, options: CompileOptions): Render {
  try {
    hb.parse(file.source);
  } catch (cause) {
    throw templateError(`\`${file.file}\``, cause);
  }
  const compiled = hb.compile(file.source, options);
  return (data) => {
    try {
      return compiled(data);
    } catch (cause) {
      throw templateError(`\`${file.file}\``, cause);
    }
  };
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** Compiles every template file into the two environments; a syntax error names the file. */
export function createTemplateEngine(files: Map<string, TemplateFile>): TemplateEngine {
  const html = Handlebars.create();
  const text = Handlebars.create();
  registerHelpers(html);
  registerHelpers(text);
  const htmlOptions: CompileOptions = { preventIndent: true };
  const textOptions: CompileOptions = { noEscape: true, preventIndent: true };

  const renders = new Map<string, Render>();
  // Set while renderLocated runs: each partial's output is marked with the file it came from.
  let marks: PartialMarks | undefined;
  for (const file of files.values()) {
    const isText = file.name.endsWith('.hbs');
    const hb = isText ? text : html;
    const options = isText ? textOptions : htmlOptions;
    const render = compileChecked(hb, file, options);
    renders.set(file.name, render);
    const partial = /^partials\/(.+)\.(mjml|hbs)$/.exec(file.name);
    if (partial) {
      const compiled = hb.compile(file.source, options);
      // Wrapped so an error inside a partial names the partial's file, not the layout's.
      const wrapped = ((context: unknown, runtime?: Handlebars.RuntimeOptions) => {
        try {
          const output = compiled(context, runtime);
          return marks ? marks.wrap(file, output) : output;
        } catch (cause) {
          throw templateError(`\`${file.file}\``, cause);
        }
      }) as Handlebars.TemplateDelegate;
      hb.registerPartial(partial[1]!, wrapped);
    }
  }

  const renderOf = (name: string): Render => {
    const render = renders.get(name);
    if (!render) {
      throw new RoundupError(
        'TEMPLATE_INVALID',
        `Template \`${name}\` is missing from the templates folder and from \`email.templatesDir\`. Restore it from the bundled templates/.`,
      );
    }
    return render;
  };

  return {
    render: (name, data) => renderOf(name)(data),
    renderLocated(name, data) {
      const render = renderOf(name);
      marks = new PartialMarks(randomBytes(6).toString('hex'));
      try {
        return marks.strip(render(data), files.get(name)!);
      } finally {
        marks = undefined;
      }
    },
    compileText(source, where) {
      return compileChecked(text, { name: where, file: where, source }, textOptions);
    },
  };
}
