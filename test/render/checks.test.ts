// The accessibility and deliverability checks of the build (src/render/checks/), on small hand-written HTML and
// on the bundled templates.
import { describe, expect, it } from 'vitest';
import { checkContrast } from '../../src/render/checks/check-contrast.js';
import { checkFontSize } from '../../src/render/checks/check-font-size.js';
import { checkImages } from '../../src/render/checks/check-images.js';
import { checkLinksPerStory } from '../../src/render/checks/check-links-per-story.js';
import { checkSubject } from '../../src/render/checks/check-subject.js';
import { checkTapSize } from '../../src/render/checks/check-tap-size.js';
import { contrastRatio } from '../../src/render/checks/contrast-ratio.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { TOKENS } from '../../src/render/tokens.js';
import { renderConfig, sampleDigest } from './render-fixtures.js';

const codes = (checks: { level: string; code: string }[]) => checks.map((c) => `${c.level}:${c.code}`);
const brand = { primaryColor: '#0b2545', accentColor: '#0f7c7c', backgroundColor: '#eef2f6', textColor: '#1d2733' };

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2); // the classic lightest AA grey on white
    expect(contrastRatio('#5b6b7c', '#0e141b')).toBeCloseTo(3.38, 2); // the old "view in browser" in dark mode
  });

  it('passes the default brand in light and dark, and names the key of a colour that fails', () => {
    expect(checkContrast(brand)).toEqual([]);
    const pale = checkContrast({ ...brand, accentColor: '#44c0c0', backgroundColor: '#b0b8c0' });
    expect(codes(pale)).toEqual(['error:contrast', 'error:contrast', 'error:contrast']);
    expect(pale[0]!.message).toContain('`email.brand.accentColor`');
    expect(pale[0]!.message).toMatch(/#44c0c0 on #ffffff, \d\.\d\d:1, under 4.5:1/);
    expect(pale.some((c) => c.message.includes('`email.brand.backgroundColor`'))).toBe(true);
    // a pale primary fails the headlines on the card and the white name on the header band both ways
    expect(checkContrast({ ...brand, primaryColor: '#9999ff' }).map((c) => c.message.slice(0, 10))).toEqual(['Light mode', 'Light mode', 'Light mode', 'Dark mode:']);
  });

  it('is a build check of the configured colours', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig({ brand: { textColor: '#999999' } }), configDir: process.cwd() });
    expect(rendered.checks).toContainEqual(expect.objectContaining({ level: 'error', code: 'contrast' }));
  });
});

describe('links per story', () => {
  const a = (href: string, text: string, extra = '') => `<a href="${href}"${extra}>${text}</a>`;
  it('accepts one visible link per URL, with pictures and calls to action hidden and untabbable', () => {
    const html = a('https://s.example/1', '<img src="x" alt="A picture">', ' aria-hidden="true" tabindex="-1"') + a('https://s.example/1', 'The title') +
      a('https://s.example/v', 'View in your browser') + a('https://s.example/v', 'View in your browser');
    expect(checkLinksPerStory(html)).toEqual([]);
  });
  it('finds a story linked under two names, a hidden link that takes focus, and a story only hidden links reach', () => {
    const html = a('https://s.example/1', '<img src="x" alt="A picture">') + a('https://s.example/1', 'The title') +
      a('https://s.example/2', 'Read more', ' aria-hidden="true"') + a('https://s.example/2', 'Second') +
      a('https://s.example/3', 'Only hidden', ' aria-hidden="true" tabindex="-1"');
    const checks = checkLinksPerStory(html);
    expect(codes(checks)).toEqual(['error:links-per-story', 'error:links-per-story', 'error:links-per-story']);
    expect(checks[0]!.message).toContain('"A picture", "The title"');
    expect(checks[1]!.message).toContain('https://s.example/3');
    expect(checks[2]!.message).toContain('tabindex="-1"');
  });
});

describe('tap size', () => {
  const link = (style: string, cls = '') => `<a${cls ? ` class="${cls}"` : ''} href="${TOKENS.unsubscribeUrl}" style="${style}">Unsubscribe</a>`;
  it('measures line-height and vertical padding of an inline-block link', () => {
    expect(checkTapSize(link('display:inline-block;padding:12px 6px;line-height:20px'), TOKENS)).toEqual([]);
    expect(checkTapSize(link('display:block;padding:10px 0 14px;line-height:1.5;font-size:14px'), TOKENS)).toEqual([]); // 10 + 21 + 14
    const short = checkTapSize(link('display:inline-block;padding:4px 6px;line-height:20px'), TOKENS);
    expect(codes(short)).toEqual(['error:tap-size']);
    expect(short[0]!.message).toContain('"Unsubscribe" (28 px)');
  });
  it('fails an inline link whatever its padding, and a footer link with no style at all', () => {
    expect(codes(checkTapSize(link('padding:12px 6px;line-height:20px'), TOKENS))).toEqual(['error:tap-size']);
    expect(codes(checkTapSize(`<a href="${TOKENS.preferencesUrl}">Preferences</a>`, TOKENS))).toEqual(['error:tap-size']);
    expect(checkTapSize('<a href="https://s.example/">A story</a>', TOKENS)).toEqual([]); // links in text are not measured
  });
  it('applies the phone media query on top of the inline style, !important winning', () => {
    const css = (rule: string) => `<style>@media only screen and (max-width: 480px) { ${rule} }</style>`;
    const small = link('display:inline;line-height:13px', 'rw-tap');
    expect(codes(checkTapSize(small, TOKENS))).toEqual(['error:tap-size']);
    expect(checkTapSize(css('.rw-tap { display:inline-block !important; padding:12px 0 !important; line-height:20px !important; }') + small, TOKENS)).toEqual([]);
    // a rule for wide screens or dark mode does not help a phone
    expect(codes(checkTapSize(`<style>@media (min-width: 600px) { .rw-tap { display:block !important; min-height:44px !important } }</style>${small}`, TOKENS))).toEqual(['error:tap-size']);
  });
});

describe('images, font sizes, subject', () => {
  it('wants alt text (error) and width and height (warning)', () => {
    expect(checkImages('<img src="a" alt="A" width="96" height="54">')).toEqual([]);
    expect(codes(checkImages('<img src="a" alt="A" width="96">'))).toEqual(['warning:img-size']);
    expect(codes(checkImages('<img src="a" width="96" height="54">'))).toEqual(['error:img-alt']);
  });
  it('warns about text under 13 px, not about MJML\'s font-size:0 or an empty divider', () => {
    expect(checkFontSize('<div style="font-size:0px"><p style="border-top:1px solid;font-size:1px"></p><div style="font-size:13px">ok</div></div>')).toEqual([]);
    const small = checkFontSize('<div style="font-size:12px">small</div><style>.x{font-size:11px}</style>');
    expect(codes(small)).toEqual(['warning:font-size']);
    expect(small[0]!.message).toContain('11 px (1x), 12 px (1x)');
  });
  it('warns about a subject that starts with the sender\'s name', () => {
    expect(codes(checkSubject('Identity Wire: wallets go live', ['Identity Wire']))).toEqual(['warning:subject-sender']);
    expect(checkSubject('Wallets go live in six states', ['Identity Wire', ''])).toEqual([]);
  });
});

describe('the bundled templates', () => {
  it('pass every check on the sample digest, default subject included', async () => {
    const rendered = await renderIssue(sampleDigest(), { config: renderConfig(), configDir: process.cwd() });
    expect(rendered.checks).toEqual([]);
    expect(rendered.subject).toBe('EU Digital Identity Wallet pilots go live in six member states');
  });
});
