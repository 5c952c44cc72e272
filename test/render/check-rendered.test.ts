import { describe, expect, it } from 'vitest';
import { checkRendered as checkParts, type CheckOptions } from '../../src/render/check-rendered.js';
import { TOKENS, tokenSet } from '../../src/render/tokens.js';

const TAP = 'display:inline-block;padding:12px 6px;line-height:20px';
const footer = `<a href="${TOKENS.unsubscribeUrl}" style="${TAP}">Unsubscribe</a>`;
const ok = { html: `<html><body><p>Hi</p><img src="https://x.example/a.png" alt="A" width="96" height="54">${footer}</body></html>`, text: `Hi\n${TOKENS.unsubscribeUrl}\n` };
/** The checks on parts written with the fixed test markers. */
const checkRendered = (parts: { html: string; text: string }, options?: CheckOptions) => checkParts({ ...parts, tokens: TOKENS }, options);
const codes = (checks: { level: string; code: string }[]) => checks.map((c) => `${c.level}:${c.code}`);

describe('checkRendered', () => {
  it('finds nothing wrong in a clean message', () => {
    expect(checkRendered(ok)).toEqual([]);
  });

  it('measures the size after personalisation against the limits', () => {
    const padding = 'x'.repeat(95 * 1024);
    expect(codes(checkRendered({ ...ok, html: ok.html + padding }))).toEqual(['warning:size-clip']);
    expect(codes(checkRendered({ ...ok, html: ok.html + padding + 'x'.repeat(8 * 1024) }))).toEqual(['error:size-clip']);
    // Tokens grow when filled: 100 name tokens with the long sample name push a 99 KB body past 102 KB.
    const tokens = TOKENS.name.repeat(100);
    const body = ok.html + 'x'.repeat(99 * 1024 - ok.html.length - tokens.length) + tokens;
    expect(Buffer.byteLength(body)).toBeLessThan(102 * 1024);
    expect(codes(checkRendered({ ...ok, html: body }))).toEqual(['error:size-clip']);
    expect(checkRendered({ ...ok, html: ok.html + padding }, { limits: { warnKb: 200, errorKb: 300 } })).toEqual([]);
  });

  it('wants the unsubscribe link in both parts', () => {
    expect(codes(checkRendered({ html: '<p>no footer</p>', text: 'no footer' }))).toEqual([
      'error:unsubscribe-missing',
      'error:unsubscribe-missing',
    ]);
  });

  it('finds images without alt text', () => {
    const html = `${ok.html}<img src="https://x.example/b.png" width="1" height="1"><img src="https://x.example/c.png" alt=" " width="1" height="1">`;
    const checks = checkRendered({ ...ok, html });
    expect(codes(checks)).toEqual(['error:img-alt']);
    expect(checks[0]!.message).toMatch(/^2 image/);
  });

  it('warns about links and images that are not absolute https', () => {
    const html = `${ok.html}<a href="http://x.example/">a</a><a href="/rel">b</a><img src="http://x.example/i.png" alt="i" width="1" height="1"><a href="mailto:a@b.example">m</a>`;
    const checks = checkRendered({ ...ok, html });
    expect(codes(checks)).toEqual(['warning:link-not-https']);
    expect(checks[0]!.message).toContain('3 link(s)');
  });

  it('finds this render’s markers left over and undefined/null where values belong; other @@ROUNDUP_ text is content', () => {
    const tokens = tokenSet('ABC123');
    const html = `<p>Hi</p><a href="${tokens.unsubscribeUrl}" style="${TAP}">Unsubscribe</a><a href="https://x.example/undefined">x</a> @@ROUNDUP_ABC123_NOPE@@ @@ROUNDUP_NOPE@@ <span>null</span>`;
    const text = `Hi\n${tokens.unsubscribeUrl}\nundefined\n`;
    const checks = checkParts({ html, text, tokens });
    expect(codes(checks)).toEqual(['error:token-left', 'error:token-left', 'error:token-left']);
    const messages = checks.map((c) => c.message).join('\n');
    expect(messages).toContain('@@ROUNDUP_ABC123_...');
    expect(messages).not.toContain('@@ROUNDUP_NOPE@@');
    expect(messages).toMatch(/HTML part contains .*`null`/);
    expect(messages).toMatch(/HTML part contains .*`undefined`/);
    expect(messages).toMatch(/text part contains `undefined`/);
    // Ordinary words in prose are not flagged.
    expect(checkRendered({ ...ok, text: `${ok.text}The rules left liability undefined, or null and void.\n` })).toEqual([]);
  });

  it('reports MJML validation errors', () => {
    const checks = checkRendered(ok, { mjmlErrors: [{ line: 3, tagName: 'mj-text', message: 'Attribute color has invalid value' }] });
    expect(codes(checks)).toEqual(['error:mjml']);
    expect(checks[0]!.message).toContain('line 3 of the assembled MJML <mj-text>');
    const located = checkRendered(ok, { mjmlErrors: [{ line: 3, tagName: 'mj-text', message: 'Attribute color has invalid value', file: 'templates/partials/intro.mjml', fileLine: 2, count: 4 }] });
    expect(located[0]!.message).toBe('MJML: templates/partials/intro.mjml:2 <mj-text>: Attribute color has invalid value (4 times). Fix that template.');
  });
});
