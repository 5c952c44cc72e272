import { describe, expect, it } from 'vitest';
import { checkEmail, emailKey } from '../../src/store/index.js';

describe('checkEmail', () => {
  it.each([
    ['ann@example.com'],
    ['Ann.Lee+news@Mail.Example.CO.UK'],
    ["o'brien@example.ie"],
    ['x_y-z!#$%&*/=?^`{|}~@sub-domain.example.org'],
    ['a@b.co'],
    ['1234@xn--bcher-kva.example'],
    [`${'l'.repeat(64)}@example.com`],
  ])('accepts %s', (value) => {
    expect(checkEmail(value)).toEqual({ ok: true, email: value });
  });

  it('trims surrounding whitespace', () => {
    expect(checkEmail('  ann@example.com\t')).toEqual({ ok: true, email: 'ann@example.com' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ann.example.com', 'no @'],
    ['@example.com', 'nothing before'],
    ['ann@', 'nothing after'],
    ['ann@localhost', 'no dot'],
    ['ann smith@example.com', 'space'],
    ['ann@exa mple.com', 'space'],
    ['ann@example.com\r\nBcc: victim@example.net', 'space or line break'],
    ['ann\u0000@example.com', 'control'],
    ['ann@@example.com', 'more than one @'],
    ['a@b@example.com', 'more than one @'],
    ['.ann@example.com', 'misplaced dot'],
    ['ann.@example.com', 'misplaced dot'],
    ['an..n@example.com', 'misplaced dot'],
    ['"ann smith"@example.com', 'space'],
    ['"ann"@example.com', 'character not allowed'],
    ['ann(comment)@example.com', 'character not allowed'],
    ['ann@-example.com', 'malformed'],
    ['ann@example-.com', 'malformed'],
    ['ann@example..com', 'malformed'],
    ['ann@example.com.', 'malformed'],
    ['ann@exa_mple.com', 'malformed'],
    ['ann@[192.0.2.1]', 'IP-address'],
    ['ann@192.0.2.1', 'ends in a number'],
    ['jörg@example.de', 'non-ASCII'],
    ['ann@bücher.example', 'non-ASCII'],
    [`${'l'.repeat(65)}@example.com`, 'at most 64'],
    [`ann@${'d'.repeat(64)}.com`, 'malformed'],
    [`${'l'.repeat(60)}@${`${'d'.repeat(60)}.`.repeat(4)}com`, 'at most 254'],
  ])('refuses %j (%s)', (value, reason) => {
    const result = checkEmail(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('emailKey', () => {
  it('lower-cases the domain only: the local part is case-sensitive (RFC 5321 2.4)', () => {
    expect(emailKey('A@Example.COM')).toBe('A@example.com');
    expect(emailKey('A@example.com')).toBe(emailKey('A@Example.COM'));
    expect(emailKey('a@example.com')).not.toBe(emailKey('A@example.com'));
  });

  it('splits at the last @ and ignores surrounding whitespace', () => {
    expect(emailKey(' Ann@EXAMPLE.com ')).toBe('Ann@example.com');
  });
});
