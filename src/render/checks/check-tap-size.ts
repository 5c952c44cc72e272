import type { CheckResult } from '../../types.js';
import type { TokenSet } from '../tokens.js';
import { accessibleName, findElements, parseStyle } from './html-elements.js';
import { phoneRules, type CssRule } from './phone-rules.js';

/** Apple's and WCAG 2.5.5's target size: 44 by 44 CSS px. */
export const MIN_TAP_PX = 44;

/**
 * `tap-size` (error): the links a reader must be able to hit on a phone (unsubscribe, preferences, and every
 * link of class `rw-tap`: "view in your browser") measured from the template's own CSS: the link's inline
 * style with the phone's rules for its classes on top (`!important` wins), as a block or inline-block box
 * (line-height + vertical padding, or min-height). An inline link is as tall as its text, whatever its
 * padding says, so it fails.
 */
export function checkTapSize(html: string, tokens: Pick<TokenSet, 'unsubscribeUrl' | 'preferencesUrl'>): CheckResult[] {
  const rules = phoneRules(html);
  const small: string[] = [];
  for (const link of findElements(html, 'a')) {
    const classes = (link.attrs.class ?? '').split(/\s+/).filter(Boolean);
    const required = classes.includes('rw-tap') || link.attrs.href === tokens.unsubscribeUrl || link.attrs.href === tokens.preferencesUrl;
    if (!required) continue;
    const height = tapHeight(link.attrs.style, classes, rules);
    if (height === undefined || height < MIN_TAP_PX) {
      small.push(`"${accessibleName(link.inner).slice(0, 40)}" (${height === undefined ? 'inline or no line-height in px' : `${height} px`})`);
    }
  }
  if (small.length === 0) return [];
  return [{
    level: 'error',
    code: 'tap-size',
    message: `${small.length} link(s) are under ${MIN_TAP_PX} px tall on a phone: ${small.join(', ')}. Give them ` +
      '`display:inline-block` with line-height and vertical padding adding up to 44 px (e.g. `padding:12px 6px;line-height:20px`), as templates/partials/footer.mjml does.',
  }];
}

/** The box height in px from inline style and phone rules, or undefined when inline or not computable. */
export function tapHeight(style: string | undefined, classes: string[], rules: CssRule[]): number | undefined {
  const decls = parseStyle(style);
  for (const rule of rules) {
    if (!rule.selectors.some((s) => classes.some((c) => s === `.${c}` || s === `a.${c}`))) continue;
    for (const [prop, d] of rule.declarations) {
      if (d.important || !decls.get(prop)?.important) decls.set(prop, d);
    }
  }
  const value = (prop: string) => decls.get(prop)?.value;
  if (!/^(inline-block|block|flex|inline-flex)$/i.test(value('display') ?? '')) return undefined;
  const fontSize = px(value('font-size')) ?? 16;
  const lineHeight = lengthOf(value('line-height'), fontSize);
  const [top, , bottom] = padding(decls);
  const content = lineHeight === undefined ? undefined : lineHeight + top + bottom;
  const min = px(value('min-height')) ?? px(value('height'));
  if (content === undefined) return min;
  return Math.max(content, min ?? 0);
}

function px(value: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)px$/i.exec(value?.trim() ?? '');
  return m ? Number(m[1]) : value?.trim() === '0' ? 0 : undefined;
}

function lengthOf(value: string | undefined, fontSize: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * fontSize;
  return px(value);
}

/** [top, right, bottom, left] from `padding` and `padding-*` (later wins as declared). */
function padding(decls: ReturnType<typeof parseStyle>): [number, number, number, number] {
  const parts = (decls.get('padding')?.value ?? '0').split(/\s+/).map((v) => px(v) ?? 0);
  const [t = 0, r = t, b = t, l = r] = parts;
  const out: [number, number, number, number] = [t, r, b, l];
  (['top', 'right', 'bottom', 'left'] as const).forEach((side, i) => {
    const v = px(decls.get(`padding-${side}`)?.value);
    if (v !== undefined) out[i] = v;
  });
  return out;
}
