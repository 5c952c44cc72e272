import { readFileSync } from 'node:fs';
import { resolveConfigPath, type LoadedConfig } from '../config/index.js';
import { RoundupError } from '../errors.js';
import { createConnectionPoolTransport } from './connection-pool-transport.js';
import type { Transport } from './transport.js';

/**
 * The SMTP transport for `smtpUrl` with the config's pool, rate and DKIM settings (the DKIM key read from
 * `delivery.dkim.keyFile`). `pool` narrows the pool for small sends such as a test send.
 */
export function transportFromConfig(
  loaded: LoadedConfig,
  smtpUrl: string,
  pool?: { maxConnections: number; maxMessages: number },
): Transport {
  const { delivery } = loaded.config;
  const dkim = delivery.dkim;
  return createConnectionPoolTransport({
    url: smtpUrl,
    maxConnections: pool?.maxConnections ?? delivery.pool.maxConnections,
    maxMessages: pool?.maxMessages ?? delivery.pool.maxMessages,
    rateLimit: delivery.rateLimit,
    connectionTimeoutMs: delivery.timeouts.connectMs,
    socketTimeoutMs: delivery.timeouts.socketMs,
    dkim: dkim && { domain: dkim.domain, selector: dkim.selector, privateKey: readDkimKey(loaded, dkim.keyFile) },
  });
}

function readDkimKey(loaded: LoadedConfig, keyFile: string): string {
  const path = resolveConfigPath(loaded, keyFile);
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RoundupError(
      'CONFIG_INVALID',
      `${loaded.file}: \`delivery.dkim.keyFile\` \`${keyFile}\` could not be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ` +
        'Point it at the PEM private key file (e.g. made with `openssl genrsa -out dkim.pem 2048`), or remove `delivery.dkim`.',
      { cause },
    );
  }
}
