// The one adapter between sockets and handlers, over a real socket: security headers on every answer (the
// handler's, and the adapter's own errors), a bad Host header refused with 400, a too-large body with 413.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BASELINE_HEADERS, serveHandler, type RunningServer } from '../../src/web/serve-handler.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends raw bytes (so the Host header can be anything) and returns the status line and headers. */
function raw(port: number, request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

function expectBaseline(headers: Record<string, string> | Headers) {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : headers[n]);
  expect(get('x-frame-options')).toBe('DENY');
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('referrer-policy')).toBe('no-referrer');
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('serveHandler', () => {
  it('every answer carries the security headers: the handler’s, a 405, a 404, a 413 and a 500', async () => {
    server = await serveHandler(
      async (req) => {
        const path = new URL(req.url).pathname;
        if (path === '/boom') throw new Error('handler failed');
        if (req.method === 'POST') return new Response('Method not allowed.\n', { status: 405 });
        if (path === '/missing') return new Response('Not found', { status: 404 });
        return new Response('ok');
      },
      { port: 0, maxBodyBytes: 10 },
    );
    for (const [path, init, status] of [
      ['/', {}, 200],
      ['/missing', {}, 404],
      ['/x', { method: 'POST', body: 'a' }, 405],
      ['/x', { method: 'POST', body: 'x'.repeat(100) }, 413],
      ['/boom', {}, 500],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, init);
      expect(res.status, path).toBe(status);
      expectBaseline(res.headers);
    }
  });

  it('keeps a handler’s own policy where it sets one', async () => {
    server = await serveHandler(async () => new Response('x', { headers: { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'SAMEORIGIN' } }), { port: 0 });
    const res = await fetch(server.url);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe(BASELINE_HEADERS['referrer-policy']);
  });

  it('a malformed Host header gets 400 with the headers, never 500 "Invalid URL"; the handler never runs', async () => {
    let calls = 0;
    server = await serveHandler(async () => (calls++, new Response('ok')), { port: 0 });
    for (const host of ['exa mple.com', 'a/b', '[::1', 'x:y:z', '%', 'a..b', 'example.com:99999999']) {
      const res = await raw(server.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.status, host).toBe(400);
      expectBaseline(res.headers);
      expect(res.body).not.toContain('Invalid URL');
    }
    expect(calls).toBe(0);
    const fine = await raw(server.port, 'GET / HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n');
    expect(fine.status).toBe(200);
  });
});
