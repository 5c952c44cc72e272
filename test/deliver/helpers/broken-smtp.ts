// An SMTP server on 127.0.0.1 that breaks after DATA in one of the ways real servers and middleboxes do,
// written on a raw socket because a well-behaved server library cannot misbehave like this:
// - `drop`: closes the connection once the message has arrived, before any reply;
// - `garbage`: answers the message with a line that is not SMTP;
// - `hang`: never answers the message (the client's socket timeout must give up).
import { createServer, type Socket } from 'node:net';

export type BrokenMode = 'drop' | 'garbage' | 'hang';

export interface BrokenSmtp {
  url: string;
  /** Messages whose DATA arrived complete. */
  messages: () => number;
  close(): Promise<void>;
}

export async function startBrokenSmtp(mode: BrokenMode): Promise<BrokenSmtp> {
  let messages = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let inData = false;
    let buffer = '';
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 broken.example ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          messages++;
          if (mode === 'drop') return void socket.destroy();
          if (mode === 'garbage') say('HTTP/1.1 400 Bad Request');
          continue; // hang: say nothing
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 broken.example');
        else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') say('250 OK');
        else if (verb === 'DATA') {
          inData = true;
          say('354 Go ahead');
        } else if (verb === 'QUIT') {
          say('221 Bye');
          socket.end();
        } else say('502 Not implemented');
      }
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
