import type { Config } from '../config/schema.js';
import { resolveConfigPath } from '../config/load-config.js';
import type { CheckResult, Digest, RenderedIssue } from '../types.js';
import { checkRendered } from './check-rendered.js';
import { checkContrast } from './checks/check-contrast.js';
import { checkSubject } from './checks/check-subject.js';
import { compileMjml } from './compile-mjml.js';
import { emptySectionChecks } from './empty-section-checks.js';
import { formatIssueDate } from './format-dates.js';
import { loadTemplates, type TemplateFile } from './load-templates.js';
import { createTemplateEngine, type TemplateEngine } from './template-engine.js';
import { buildTemplateData } from './template-data.js';
import { tokensFor } from './tokens.js';
import { stripControls } from '../text/control-characters.js';

export interface RenderOptions {
  config: Config;
  /** The config file's folder: `email.templatesDir` resolves against it. */
  configDir: string;
  /** MJML validation: `strict` (the default; tests and `roundup build`) throws TEMPLATE_INVALID on invalid MJML. */
  validationLevel?: 'strict' | 'soft';
  /**
   * The template files to render with (a frozen issue's, or those the caller already read); default: the bundled
   * templates with `email.templatesDir` over them, read now.
   */
  templates?: ReadonlyMap<string, TemplateFile> | undefined;
}

/** The templates a config renders with: the bundled ones with `email.templatesDir` (relative to `configDir`) over them. */
export function templatesFor(config: Config, configDir: string): Map<string, TemplateFile> {
  const overrideDir = config.email.templatesDir ? resolveConfigPath({ dir: configDir }, config.email.templatesDir) : undefined;
  return loadTemplates(overrideDir);
}

/**
 * Renders an issue once: Handlebars fills the templates with the digest, MJML compiles the result, the text
 * part comes from its own template, and the checks run. `html` and `text` keep the per-subscriber tokens;
 * fill them per subscriber with fillTokens.
 */
export async function renderIssue(digest: Digest, options: RenderOptions): Promise<RenderedIssue> {
  const { config } = options;
  const engine = createTemplateEngine(new Map(options.templates ?? templatesFor(config, options.configDir)));

  const lines = subjectLines(digest, config, engine);
  // Markers made from what the email shows of the digest (every story field included): no story can name them
  // (tokens.ts). Not from the whole digest: its source summaries name files and times, which would make the same
  // issue render differently on another machine.
  const { issue, subject, preheader, intro, sections, featuredCompany } = digest;
  const tokens = tokensFor(JSON.stringify({ issue, subject, preheader, intro, sections, featuredCompany }));
  const { data, checks: dataChecks, links } = buildTemplateData(digest, config, lines, tokens);
  const mjml = engine.renderLocated('layout.mjml', data);
  const { html, errors } = await compileMjml(mjml.text, options.validationLevel ?? 'strict', mjml.locate);
  const text = `${engine.render('text.hbs', data).replace(/\n{3,}/g, '\n\n').trim()}\n`;

  const checks: CheckResult[] = [...dataChecks, ...emptySectionChecks(digest, config.selection.sections)];
  if (!config.email.postalAddress) {
    checks.push({
      level: 'warning',
      code: 'postal-address-missing',
      message: 'The footer has no postal address: set `email.postalAddress` (bulk email law in many countries asks for one).',
    });
  }
  checks.push(...checkContrast(config.email.brand), ...checkSubject(lines.subject, [config.email.from?.name ?? '', config.site.name]));
  checks.push(
    ...checkRendered({ html, text, tokens, links }, { limits: config.email.checks, publicUrl: config.web.publicUrl, mjmlErrors: errors }),
  );
  return { issue: digest.issue, subject: lines.subject, preheader: lines.preheader, html, text, tokens, links, checks };
}

/**
 * Subject and preheader, as plain text. The issue's own (`digest.subject`/`preheader`, from the editor's
 * override file) win and are used as written; otherwise `email.subject`/`email.preheader` from config, else
 * `subject.hbs`/`preheader.hbs` from the templates.
 */
function subjectLines(digest: Digest, config: Config, engine: TemplateEngine): { subject: string; preheader: string } {
  const titles = digest.sections.flatMap((s) => s.stories.map((story) => story.title));
  const data = {
    publication: digest.publication.name,
    issue: digest.issue,
    issueDate: formatIssueDate(digest.sendDate),
    topTitle: titles[0] ?? '',
    nextTitles: titles.slice(1, 4),
    storyCount: titles.length,
  };
  const render = (own: string | undefined, configured: string | undefined, key: string, file: string) => {
    if (own?.trim()) return oneLine(own);
    if (configured) return oneLine(engine.compileText(configured, `config \`email.${key}\``)(data));
    return oneLine(engine.render(file, data));
  };
  return {
    subject: render(digest.subject, config.email.subject, 'subject', 'subject.hbs'),
    preheader: render(digest.preheader, config.email.preheader, 'preheader', 'preheader.hbs'),
  };
}

/** Plain text on one line: no line breaks (a subject is a header), no control characters, spaces collapsed. */
function oneLine(value: string): string {
  return stripControls(value).replace(/\s+/g, ' ').trim();
}
