/**
 * Server-sent events for live reload: every open preview page holds one `/__events` stream. On connect and
 * after every change the hub sends `event: version` with the preview's current version; a page whose version
 * differs reloads itself (so a change made while a page was loading is not missed).
 */
export interface EventHub {
  /** The `/__events` response for one page; it ends when the request's signal aborts or the hub closes. */
  stream(signal: AbortSignal): Response;
  /** Sends the version to every open page. */
  publish(version: string): void;
  /** Open streams (for tests and the log). */
  size(): number;
  close(): void;
}

const encoder = new TextEncoder();
const HEARTBEAT_MS = 20_000;

export function createEventHub(currentVersion: () => string): EventHub {
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const send = (client: ReadableStreamDefaultController<Uint8Array>, chunk: string) => {
    try {
      client.enqueue(encoder.encode(chunk));
    } catch {
      clients.delete(client);
    }
  };
  const heartbeat = setInterval(() => {
    for (const client of clients) send(client, ': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    stream(signal) {
      let self: ReadableStreamDefaultController<Uint8Array> | undefined;
      const drop = () => {
        if (!self) return;
        clients.delete(self);
        try {
          self.close();
        } catch {
          // already closed
        }
      };
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          self = controller;
          clients.add(controller);
          // `retry`: reconnect quickly after the server restarts.
          send(controller, `retry: 500\nevent: version\ndata: ${currentVersion()}\n\n`);
          signal.addEventListener('abort', drop, { once: true });
        },
        cancel: drop,
      });
      return new Response(body, {
        headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' },
      });
    },
    publish(version) {
      for (const client of clients) send(client, `event: version\ndata: ${version}\n\n`);
    },
    size: () => clients.size,
    close() {
      clearInterval(heartbeat);
      for (const client of clients) {
        try {
          client.close();
        } catch {
          // already closed
        }
      }
      clients.clear();
    },
  };
}
