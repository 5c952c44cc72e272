import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { PageSite } from './page-shell.js';

/**
 * The double opt-in mail: one link to `/confirm/<token>`, the same in the text and the HTML part, and what to
 * do when the person did not ask for it (nothing). The greeting uses the name they typed, if any.
 */
export function confirmationMail(site: PageSite, o: { name: string; confirmUrl: string }): { subject: string; text: string; html: string } {
  const hello = o.name ? `Hello ${o.name},` : 'Hello,';
  const subject = `Confirm your subscription to ${site.name}`;
  const text = [
    hello,
    '',
    `Someone (we hope you) asked to get ${site.name}'s weekly roundup at this address.`,
    'To confirm, open this link and press the button:',
    '',
    o.confirmUrl,
    '',
    'If you did not ask for it, ignore this email: you will not get anything else from us.',
    '',
    `-- ${site.name}, ${site.url}`,
    '',
  ].join('\n');
  const b = site.brand;
  const html = `<!doctype html>
<html lang="${esc(site.language)}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:24px;background:${b.backgroundColor};color:${b.textColor};font-family:${b.fontFamily};font-size:16px;line-height:1.5">
<div style="max-width:520px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">
<p style="margin:0 0 16px;font-size:20px;font-weight:700;color:${b.primaryColor}">${esc(site.name)}</p>
<p>${esc(hello)}</p>
<p>Someone (we hope you) asked to get ${esc(site.name)}'s weekly roundup at this address. To confirm, open this link and press the button:</p>
<p><a href="${esc(o.confirmUrl)}" style="display:inline-block;padding:10px 18px;background:${b.primaryColor};color:#ffffff;text-decoration:none;border-radius:4px;font-weight:700">Confirm my subscription</a></p>
<p style="font-size:13px;color:#4d5b6a">Or copy this link: ${esc(o.confirmUrl)}</p>
<p style="font-size:13px;color:#4d5b6a">If you did not ask for it, ignore this email: you will not get anything else from us.</p>
</div>
</body></html>
`;
  return { subject, text, html };
}
