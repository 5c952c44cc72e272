import type { CheckResult } from '../types.js';
import { checkFontSize } from './checks/check-font-size.js';
import { checkImages } from './checks/check-images.js';
import { checkLinksPerStory } from './checks/check-links-per-story.js';
import { checkTapSize } from './checks/check-tap-size.js';
import { describeMjmlProblem, type MjmlProblem } from './compile-mjml.js';
import { fillParts } from './fill-tokens.js';
import { sampleTokenValues } from './sample-token-values.js';
import { tokenNonce, tokenPrefix, type Personalisable, type TokenValues } from './tokens.js';

export interface CheckOptions {
  /** Size limits in KB (1 KB = 1024 bytes) of the personalised HTML; Gmail clips past about 102 KB. */
  limits?: { warnKb: number; errorKb: number };
  /** `web.publicUrl`, for the sample subscriber's links; ignored when `sample` is given. */
  publicUrl?: string;
  /** The per-subscriber values to measure and check with (default: long sample values). */
  sample?: TokenValues;
  /** MJML validation errors from compiling the issue. */
  mjmlErrors?: readonly MjmlProblem[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The checks run on every rendered issue (the config's colours and the subject are checked in renderIssue). `rendered` holds the tokens (as renderIssue returns it); the
 * checks fill them with sample values first, because size and leftovers matter in what a subscriber gets.
 */
export function checkRendered(rendered: Personalisable, options: CheckOptions = {}): CheckResult[] {
  const checks: CheckResult[] = [];
  const add = (level: CheckResult['level'], code: string, message: string) => checks.push({ level, code, message });
  const limits = options.limits ?? { warnKb: 90, errorKb: 102 };

  for (const e of options.mjmlErrors ?? []) {
    add('error', 'mjml', `MJML: ${describeMjmlProblem(e)}. Fix that template.`);
  }

  const unsubscribe = [
    ['HTML', rendered.html.includes(`href="${rendered.tokens.unsubscribeUrl}"`)],
    ['text', rendered.text.includes(rendered.tokens.unsubscribeUrl)],
  ] as const;
  for (const [part, present] of unsubscribe) {
    if (!present) {
      add('error', 'unsubscribe-missing', `The ${part} part has no unsubscribe link (\`{{subscriber.unsubscribeUrl}}\`). Put it back in the footer template.`);
    }
  }

  const sample = options.sample ?? sampleTokenValues(options.publicUrl ?? 'https://newsletter.example');
  const { html, text } = fillParts(rendered, sample);
  // Only this render's markers count: `@@ROUNDUP_...@@` written in a story is the story's text, not a token.
  const prefix = tokenPrefix(tokenNonce(rendered.tokens));

  const bytes = Buffer.byteLength(html, 'utf8');
  if (bytes > limits.errorKb * 1024) {
    add('error', 'size-clip', `The HTML is ${kb(bytes)} after personalisation, past ${limits.errorKb} KB: Gmail will clip it (and hide the unsubscribe link). Lower section counts in \`selection.sections\` or trim the templates.`);
  } else if (bytes > limits.warnKb * 1024) {
    add('warning', 'size-clip', `The HTML is ${kb(bytes)} after personalisation, close to Gmail's clip at ${limits.errorKb} KB. Consider fewer stories.`);
  }

  for (const [part, body] of [['HTML', html], ['text', text]] as const) {
    if (body.includes(prefix)) add('error', 'token-left', `The ${part} part still holds a per-subscriber marker (${prefix}...) after personalisation: a template uses a token Roundup does not fill.`);
    const stray = strayValues(body, part === 'HTML');
    if (stray.length > 0) add('error', 'token-left', `The ${part} part contains ${stray.map((s) => `\`${s}\``).join(', ')}: a template names a value the data does not have.`);
  }

  // Reading the email as its readers do: images off, a screen reader, a thumb on a phone (src/render/checks/).
  checks.push(...checkImages(html), ...checkLinksPerStory(html), ...checkTapSize(rendered.html, rendered.tokens), ...checkFontSize(html));

  const bad = new Set<string>();
  for (const match of html.matchAll(/\b(href|src)\s*=\s*"([^"]*)"/gi)) {
    const value = match[2]!.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    if (/^https:\/\/[^\s/]+/i.test(value) || (match[1]!.toLowerCase() === 'href' && /^mailto:/i.test(value))) continue;
    bad.add(value);
  }
  if (bad.size > 0) {
    const list = [...bad].slice(0, 5).map((v) => `\`${v.slice(0, 100)}\``).join(', ');
    add('warning', 'link-not-https', `${bad.size} link(s) or image(s) are not absolute https URLs: ${list}${bad.size > 5 ? ', ...' : ''}.`);
  }
  return checks;
}

/** `undefined`, `null`, `NaN` or `[object Object]` where a value should be (attributes, whole text nodes, URLs). */
function strayValues(body: string, isHtml: boolean): string[] {
  const found = new Set<string>();
  const word = '(undefined|null|NaN|\\[object Object\\])';
  const patterns = isHtml
    ? [new RegExp(`="${word}"`, 'g'), new RegExp(`>\\s*${word}\\s*<`, 'g'), new RegExp(`[/=?&]${word}(?=[&"/#\\s])`, 'g')]
    : [new RegExp(`^\\s*${word}\\s*$`, 'gm'), new RegExp(`[/=?&]${word}(?=[&/#\\s]|$)`, 'gm'), /\[object Object\]/g];
  for (const pattern of patterns) {
    for (const m of body.matchAll(pattern)) found.add(m[1] ?? m[0]);
  }
  return [...found];
}
