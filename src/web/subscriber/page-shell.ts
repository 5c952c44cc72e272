import type { Config } from '../../config/index.js';
import { escapeHtml as esc } from '../../render/fill-tokens.js';
import type { EmailConfig } from '../../config/email-schema.js';

/** What every subscriber page shows of the publication: its name, language and brand colours. */
export interface PageSite {
  name: string;
  /** The publication's own site (a link in the footer). */
  url: string;
  language: string;
  /** The email's brand colours and font, so the pages look like the newsletter. */
  brand: Pick<EmailConfig['brand'], 'primaryColor' | 'accentColor' | 'backgroundColor' | 'textColor' | 'fontFamily'>;
}

export function pageSiteFromConfig(config: Config): PageSite {
  const { brand } = config.email;
  return {
    name: config.site.name,
    url: config.site.url,
    language: config.site.language,
    brand: {
      primaryColor: brand.primaryColor,
      accentColor: brand.accentColor,
      backgroundColor: brand.backgroundColor,
      textColor: brand.textColor,
      fontFamily: brand.fontFamily,
    },
  };
}

/**
 * A whole subscriber page: small, self-contained (styles inline, no scripts, no external assets), one `<main>`
 * with the page's `<h1>`, the publication's name in a header band in its primary colour. `body` is HTML the
 * caller escaped. The colours and font come from the validated config (hex colours, a checked font stack).
 */
export function pageShell(
  site: PageSite,
  page: { title: string; body: string; head?: string },
  links: { archive?: string; subscribe: string } = { archive: '/issues/', subscribe: '/subscribe' },
): string {
  const b = site.brand;
  return `<!doctype html>
<html lang="${esc(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(page.title)} · ${esc(site.name)}</title>${page.head ? `\n${page.head}` : ''}
<style>
*{box-sizing:border-box}
body{margin:0;background:${b.backgroundColor};color:${b.textColor};font-family:${b.fontFamily};font-size:17px;line-height:1.5}
header{background:${b.primaryColor};color:#fff;padding:16px 20px}
header a{color:#fff;text-decoration:none;font-weight:700;font-size:20px}
main{max-width:36rem;margin:24px auto;padding:24px 20px;background:#fff;border-radius:6px}
h1{margin:0 0 12px;font-size:26px;line-height:1.25;color:${b.primaryColor}}
a{color:${b.accentColor}}
label{display:block;font-weight:600;margin:14px 0 4px}
input[type=email],input[type=text]{width:100%;padding:10px;font:inherit;border:1px solid #6b7785;border-radius:4px}
fieldset{border:1px solid #c5ced8;border-radius:4px;margin:16px 0;padding:8px 14px 12px}
legend{font-weight:600;padding:0 4px}
.check{display:flex;gap:8px;align-items:center;font-weight:400;margin:8px 0}
.check input{width:20px;height:20px;margin:0}
button{font:inherit;font-weight:700;padding:10px 18px;margin:16px 8px 0 0;border:0;border-radius:4px;background:${b.primaryColor};color:#fff;cursor:pointer}
button.secondary{background:#fff;color:${b.primaryColor};border:2px solid ${b.primaryColor}}
:focus-visible{outline:3px solid ${b.accentColor};outline-offset:2px}
.notice{border-left:4px solid ${b.accentColor};background:#f3f7f9;padding:8px 12px;margin:12px 0}
.error{border-left:4px solid #b3261e;background:#fdf1f0;padding:8px 12px;margin:12px 0}
ul.issues{padding:0;list-style:none}
ul.issues li{padding:10px 0;border-bottom:1px solid #e3e8ee}
small,.muted{color:#4d5b6a}
footer{max-width:36rem;margin:0 auto 24px;padding:0 20px;font-size:14px;color:#4d5b6a}
</style>
</head>
<body>
<header><a href="${esc(site.url)}">${esc(site.name)}</a></header>
<main>
<h1>${esc(page.title)}</h1>
${page.body}
</main>
<footer>${links.archive ? `<a href="${esc(links.archive)}">Past issues</a> · ` : ''}<a href="${esc(links.subscribe)}">Subscribe</a></footer>
</body>
</html>
`;
}
