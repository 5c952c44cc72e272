// A tiny HTTP server on 127.0.0.1 for the analytics API fakes: it records every request (method, path, query,
// headers, body), answers queued faults first (a status and body, or no answer at all), then the handler.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer forced on the next request: a status with a body (and headers), or never an answer. */
export type Fault = { status: number; body: string; headers?: Record<string, string> } | { hang: true };

export interface FakeHttp {
  url: string;
  requests: Recorded[];
  /** Answers the next requests with these, in order, before the handler answers again. */
  fail(...faults: Fault[]): void;
  close(): Promise<void>;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export async function startFakeHttp(handler: Handler): Promise<FakeHttp> {
  const requests: Recorded[] = [];
  const faults: Fault[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const fault = faults.shift();
      if (fault && 'hang' in fault) return; // the client's timeout has to end it
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body);
        return;
      }
      handler(recorded, res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fail: (...more) => faults.push(...more),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}
