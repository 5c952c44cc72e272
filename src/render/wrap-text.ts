// Word wrapping for the plain-text part: readable in a terminal, lines under 80 columns.

export interface WrapOptions {
  /** Longest line, indent included (default 76). */
  width?: number;
  /** Spaces before every line (default 0). */
  indent?: number;
  /** Spaces before every line after the first of a paragraph (default: `indent`), for hanging lists. */
  hangingIndent?: number;
}

/**
 * Wraps text at word boundaries. Paragraphs (blank-line separated) stay apart; single newlines inside a
 * paragraph are joined. A word longer than the line (a URL) goes on a line of its own, unbroken, because a
 * broken URL no longer works.
 */
export function wrapText(text: string, options: WrapOptions = {}): string {
  const width = options.width ?? 76;
  const indent = ' '.repeat(options.indent ?? 0);
  const hanging = ' '.repeat(options.hangingIndent ?? options.indent ?? 0);
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paragraphs.map((p) => wrapParagraph(p, width, indent, hanging)).join('\n\n');
}

function wrapParagraph(paragraph: string, width: number, first: string, rest: string): string {
  const words = paragraph.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  let prefix = first;
  for (const word of words) {
    if (line === '') {
      line = prefix + word;
    } else if (line.length + 1 + word.length <= width) {
      line += ' ' + word;
    } else {
      lines.push(line);
      prefix = rest;
      line = prefix + word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
