// Characters that change how text is shown instead of being shown: C0 and C1 controls (NUL, BEL, ESC starting
// a terminal escape sequence, ...) and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069) that can make "exe.txt" read as "txt.exe". Text from sources never needs them: they are
// removed before a story exists. Text printed to a terminal may still hold them (a file name, a log line
// quoted in a message): there they are shown as escapes instead of acting.

/**
 * C0 controls but tab and line feed (a lone carriage return rewrites a terminal line), DEL, C1, and the bidi
 * embeddings/overrides/isolates.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, with tab and line feed: for one-line values. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const BIDI = /^[\u202a-\u202e\u2066-\u2069]$/;

/**
 * Removes the unsafe characters: a control becomes a space (it may have separated two words; collapse
 * whitespace yourself where it matters), a bidi embedding, override or isolate is dropped. Tab and line feed stay.
 */
export function stripControls(text: string): string {
  return text.replace(UNSAFE, (c) => (BIDI.test(c) ? '' : ' '));
}

/**
 * Makes text safe to print on a terminal: every unsafe character becomes a visible `\uXXXX` escape (also a
 * valid escape inside a JSON string, where only these characters can be). Line feeds and tabs stay, unless
 * `oneLine`.
 */
export function escapeControls(text: string, options: { oneLine?: boolean } = {}): string {
  const pattern = options.oneLine ? UNSAFE_ONE_LINE : UNSAFE;
  return text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

