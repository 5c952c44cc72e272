import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogTimeParser } from '../../../src/sources/reads/log-time.js';
import { emptyLogLine, parseLogLine } from '../../../src/sources/reads/parse-log-line.js';
import { BROWSER, logLine } from './helpers.js';

function fields(line: string) {
  const out = emptyLogLine();
  if (!parseLogLine(line, out, new LogTimeParser())) return undefined;
  return {
    ip: line.slice(0, out.ipEnd),
    time: new Date(out.time).toISOString(),
    method: line.slice(out.requestStart, out.methodEnd),
    target: line.slice(out.targetStart, out.targetEnd),
    status: out.status,
    agent: line.slice(out.agentStart, out.agentEnd),
  };
}

describe('parseLogLine', () => {
  it('reads the fields of a combined line', () => {
    const line =
      '2001:db8::1 - alice [24/Nov/2026:09:30:07 +0100] "GET /news/a/?x=1 HTTP/2.0" 200 5120 "https://ref.example/?q=\\"a\\"" "' +
      BROWSER + '"';
    expect(fields(line)).toEqual({
      ip: '2001:db8::1',
      time: '2026-11-24T08:30:07.000Z',
      method: 'GET',
      target: '/news/a/?x=1',
      status: 200,
      agent: BROWSER,
    });
  });

  it('keeps an escaped quote inside the user agent (Apache writes \\")', () => {
    const line = logLine({ time: '24/Nov/2026:09:30:00 +0000', target: '/a', agent: 'Mozilla/5.0 \\"quoted\\" thing' });
    expect(fields(line)?.agent).toBe('Mozilla/5.0 \\"quoted\\" thing');
  });

  it('ignores fields after the user agent (nginx formats that add $request_time)', () => {
    const line = `${logLine({ time: '24/Nov/2026:09:30:00 +0000', target: '/a' })} 0.012 "-"`;
    expect(fields(line)).toMatchObject({ target: '/a', agent: BROWSER });
  });

  it('accepts odd request lines that a server answered with 400', () => {
    expect(fields(logLine({ time: '24/Nov/2026:09:30:00 +0000', request: '-', status: 400 }))).toMatchObject({ method: '-', target: '', status: 400 });
    expect(fields(logLine({ time: '24/Nov/2026:09:30:00 +0000', request: 'GET /', status: 400 }))).toMatchObject({ method: 'GET', target: '/' });
    expect(fields(logLine({ time: '24/Nov/2026:09:30:00 +0000', request: '\\x16\\x03\\x01\\x02', status: 400 }))).toMatchObject({ status: 400 });
  });

  it('refuses lines that are not combined format', () => {
    const good = logLine({ time: '24/Nov/2026:09:30:00 +0000', target: '/a' });
    const bad = [
      '',
      'garbage',
      good.replace('[24/Nov/2026:09:30:00 +0000]', '[24/Nov/2026:09:30:00]'),
      good.replace('Nov', 'Nvo'),
      good.replace(':09:', ':29:'),
      good.replace(' 200 ', ' 2x0 '),
      good.replace(' 200 ', ' 20 '),
      good.slice(0, good.length - 1 - BROWSER.length - 3), // cut before the user agent
      // Common log format (no referer, no user agent).
      '192.0.2.1 - - [24/Nov/2026:09:30:00 +0000] "GET /a HTTP/1.1" 200 5120',
    ];
    for (const line of bad) expect({ line, parsed: fields(line) }).toEqual({ line, parsed: undefined });
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const out = emptyLogLine();
        expect(typeof parseLogLine(s, out, new LogTimeParser())).toBe('boolean');
      }),
    );
  });
});
