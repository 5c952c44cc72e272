import type { CheckResult } from '../../types.js';
import { accessibleName, findElements } from './html-elements.js';

/**
 * `links-per-story` (error): a screen reader lists a page's links by name, so each destination should be one
 * link with one name. A second link to the same place (a picture, a "Read more") must be hidden from assistive
 * technology: `aria-hidden="true"` and `tabindex="-1"` (hidden yet focusable is worse: a keyboard lands on
 * nothing). Errors for: one URL under several visible names, a hidden link that can still take focus, and a
 * URL whose every link is hidden.
 */
export function checkLinksPerStory(html: string): CheckResult[] {
  const byHref = new Map<string, { names: Set<string>; visible: number; hidden: number }>();
  const focusableHidden: string[] = [];
  for (const link of findElements(html, 'a')) {
    const href = link.attrs.href;
    if (href === undefined || href === '' || /^mailto:/i.test(href)) continue;
    const entry = byHref.get(href) ?? { names: new Set<string>(), visible: 0, hidden: 0 };
    byHref.set(href, entry);
    if (link.attrs['aria-hidden'] === 'true') {
      entry.hidden++;
      if (link.attrs.tabindex !== '-1') focusableHidden.push(href);
    } else {
      entry.visible++;
      entry.names.add(accessibleName(link.inner));
    }
  }
  const checks: CheckResult[] = [];
  const add = (message: string) => checks.push({ level: 'error', code: 'links-per-story', message });
  for (const [href, entry] of byHref) {
    if (entry.names.size > 1) {
      add(`${short(href)} is linked ${entry.visible} times under different names (${[...entry.names].map((n) => `"${n.slice(0, 60)}"`).join(', ')}): ` +
        'a screen reader lists them as different links. Keep one (the title) and mark the others `aria-hidden="true" tabindex="-1"` in the template.');
    }
    if (entry.visible === 0) add(`${short(href)} is only linked from links hidden from screen readers: make its title link visible to them (no aria-hidden).`);
  }
  if (focusableHidden.length > 0) {
    add(`${focusableHidden.length} link(s) hidden from screen readers can still take keyboard focus, e.g. ${short(focusableHidden[0]!)}: add \`tabindex="-1"\` beside \`aria-hidden="true"\`.`);
  }
  return checks;
}

function short(href: string): string {
  return `\`${href.length > 90 ? `${href.slice(0, 90)}...` : href}\``;
}
