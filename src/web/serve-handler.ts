import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../errors.js';

/**
 * Request header the adapter sets to the connection's remote address (any value a client sent under this
 * name is dropped first), so handlers can rate-limit per client without seeing the socket.
 */
export const CLIENT_ADDRESS_HEADER = 'x-roundup-client-address';

/** A web handler: a function from a Fetch API request to a response, testable without a socket. */
export type Handler = (req: Request) => Promise<Response>;

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: nothing outside this machine can connect. */
  host?: string;
  /** Request bodies larger than this get 413 (default 1 MiB). */
  maxBodyBytes?: number;
}

/**
 * Headers every response carries unless the handler set its own (a page's stricter CSP, the preview's
 * frames allowing their own page): no framing by other sites (clickjacking), no MIME sniffing, no Referer
 * (URLs hold tokens). The adapter's own answers (400, 413, 500) carry them too.
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  server: Server;
  /** Stops listening and drops open connections (server-sent event streams included). */
  close(): Promise<void>;
}

/**
 * Mounts a handler on node:http: the one adapter between sockets and handlers. The request's `signal` aborts
 * when the client goes away, so a streaming handler (server-sent events) can clean up.
 */
export async function serveHandler(handler: Handler, options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const server = createServer((req, res) => {
    void respond(handler, req, res, host, maxBody);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function respond(handler: Handler, req: IncomingMessage, res: ServerResponse, host: string, maxBody: number): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    const request = await toRequest(req, host, maxBody, controller.signal);
    if (request === 'too-large') return void sendText(res, 413, 'Request body too large.\n');
    if (request === 'bad-host') return void sendText(res, 400, 'Bad request: the Host header is not a host name.\n');
    const response = await handler(request);
    await writeResponse(response, req.method === 'HEAD', res, controller.signal);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    sendText(res, 500, `Internal error: ${errorMessage(error)}\n`);
  }
}

/** A host name, IPv4 or [IPv6] literal, with an optional port: what a Host header may hold. */
const HOST_HEADER = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

async function toRequest(req: IncomingMessage, host: string, maxBody: number, signal: AbortSignal): Promise<Request | 'too-large' | 'bad-host'> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (req.socket.remoteAddress) headers.set(CLIENT_ADDRESS_HEADER, req.socket.remoteAddress);
  const hostHeader = req.headers.host ?? (host.includes(':') ? `[${host}]` : host);
  if (!HOST_HEADER.test(hostHeader)) return 'bad-host';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${hostHeader}`);
  } catch {
    return 'bad-host';
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) return 'too-large';
    chunks.push(chunk);
  }
  return new Request(url, { method, headers, body: Buffer.concat(chunks), signal });
}

async function writeResponse(response: Response, head: boolean, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = { ...BASELINE_HEADERS };
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (head || response.body === null) {
    await response.body?.cancel();
    return void res.end();
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Flushes each chunk at once: server-sent events must not wait in a buffer.
      if (!res.write(value)) {
        await new Promise((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASELINE_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
