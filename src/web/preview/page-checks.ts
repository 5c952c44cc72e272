import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { CheckResult } from '../../types.js';

/** The named rows of the checks panel, by check code; every other finding is listed under them. */
const NAMED: { code: string; title: string; ok: string }[] = [
  { code: 'img-alt', title: 'Alt text', ok: 'Every image has alt text.' },
  { code: 'link-not-https', title: 'Links', ok: 'Every link and image is an absolute https URL.' },
  { code: 'empty-section', title: 'Sections', ok: 'No section is empty.' },
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function row(title: string, found: CheckResult[], ok: string, id: string): string {
  const level = found.some((c) => c.level === 'error') ? 'error' : found.length > 0 ? 'warning' : 'ok';
  const body =
    found.length === 0
      ? `<p>${esc(ok)}</p>`
      : `<ul>${found.map((c) => `<li><code>${esc(c.code)}</code> ${esc(c.message)}</li>`).join('')}</ul>`;
  return `<div class="check check-${level}" id="check-${id}"><h3><span class="badge">${level}</span> ${esc(title)}</h3>${body}</div>`;
}

/**
 * The checks: the size against Gmail's clip (a meter; measured after personalisation with long sample
 * values), missing alt text, bad links, empty sections, and any other finding of the render checks.
 */
export function checksPanel(checks: readonly CheckResult[], htmlBytes: number, limits: { warnKb: number; errorKb: number }): string {
  const clip = limits.errorKb * 1024;
  const size = checks.filter((c) => c.code === 'size-clip');
  const sizeLevel = htmlBytes > clip ? 'error' : htmlBytes > limits.warnKb * 1024 ? 'warning' : 'ok';
  const named = new Set(['size-clip', ...NAMED.map((n) => n.code)]);
  const others = checks.filter((c) => !named.has(c.code));
  return `<section class="checks" id="checks" aria-label="Checks">
<h2>Checks</h2>
<div class="check check-${sizeLevel}" id="check-size">
<h3><span class="badge">${sizeLevel}</span> Size</h3>
<meter id="size-meter" min="0" max="${Math.max(clip, htmlBytes)}" low="${limits.warnKb * 1024}" high="${clip}" optimum="0" value="${htmlBytes}">${kb(htmlBytes)}</meter>
<p><strong>${kb(htmlBytes)}</strong> of HTML after personalisation; Gmail clips past ${limits.errorKb} KB (warning from ${limits.warnKb} KB, config \`email.checks\`).</p>
${size.map((c) => `<p>${esc(c.message)}</p>`).join('')}
</div>
${NAMED.map((n) => row(n.title, checks.filter((c) => c.code === n.code), n.ok, n.code)).join('\n')}
${row('Other checks', others, 'Nothing else to report.', 'other')}
</section>`;
}
