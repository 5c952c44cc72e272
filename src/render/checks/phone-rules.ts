import { parseStyle } from './html-elements.js';

/** The widest viewport that counts as a phone: the layout's breakpoint (mj-breakpoint 480px). */
export const PHONE_MAX_WIDTH = 480;

export interface CssRule {
  selectors: string[];
  declarations: ReturnType<typeof parseStyle>;
}

/**
 * The rules a phone applies from the email's `<style>` blocks: top-level rules and those inside
 * `@media ... (max-width: N px)` with N of at least 320 (a media query for phones or wider). Rules in other
 * media queries (prefers-color-scheme, min-width) are left out.
 */
export function phoneRules(html: string): CssRule[] {
  const rules: CssRule[] = [];
  for (const block of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = block[1]!.replace(/\/\*[\s\S]*?\*\//g, '');
    let i = 0;
    while (i < css.length) {
      const open = css.indexOf('{', i);
      if (open < 0) break;
      const prelude = css.slice(i, open).trim();
      if (prelude.startsWith('@')) {
        const close = matchingBrace(css, open);
        const max = /max-width\s*:\s*(\d+)px/i.exec(prelude);
        const phone = /^@media\b/i.test(prelude) && !/min-width|prefers-color-scheme/i.test(prelude) && max !== null && Number(max[1]) >= 320;
        if (phone) rules.push(...plainRules(css.slice(open + 1, close)));
        i = close + 1;
      } else {
        const close = css.indexOf('}', open);
        rules.push(...plainRules(css.slice(i, close + 1)));
        i = close + 1;
      }
    }
  }
  return rules;
}

function plainRules(css: string): CssRule[] {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selectors: m[1]!.split(',').map((s) => s.trim()),
    declarations: parseStyle(m[2]),
  }));
}

function matchingBrace(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i;
  }
  return css.length;
}
