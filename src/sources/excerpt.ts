// A story's excerpt: plain text of at most `max` characters plus an ellipsis, cut at a word boundary.
// WordPress adds tails to its excerpts that say nothing about the story ("[…]", "Continue reading →",
// "The post X appeared first on Y."): they are removed before measuring.

/** Longest excerpt before the ellipsis. */
export const EXCERPT_MAX = 200;

const ELLIPSIS = '…';

/** Feed footers: say nothing about the story and do not mean it was cut. */
const FOOTER = /\s*The post .{1,300}? appeared first on .{1,200}?\.?\s*$/;
/** Tails that mean "the text goes on": removed, and the excerpt then ends with "…". */
const MORE: readonly RegExp[] = [
  /\s*Continue reading\b.{0,200}$/i,
  /\s*(?:Read more|Read the full (?:story|article))\s*[→»›.…]*\s*$/i,
  /\s*\[\s*(?:…|\.\.\.|&hellip;)\s*\]\s*$/,
  /\s*(?:…|\.\.\.)\s*$/,
];

/** Removes feed footers and "read more" tails; `cut` says whether a tail said the text goes on. */
export function stripExcerptTail(text: string): { text: string; cut: boolean } {
  let out = text.trim().replace(FOOTER, '');
  let cut = false;
  for (const tail of MORE) {
    const before = out;
    out = out.replace(tail, '');
    if (out !== before) cut = true;
  }
  return { text: out.trim(), cut };
}

/**
 * Trims plain text (already whitespace-collapsed) to at most `max` characters at a word boundary and adds
 * "…" when anything was cut. Never cuts inside a word: a first word longer than `max` is cut hard, the one
 * case with no boundary to use. Trailing punctuation before the ellipsis (`,` `;` `:` `-`) is dropped.
 */
export function excerpt(text: string, max: number = EXCERPT_MAX): string {
  const { text: clean, cut: wasCut } = stripExcerptTail(text);
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length <= max) {
    // A "read more" tail after a whole sentence adds nothing; after a broken one it says the text goes on.
    if (!wasCut || clean === '' || /[.!?]["'”’)]?$/u.test(clean)) return clean;
    return `${clean.replace(/[\s,;:\-–—(]+$/u, '')}${ELLIPSIS}`;
  }
  // The longest prefix of at most `max` characters that ends just before a space.
  let cut = -1;
  for (let i = max; i > 0; i--) {
    if (chars[i] === ' ') {
      cut = i;
      break;
    }
  }
  let head = cut > 0 ? chars.slice(0, cut).join('') : chars.slice(0, max).join('');
  head = head.replace(/[\s,;:\-–—(]+$/u, '');
  if (head === '') head = chars.slice(0, max).join('');
  return `${head}${ELLIPSIS}`;
}
