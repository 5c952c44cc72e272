import type { CheckResult } from '../../types.js';
import { colourPairs, EMAIL_PALETTE, type Brand, type EmailPalette } from '../email-palette.js';
import { contrastRatio } from './contrast-ratio.js';

/** WCAG AA for normal text; the email has no text large enough for the 3:1 allowance to be worth relying on. */
export const MIN_CONTRAST = 4.5;

/**
 * `contrast` errors for every text colour of the email under 4.5:1 on its background, in light and dark,
 * with the configured brand colours: naming the pair, the ratio and the key to change.
 */
export function checkContrast(brand: Brand, palette: EmailPalette = EMAIL_PALETTE): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const pair of colourPairs(brand, palette)) {
    const ratio = contrastRatio(pair.text, pair.background);
    if (ratio >= MIN_CONTRAST) continue;
    const fix = pair.key
      ? `Change \`${pair.key}\` until the pair reaches ${MIN_CONTRAST}:1 (a contrast checker such as WebAIM's shows it).`
      : 'Change the template colour in src/render/email-palette.ts.';
    checks.push({
      level: 'error',
      code: 'contrast',
      message: `${pair.scheme === 'dark' ? 'Dark mode' : 'Light mode'}: ${pair.where} is ${pair.text} on ${pair.background}, ` +
        `${ratio.toFixed(2)}:1, under ${MIN_CONTRAST}:1 (WCAG AA). ${fix}`,
    });
  }
  return checks;
}
