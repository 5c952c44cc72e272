// The content links of a sent message: click URLs through /c/<token>, the same for everyone or naming the
// subscriber; the open pixel only when on; the stories' own URLs without tracking (preview, public copy, tests).
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { compileMessage } from '../../src/deliver/compile-message.js';
import { messageSpecFromConfig } from '../../src/deliver/message-spec-from-config.js';
import { recipientFields } from '../../src/deliver/recipient-fields.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { verifyCompact } from '../../src/tokens/compact-token.js';
import { renderConfig, sampleDigest } from '../render/render-fixtures.js';

const SECRET = 'click-test-secret-0123456789';
const LINKS = { issue: '2026-W48', secret: SECRET, publicUrl: 'https://newsletter.identitywire.example', messageDomain: 'identitywire.example' };

async function setup(opens = false) {
  const config = renderConfig();
  const rendered = await renderIssue(sampleDigest(), { config: { ...config, tracking: { ...config.tracking, opens } }, configDir: process.cwd() });
  const spec = messageSpecFromConfig(config, rendered, new Date('2026-11-30T07:00:00Z'), 'roundup.yaml');
  const tracking = (perSubscriber: boolean) => ({ issue: '2026-W48', secret: SECRET, publicUrl: LINKS.publicUrl, issueLinks: rendered.links, perSubscriber, opens, clicks: true });
  const mail = async (message: ReturnType<typeof compileMessage>, id: number) =>
    simpleParser(message.render(recipientFields({ subscriberId: id, email: `r${id}@example.com`, name: `Reader ${id}` }, LINKS)));
  return { rendered, spec, tracking, mail };
}

const clickTokens = (text: string) => [...text.matchAll(/https:\/\/newsletter\.identitywire\.example\/c\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

describe('links in a sent message', () => {
  it('go through /c/<token> in both parts, the same for everyone by default, one token per link of the issue', async () => {
    const { rendered, spec, tracking, mail } = await setup();
    const message = compileMessage(spec, tracking(false));
    const [a, b] = [await mail(message, 1), await mail(message, 2)];
    const tokens = clickTokens(a.text!);
    expect(tokens.length).toBeGreaterThan(20);
    expect(clickTokens(b.text!)).toEqual(tokens);
    expect(clickTokens(String(a.html))).toEqual(expect.arrayContaining(tokens));
    // every link of the issue is reachable (the header's only from the HTML)
    const named = new Set([...tokens, ...clickTokens(String(a.html))].map((t) => verifyCompact(t, 'click', SECRET)!.link));
    expect(named).toEqual(new Set(rendered.links.map((_, i) => i)));
    for (const t of tokens) expect(verifyCompact(t, 'click', SECRET)!.subscriber).toBeUndefined();
    expect(a.text).not.toContain('utm_source');
    for (const line of a.text!.split('\n').filter((l) => l.includes('/c/'))) expect(line.trim().length).toBeLessThanOrEqual(78);
    expect(String(a.html)).not.toContain('width="1" height="1"');
  });

  it('name the subscriber with perSubscriber, and the pixel appears only with opens', async () => {
    const { spec, tracking, mail } = await setup(true);
    const message = compileMessage(spec, tracking(true));
    const a = await mail(message, 7);
    const tokens = clickTokens(a.text!);
    for (const t of tokens) expect(verifyCompact(t, 'click', SECRET)).toMatchObject({ subscriber: 7, issue: '2026-W48' });
    expect(String(a.html)).toMatch(/<img src="https:\/\/newsletter\.identitywire\.example\/o\/[A-Za-z0-9_-]+\.gif" width="1" height="1" alt=""/);
    expect(clickTokens((await mail(message, 8)).text!)).not.toEqual(tokens);
  });

  it('are the stories\' own (with UTM) without tracking, and a leftover marker never goes out', async () => {
    const { spec, mail } = await setup(true);
    const a = await mail(compileMessage(spec), 1);
    expect(a.text).toContain('utm_source=identitywire');
    expect(a.text).not.toContain('/c/');
    expect(String(a.html)).not.toMatch(/@@ROUNDUP_|\/o\//);
  });
});
