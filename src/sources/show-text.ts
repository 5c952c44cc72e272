// Text from a source, quoted for a message: control characters (C0, C1, DEL), bidi controls and line or
// paragraph separators are written as escapes, so a message can never move the cursor, recolour the
// terminal or reorder what the reader sees; long text is cut (never inside a surrogate pair).

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with unsafe characters escaped, unquoted. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** `text` in double quotes, escaped, at most `max` characters of it (then `…`). */
export function showText(text: string, max = 80): string {
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return `"${escapeControls(cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}
