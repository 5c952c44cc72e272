import { RoundupError } from '../errors.js';

/** `--port` as a number from 0 (any free port) to 65535, or the configured default when not given. */
export function parsePort(option: string | undefined, fallback: number): number {
  const port = option === undefined ? fallback : Number(option);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RoundupError('USAGE', `Expected \`--port\` to be a number from 0 to 65535, got \`${option}\`.`);
  }
  return port;
}
