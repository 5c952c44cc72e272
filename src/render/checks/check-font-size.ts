import type { CheckResult } from '../../types.js';
import { withoutComments } from './html-elements.js';

/** Body text at 14 px or more; small print (footer, by-lines, labels) no smaller than this. */
export const MIN_FONT_PX = 13;

/**
 * `font-size` (warning): text set under 13 px in the email's inline styles or style blocks. `font-size:0`
 * (MJML's way to close gaps between columns), an element with no text of its own (MJML's divider is an empty
 * `<p>` at 1 px) and Outlook's conditional blocks do not count.
 */
export function checkFontSize(html: string): CheckResult[] {
  const sizes = new Map<number, number>();
  const count = (px: string) => {
    const size = Number(px);
    if (size > 0 && size < MIN_FONT_PX) sizes.set(size, (sizes.get(size) ?? 0) + 1);
  };
  const source = withoutComments(html);
  for (const block of source.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const m of block[1]!.matchAll(/font-size\s*:\s*(\d+(?:\.\d+)?)px/gi)) count(m[1]!);
  }
  for (const m of source.matchAll(/<([a-z][a-z0-9]*)\b[^>]*\bstyle="([^"]*)"[^>]*>(\s*<\/\1>)?/gi)) {
    if (m[3] !== undefined) continue; // empty element: nothing to read
    const size = /font-size\s*:\s*(\d+(?:\.\d+)?)px/i.exec(m[2]!);
    if (size) count(size[1]!);
  }
  if (sizes.size === 0) return [];
  const list = [...sizes].sort((a, b) => a[0] - b[0]).map(([size, n]) => `${size} px (${n}x)`).join(', ');
  return [{
    level: 'warning',
    code: 'font-size',
    message: `Text under ${MIN_FONT_PX} px: ${list}. Phones shrink nothing for you: keep body text at 14 px or more and small print at ${MIN_FONT_PX}.`,
  }];
}
