import { readFileSync } from 'node:fs';
import { resolveConfigPath, type LoadedConfig } from '../config/index.js';
import { RoundupError } from '../errors.js';

/** The PEM text of `delivery.dkim.keyFile` (relative to the config file), or CONFIG_INVALID naming the fix. */
export function readDkimKey(loaded: Pick<LoadedConfig, 'dir' | 'file'>, keyFile: string): string {
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
