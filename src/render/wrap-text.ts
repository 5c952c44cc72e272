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

/** A content link's marker (tokens.ts): it becomes a URL of unknown length, so it is wrapped like a long one. */
const LINK_MARKER = /@@ROUNDUP_[A-Z0-9_]*LINK\d+@@/;

function wrapParagraph(paragraph: string, width: number, first: string, rest: string): string {
  const words = paragraph.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  let used = 0; // the line's length as it will read: a link marker counts as too long to share a line
  let prefix = first;
  for (const word of words) {
    const length = LINK_MARKER.test(word) ? width + 1 : word.length;
    if (line === '') {
      line = prefix + word;
      used = prefix.length + length;
    } else if (used + 1 + length <= width) {
      line += ' ' + word;
      used += 1 + length;
    } else {
      lines.push(line);
      prefix = rest;
      line = prefix + word;
      used = prefix.length + length;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
