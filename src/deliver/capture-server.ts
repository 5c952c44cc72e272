import { mkdirSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CaptureServer {
  port: number;
  /** `smtp://127.0.0.1:PORT`: what SMTP_URL should be. */
  url: string;
  /** Messages stored so far. */
  count(): number;
  close(): Promise<void>;
}

/** `0007-ann@example.com.eml`: numbered so that a listing sorts in the order they came, named by recipient. */
export function capturedFileName(n: number, recipient: string | undefined): string {
  const who = (recipient ?? '').replace(/[^A-Za-z0-9@._+-]+/g, '_').slice(0, 80);
  return `${String(n).padStart(4, '0')}${who ? `-${who}` : ''}.eml`;
}

/**
 * A real SMTP server on 127.0.0.1 for the demo and tests: no TLS, no login, accepts every message and stores
 * it under `dir` as `0001-<recipient>.eml` (numbering continues after files already there). `port` 0 or absent:
 * any free port.
 */
export async function startCaptureServer(options: { dir: string; port?: number }): Promise<CaptureServer> {
  mkdirSync(options.dir, { recursive: true });
  let n = readdirSync(options.dir).reduce((max, f) => {
    const m = /^(\d+)(?:-[^/]*)?\.eml$/.exec(f);
    return m ? Math.max(max, Number(m[1])) : max;
  }, 0);
  let stored = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Roundup capture server',
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const name = capturedFileName(++n, session.envelope.rcptTo[0]?.address);
        writeFile(join(options.dir, name), Buffer.concat(chunks)).then(
          () => {
            stored++;
            callback(null, `Message stored as ${name}`);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.server.address() as { port: number }).port);
    });
  });
  server.on('error', () => {}); // a client dropping its connection is not our failure
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    count: () => stored,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
