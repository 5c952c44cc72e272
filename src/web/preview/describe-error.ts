import { errorMessage, isRoundupError } from '../../errors.js';

/** An error as the preview page shows it: what, and where to fix it. */
export interface PreviewError {
  /** The RoundupError code (`TEMPLATE_INVALID`, `OVERRIDE_INVALID`, `ISSUE_TOO_THIN`, ...), or `UNEXPECTED`. */
  code: string;
  message: string;
  /** `file:line` when the message names one (e.g. `templates/partials/footer.mjml:12`). */
  where?: string;
}

const FILE_LINE = /([\w./@~+-]*[\w-]+\.(?:ya?ml|mjml|hbs|json|xml|csv|log(?:\.gz)?|txt)):(\d+)/;
const QUOTED_FILE = /`([^`\s]+\.(?:ya?ml|mjml|hbs|json|xml|csv))`/;
const HANDLEBARS_LINE = /(?:Parse error on line|on line|line) (\d+)/i;

/**
 * Describes anything thrown while building a preview. Roundup's messages already name the file and line
 * (`config/issues/2026-W48.yaml:3: ...`); a template error names the file and Handlebars gives the line.
 */
export function describeError(error: unknown): PreviewError {
  const message = errorMessage(error);
  const described: PreviewError = { code: isRoundupError(error) ? error.code : 'UNEXPECTED', message };
  const direct = FILE_LINE.exec(message);
  if (direct) {
    described.where = `${direct[1]}:${direct[2]}`;
    return described;
  }
  const file = QUOTED_FILE.exec(message);
  if (file) {
    const line = HANDLEBARS_LINE.exec(message.slice(file.index));
    described.where = line ? `${file[1]}:${line[1]}` : file[1]!;
  }
  return described;
}
