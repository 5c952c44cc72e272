import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { messageSource, type MessageVariants } from '../../src/deliver/message-variants.js';
import { recipientFields } from '../../src/deliver/recipient-fields.js';
import { LINKS, testSpec } from './helpers/fixture.js';
import { TOKENS } from '../../src/render/tokens.js';

function variants(fail = false) {
  const built: string[] = [];
  const v: MessageVariants = {
    keyFor: (topics) => (topics.some((t) => t.toLowerCase() === 'digital id') ? 'digital-id' : ''),
    async parts(key) {
      built.push(key);
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('MJML broke');
      return { html: `<p>${key} first</p>\n`, text: `${key} first\n`, tokens: TOKENS };
    },
  };
  return { v, built };
}

const recipient = { subscriberId: 1, email: 'a@example.com', name: 'A', topics: [] as string[], attempts: 0 };

describe('messageSource', () => {
  it('gives the default message to no topics and to topics that choose no variant, without building anything', () => {
    const { v, built } = variants();
    const source = messageSource(testSpec(), v);
    expect(source.for([])).toBe(source.default);
    expect(source.for(['Border Control'])).toBe(source.default);
    expect(messageSource(testSpec()).for(['Digital ID'])).not.toBeInstanceOf(Promise);
    expect(built).toEqual([]);
  });

  it('builds a variant once on its first need, shared by callers that ask while it is being built', async () => {
    const { v, built } = variants();
    const source = messageSource(testSpec(), v);
    const [a, b] = await Promise.all([source.for(['Digital ID']), source.for(['digital id', 'Opinion'])]);
    expect(a).toBe(b);
    expect(await source.for(['DIGITAL ID'])).toBe(a);
    expect(built).toEqual(['digital-id']);
    // the variant's parts with the default's headers
    const mail = await simpleParser(a.render(recipientFields(recipient, { ...LINKS, issue: '2026-W48' }, 'x.1@identitywire.example')));
    expect(mail.subject).toBe(testSpec().subject);
    expect(mail.text).toBe('digital-id first\n');
    expect(a.envelopeFrom).toBe(source.default.envelopeFrom);
  });

  it('rejects every caller of a variant that cannot be built', async () => {
    const { v } = variants(true);
    const source = messageSource(testSpec(), v);
    await expect(source.for(['Digital ID'])).rejects.toThrow('MJML broke');
    await expect(source.for(['Digital ID'])).rejects.toThrow('MJML broke');
  });
});
