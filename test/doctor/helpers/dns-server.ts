// A real DNS server on 127.0.0.1 (dns2, UDP and TCP on one port, as Node's resolver falls back to TCP for a
// truncated answer) serving a small zone the test writes: TXT and MX records by name. An unknown name is
// NXDOMAIN; a known name without the asked type answers NOERROR with no records (NODATA).
import { createSocket } from 'node:dgram';
import dns2 from 'dns2';

export interface Zone {
  [name: string]: { TXT?: (string | string[])[]; MX?: { exchange: string; priority: number }[] };
}

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for `--resolver` and `delivery.doctor.resolver`. */
  address: string;
  /** Replace the zone (records are looked up per query). */
  zone: Zone;
  /** Names asked, in order (`TXT rw._domainkey.x.example`). */
  queries: string[];
  close(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export async function startDnsServer(zone: Zone): Promise<TestDnsServer> {
  const { Packet } = dns2;
  const state: TestDnsServer = { address: '', zone, queries: [], close: async () => {} };
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (!question) return send(response);
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const type = question.type === Packet.TYPE.TXT ? 'TXT' : question.type === Packet.TYPE.MX ? 'MX' : 'OTHER';
      state.queries.push(`${type} ${name}`);
      const entry = state.zone[name];
      if (!entry) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return send(response);
      }
      if (type === 'TXT') {
        for (const txt of entry.TXT ?? []) {
          response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data: txt } as never);
        }
      } else if (type === 'MX') {
        for (const mx of entry.MX ?? []) {
          response.answers.push({ name: question.name, type: Packet.TYPE.MX, class: Packet.CLASS.IN, ttl: 60, exchange: mx.exchange, priority: mx.priority } as never);
        }
      }
      send(response);
    },
  });
  for (let attempt = 0; ; attempt++) {
    const port = await freeUdpPort();
    try {
      await Promise.race([
        server.listen({ udp: { port, address: '127.0.0.1' }, tcp: { port, address: '127.0.0.1' } }),
        new Promise((_, reject) => server.once('error', reject)),
      ]);
      state.address = `127.0.0.1:${port}`;
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  state.close = async () => {
    await server.close();
  };
  return state;
}
