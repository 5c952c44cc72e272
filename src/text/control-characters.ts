// Characters that change how text is shown instead of being shown: C0 and C1 controls (NUL, BEL, ESC starting
// a terminal escape sequence, ...), the bidirectional marks, embeddings, overrides and isolates that can make
// "exe.txt" read as "txt.exe", line and paragraph separators, and a stray byte order mark. Text from sources
// never needs the controls and the bidi overrides: they are removed before a story exists. Text printed to a
// terminal or quoted in a message may still hold any of them (a file name, a log line): there they are shown as
// escapes instead of acting, the same escapes JSON uses, so a JSON document stays valid.

/**
 * What is escaped when text is printed: C0 (but tab, line feed, and a carriage return that ends a line: CSV's
 * CRLF), DEL, C1, bidi, separators, BOM. A bare carriage return could overwrite what a terminal shows.
 */
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** The same, with tab and line feed: for values quoted on one line. */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** What is removed from story text: controls (C0 but tab and line feed, DEL, C1), bidi embeddings/overrides/isolates. */
const STRIPPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const BIDI = /^[\u202a-\u202e\u2066-\u2069]$/;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Removes the unsafe characters from story text: a control becomes a space (it may have separated two words;
 * collapse whitespace yourself where it matters), a bidi embedding, override or isolate is dropped. Tab and line
 * feed stay.
 */
export function stripControls(text: string): string {
  return text.replace(STRIPPED, (c) => (BIDI.test(c) ? '' : ' '));
}

/**
 * Makes text safe to print: every unsafe character becomes a visible escape, `\uXXXX` (or `\n`, `\r`, `\t`),
 * also valid inside a JSON string. Line feeds, tabs and CRLF line ends stay, unless `oneLine`.
 */
export function escapeControls(text: string, options: { oneLine?: boolean } = {}): string {
  const pattern = options.oneLine ? UNSAFE_ONE_LINE : UNSAFE;
  return text.replace(pattern, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
