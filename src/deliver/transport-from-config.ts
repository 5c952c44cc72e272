import type { LoadedConfig } from '../config/index.js';
import { createConnectionPoolTransport } from './connection-pool-transport.js';
import { readDkimKey } from './read-dkim-key.js';
import type { Transport } from './transport.js';

/**
 * The SMTP transport for `smtpUrl` with the config's pool, rate and DKIM settings (the DKIM key read from
 * `delivery.dkim.keyFile`; `delivery.dkim: relay` signs nothing here). `pool` narrows the pool for small sends
 * such as a test send.
 */
export function transportFromConfig(
  loaded: LoadedConfig,
  smtpUrl: string,
  pool?: { maxConnections: number; maxMessages: number },
  overrides: { rateLimit?: number } = {},
): Transport {
  const { delivery } = loaded.config;
  const dkim = typeof delivery.dkim === 'object' ? delivery.dkim : undefined;
  return createConnectionPoolTransport({
    url: smtpUrl,
    maxConnections: pool?.maxConnections ?? delivery.pool.maxConnections,
    maxMessages: pool?.maxMessages ?? delivery.pool.maxMessages,
    rateLimit: overrides.rateLimit ?? delivery.rateLimit,
    connectionTimeoutMs: delivery.timeouts.connectMs,
    socketTimeoutMs: delivery.timeouts.socketMs,
    dkim: dkim && { domain: dkim.domain, selector: dkim.selector, privateKey: readDkimKey(loaded, dkim.keyFile) },
  });
}
