import { Resolver } from 'node:dns/promises';
import { RoundupError } from '../errors.js';

// DNS as the checks need it: TXT and MX, each answer sorted into records, "no such record" or "could not ask".
// Node's own resolver (c-ares), pointed at `--resolver host:port` / `delivery.doctor.resolver` when given.

export type DnsAnswer<T> = { records: T[] } | { missing: true } | { error: string };

export interface DnsLookup {
  /** TXT records, each one's strings joined (a DKIM key is split into 255-byte strings). */
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<{ exchange: string; priority: number }>>;
  /** Which server answers, for messages. */
  readonly server: string;
}

/** `host:port`, `host`, `[v6]:port` -> a server string Node's resolver takes; USAGE error when it is not one. */
export function parseResolver(value: string): string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)|([0-9a-fA-F:]+))(?::(\d{1,5}))?$/.exec(value.trim());
  const port = m?.[4] === undefined ? undefined : Number(m[4]);
  if (!m || (port !== undefined && (port < 1 || port > 65535)) || (m[3] !== undefined && m[4] !== undefined)) {
    throw new RoundupError('USAGE', `Expected \`--resolver\` to be an IP address with an optional port (127.0.0.1:5353 or [::1]:53), got \`${value}\`.`);
  }
  const host = m[1] ?? m[2] ?? m[3]!;
  if (port === undefined) return host;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NOTFOUND', 'NODATA']);

export function createDnsLookup(server?: string, options: { timeoutMs?: number; tries?: number } = {}): DnsLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: options.tries ?? 2 });
  if (server !== undefined) resolver.setServers([parseResolver(server)]);
  const ask = async <T>(name: string, query: () => Promise<T[]>): Promise<DnsAnswer<T>> => {
    try {
      return { records: await query() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (MISSING.has(code)) return { missing: true };
      return { error: `${code || 'error'} asking ${server ?? 'the system resolver'} for ${name}` };
    }
  };
  return {
    server: server ?? resolver.getServers().join(', '),
    txt: (name) => ask(name, async () => (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))),
    mx: (name) => ask(name, () => resolver.resolveMx(name)),
  };
}
