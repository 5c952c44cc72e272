import { CLIENT_ADDRESS_HEADER } from '../serve-handler.js';

/**
 * The client's address, for rate limits. Direct connections: the socket's address (set by serveHandler).
 * Behind a trusted reverse proxy: the last `X-Forwarded-For` entry, the one the proxy itself appended (the
 * entries before it are whatever the client claimed). `unknown` when neither is there (handlers called
 * without a socket).
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
