import { loadConfig, readEnv, type LoadedConfig, type RoundupEnv } from '../config/index.js';

/** What every command that needs config gets: the validated config and the environment. */
export interface CliContext {
  loaded: LoadedConfig;
  env: RoundupEnv;
  now: Date;
}

/** Loads config (`--config`, else ROUNDUP_CONFIG, else config/roundup.yaml) and the environment, once. */
export function cliContext(options: { config?: string }, processEnv = process.env): CliContext {
  const env = readEnv(processEnv);
  const loaded = loadConfig(options.config ?? env.configFile);
  return { loaded, env, now: new Date() };
}
