import { join } from 'node:path';
import { dataDir, type RoundupEnv } from '../../config/index.js';
import type { Transport } from '../../deliver/transport.js';
import { serveHandler } from '../serve-handler.js';
import { createEventHub } from './event-hub.js';
import { createPreviewHandler } from './preview-handler.js';
import { createPreviewState, type PreviewState } from './preview-state.js';
import { watchInputs, type InputWatcher } from './watch-inputs.js';
import { watchPaths } from './watch-paths.js';

export interface StartPreviewOptions {
  configFile: string;
  env: RoundupEnv;
  /** 0 picks a free port. */
  port: number;
  now?: (() => Date) | undefined;
  /** Test sends go through this instead of SMTP_URL. */
  transport?: (() => Transport) | undefined;
  /** Called after each burst of file changes (the CLI logs them). */
  onChange?: ((paths: string[]) => void) | undefined;
}

export interface RunningPreview {
  url: string;
  port: number;
  state: PreviewState;
  /** Resolves once the file watcher is watching. */
  watching(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `roundup preview` in-process: the handler on 127.0.0.1, a watcher on every input (templates, config, override
 * files, local source files) and live reload through server-sent events. A broken config at start fails here
 * (there is nothing to show); later breakage shows on the page.
 */
export async function startPreview(options: StartPreviewOptions): Promise<RunningPreview> {
  const state = createPreviewState({ configFile: options.configFile, env: options.env, now: options.now });
  const hub = createEventHub(() => state.version);
  let paths = watchPaths(state.loaded());
  let watcher: InputWatcher;
  // The data folder may sit among the sources' files (data/roundup.db beside data/reads-{week}.csv): the read
  // answers each build keeps there are not an input.
  const data = dataDir(options.env);
  const watchOptions = { ignore: data === undefined ? [] : [join(data, 'cache')] };
  const onChange = (changed: string[]) => {
    state.invalidate();
    const next = watchPaths(state.loaded());
    if (next.join('\n') !== paths.join('\n')) {
      // The config now names other files (a new source, another templatesDir): watch those instead.
      paths = next;
      void watcher.close();
      watcher = watchInputs(paths, onChange, watchOptions);
    }
    hub.publish(state.version);
    options.onChange?.(changed);
  };
  watcher = watchInputs(paths, onChange, watchOptions);
  let server: Awaited<ReturnType<typeof serveHandler>>;
  try {
    server = await serveHandler(createPreviewHandler({ state, hub, transport: options.transport, watchWaitMs: 3000 }), { port: options.port });
  } catch (error) {
    // A port in use: nothing may stay open behind the error (the watcher kept the command running forever).
    hub.close();
    await watcher.close();
    throw error;
  }
  void state.build(undefined);
  return {
    url: server.url,
    port: server.port,
    state,
    watching: () => watcher.ready,
    async close() {
      hub.close();
      await watcher.close();
      await server.close();
    },
  };
}
