// What the sample issue's HTML uses that an email client does not support, by caniemail's data (through
// doiuse-email), for Gmail, Outlook on Windows, Apple Mail and Yahoo. Every finding must be in ACCEPTED below,
// with the reason it does no harm; a new one fails the test (fix the template, or accept it here with a reason),
// and an accepted one that no longer occurs fails too, so the list stays true.
import { doIUseEmail } from 'doiuse-email';
import { describe, expect, it } from 'vitest';
import { fillParts } from '../../src/render/fill-tokens.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { sampleTokenValues } from '../../src/render/sample-token-values.js';
import { renderConfig, sampleDigest } from './render-fixtures.js';

const CLIENTS = ['gmail.*', 'outlook.windows', 'apple-mail.*', 'yahoo.*'];

// gmail.mobile-webmail is Gmail's web view on phones for accounts that are not Gmail's own: it drops <style>
// altogether. The email does not need it: every colour, size and the layout are inline styles; the style block
// only adds dark mode, phone tweaks and hover, so there the reader gets the light, 600 px-fluid email.
const NO_STYLE_BLOCK = 'Gmail mobile webmail drops <style>; the email is fully styled inline and the style block only adds dark mode, phone tweaks and hover.';

const ACCEPTED: Record<string, { clients: string[]; why: string }> = {
  'Descendant combinator': { clients: ['gmail.mobile-webmail'], why: NO_STYLE_BLOCK },
  'ID selector': { clients: ['gmail.mobile-webmail'], why: `${NO_STYLE_BLOCK} (MJML's #outlook a reset.)` },
  'Type selector': { clients: ['gmail.mobile-webmail'], why: NO_STYLE_BLOCK },
  'Class selector': { clients: ['gmail.mobile-webmail'], why: NO_STYLE_BLOCK },
  'Chaining selectors': { clients: ['gmail.mobile-webmail', 'outlook.windows'], why: `${NO_STYLE_BLOCK} Outlook for Windows: the chained selectors are dark mode and phone rules it has no use for.` },
  'Attribute selector': { clients: ['gmail.mobile-webmail', 'outlook.windows'], why: "Outlook.com's dark mode markers ([data-ogsc], [data-ogsb]); other clients simply skip those rules." },
  '@media': { clients: ['gmail.mobile-webmail', 'outlook.windows'], why: "Dark mode and phone rules. Outlook for Windows renders MJML's fixed 600 px tables instead; without them the email is the light, fluid layout." },
  ':hover': { clients: ['gmail.ios', 'gmail.mobile-webmail', 'outlook.windows'], why: 'Underlining a title on hover is a nicety; there is no hover on a phone anyway.' },
  'display:none': { clients: ['gmail.mobile-webmail'], why: 'The hidden preheader: in this one client it shows as the first line of the email, which is what the preheader says anyway.' },
  outline: { clients: ['outlook.windows'], why: "MJML's reset (img { outline: none }); Outlook draws no outline around images either." },
  overflow: { clients: ['outlook.windows', 'yahoo.android'], why: "MJML clips rounded corners with overflow:hidden and the preheader uses it; unsupported, corners are square and the preheader stays hidden by display:none and mso-hide:all." },
  'border-radius': { clients: ['outlook.windows'], why: 'Outlook for Windows shows square corners; nothing else changes.' },
  '<body> element': { clients: ['yahoo.ios', 'yahoo.android'], why: "Yahoo's apps replace <body>; MJML repeats the body's background and lang on its wrapper <div>." },
  'aria-label attribute': { clients: ['yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android'], why: "MJML's wrapper names the email for screen readers; Yahoo drops the name and its own page names the message." },
  'aria-hidden attribute': {
    clients: ['yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android'],
    why: "Yahoo strips aria-hidden, so there a screen reader also hears a story's picture link (named by its alt text). Dropping the picture's link everywhere to fix one client would cost every other reader a tap target.",
  },
  'word-break': { clients: ['yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android'], why: "MJML's word-break on text cells (and ours on images, for alt text): Yahoo wraps by its own rules, which is what the property asks for on images." },
};

async function findings(): Promise<Map<string, Set<string>>> {
  const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir: process.cwd() });
  const { html } = fillParts(rendered, sampleTokenValues('https://newsletter.identitywire.example'));
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  const found = new Map<string, Set<string>>();
  for (const error of result.success ? [] : result.errors) {
    const m = /^`(.+)` is not supported by `(.+)`$/.exec(error);
    if (!m) throw new Error(`doiuse-email said something this test does not understand: ${error}`);
    found.set(m[1]!, (found.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  return found;
}

describe('email client support (caniemail via doiuse-email)', () => {
  it('finds nothing but the accepted, explained gaps for Gmail, Outlook (Windows), Apple Mail and Yahoo', async () => {
    const found = await findings();
    const unexpected: string[] = [];
    for (const [feature, clients] of found) {
      for (const client of clients) if (!ACCEPTED[feature]?.clients.includes(client)) unexpected.push(`${feature} in ${client}`);
    }
    expect(unexpected, 'new client-support errors: fix the template or accept them in ACCEPTED with a reason').toEqual([]);
    // Apple Mail supports everything the email uses.
    expect([...found.values()].some((clients) => [...clients].some((c) => c.startsWith('apple-mail')))).toBe(false);
  });

  it('lists no accepted gap that no longer occurs, so the list says what is true', async () => {
    const found = await findings();
    const stale = Object.entries(ACCEPTED).flatMap(([feature, { clients }]) => clients.filter((c) => !found.get(feature)?.has(c)).map((c) => `${feature} in ${c}`));
    expect(stale).toEqual([]);
    const pairs = [...found.values()].reduce((n, clients) => n + clients.size, 0);
    expect(pairs).toBeLessThan(38); // the issue measured 38 before this work
  });
});
