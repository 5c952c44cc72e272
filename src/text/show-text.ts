import { escapeControls } from './control-characters.js';

// Text from a source, quoted for a message: every character that could move the cursor, recolour the terminal
// or reorder what the reader sees is written as an escape (src/text/control-characters.ts), line breaks
// included; long text is cut (never inside a surrogate pair).

/** `text` with unsafe characters (line breaks included) escaped, unquoted. */
export function escapeForMessage(text: string): string {
  return escapeControls(text, { oneLine: true });
}

/** `text` in double quotes, escaped, at most `max` characters of it (then `…`). */
export function showText(text: string, max = 80): string {
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return `"${escapeForMessage(cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}
