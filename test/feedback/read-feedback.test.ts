import { describe, expect, it } from 'vitest';
import { bounceSeverity } from '../../src/feedback/bounce-severity.js';
import { readFeedback } from '../../src/feedback/read-feedback.js';
import { fixture, type SentMessage } from './fixtures.js';

const message: SentMessage = {
  issue: '2026-W48',
  subscriberId: 2,
  email: 'bo@example.org',
  messageId: '2026-W48.2.AbCdEf123456@identitywire.example',
  returnPath: 'bounces+aaaabbbbccccddddeeeeffffgggghhhh@identitywire.example',
  mailto: 'unsubscribe+aaaabbbbccccddddeeeeffff@identitywire.example',
  unsubscribeToken: 'eyJwIjoidW5zdWJzY3JpYmUifQ.abcdefabcdefabcdefabcd',
};

describe('readFeedback on fixtures modelled on the major MTAs', () => {
  it.each([
    ['postfix-dsn-hard.eml', 'bounce', 'hard', 'dsn', '5.1.1'],
    ['postfix-dsn-soft.eml', 'bounce', 'soft', 'dsn', '5.2.2'],
    ['postfix-delayed.eml', 'delay', undefined, 'dsn', '4.4.1'],
    ['exim-text-hard.eml', 'bounce', 'hard', 'exim', '5.1.1'],
    ['exim-text-delay.eml', 'delay', undefined, 'exim', ''],
    ['exchange-ndr.eml', 'bounce', 'hard', 'exchange', '5.1.10'],
    ['gmail-hard.eml', 'bounce', 'hard', 'gmail', '5.1.1'],
    ['gmail-delay.eml', 'delay', undefined, 'gmail', ''],
    ['arf-yahoo.eml', 'complaint', undefined, 'arf', 'abuse'],
    ['arf-outlook-redacted.eml', 'complaint', undefined, 'arf', 'abuse'],
    ['mailto-unsubscribe.eml', 'unsubscribe', undefined, 'mailto', ''],
    ['auto-reply.eml', 'none', undefined, undefined, ''],
  ])('%s is a %s (%s)', (name, kind, severity, format, detail) => {
    const reading = readFeedback(fixture(name, message));
    expect(reading.kind).toBe(kind);
    expect(reading.severity).toBe(severity);
    expect(reading.format).toBe(format);
    expect(reading.detail).toContain(detail);
  });

  it('collects the hints: the VERP address it came to, the returned Message-ID, the returned headers', () => {
    const dsn = readFeedback(fixture('postfix-dsn-hard.eml', message));
    expect(dsn.addressedTo).toContain(message.returnPath);
    expect(dsn.messageIds).toEqual([message.messageId]);
    const exim = readFeedback(fixture('exim-text-hard.eml', message));
    expect(exim.messageIds).toEqual([message.messageId]);
    const arf = readFeedback(fixture('arf-outlook-redacted.eml', message));
    expect(arf.originalAddresses).toContain(message.mailto);
    expect(readFeedback(fixture('mailto-legacy-subject.eml', message)).subjectToken).toBe(message.unsubscribeToken);
  });

  it('reads hostile and broken MIME without throwing: no boundary close, deep nesting, binary, huge headers', () => {
    const deep = `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(5000)}`;
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('no headers at all'),
      Buffer.from('Content-Type: multipart/report; report-type=delivery-status; boundary="x"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n'),
      Buffer.from(deep),
      Buffer.from(`Subject: ${'x'.repeat(2_000_000)}\r\n\r\nbody`),
      Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 256)),
      Buffer.from('Content-Type: multipart/mixed; boundary=\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!'),
    ];
    for (const raw of inputs) expect(() => readFeedback(raw)).not.toThrow();
    expect(readFeedback(inputs[2]!).kind).toBe('bounce');
  });
});

describe('bounceSeverity', () => {
  it.each([
    [{ status: '5.1.1' }, 'hard'],
    [{ status: '5.2.1', diagnostic: '550 5.2.1 mailbox disabled' }, 'hard'],
    [{ status: '5.4.4' }, 'hard'],
    [{ status: '5.7.1', diagnostic: '550 5.7.1 message rejected as spam' }, 'soft'],
    [{ status: '5.1.1', diagnostic: '550 5.1.1 blocked by policy (blacklisted sender)' }, 'soft'],
    [{ status: '5.2.2' }, 'soft'],
    [{ status: '4.2.2' }, 'soft'],
    [{ status: '5.0.0', diagnostic: '550 No such user here' }, 'hard'],
    [{ status: '5.0.0', diagnostic: '550 relay not permitted' }, 'soft'],
    [{ diagnostic: '550 User unknown' }, 'hard'],
    [{ action: 'delayed', status: '4.4.1' }, undefined],
    [{ action: 'delivered', status: '2.0.0' }, undefined],
  ] as const)('%j is %s', (failure, severity) => {
    expect(bounceSeverity(failure)).toBe(severity);
  });
});
