import { Command } from 'commander';
import { RoundupError } from '../errors.js';
import { localMedia } from '../config/index.js';
import { startSubscriberServer } from '../web/subscriber/start-subscriber-server.js';
import { cliContext } from './context.js';
import { parsePort } from './parse-port.js';
import { runUntilStopped } from './stop-signals.js';
import { out, err } from './output.js';

/** `roundup serve`: the subscriber endpoints behind the links in every email, until Ctrl-C. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the subscriber pages: unsubscribe, preferences, sign-up, view in browser, archive (needs ROUNDUP_SECRET)')
    .option('--port <n>', 'port (default: web.serve.port, 8080; 0 picks a free one)')
    .option('--host <address>', 'address to bind (default: web.serve.host, 127.0.0.1)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .action(async (options: { port?: string; host?: string; config?: string }) => {
      const ctx = cliContext(options);
      const { config } = ctx.loaded;
      const port = parsePort(options.port, config.web.serve.port);
      const log = (line: string) => err(`${new Date().toISOString()} ${line}\n`);
      const server = await startSubscriberServer({ config, env: ctx.env, port, host: options.host, log, media: localMedia(ctx.loaded) }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') {
            throw new RoundupError('USAGE', `Port ${port} is in use. Pass another with --port, e.g. --port ${port + 1}.`);
          }
          throw error;
        },
      );
      out(`Subscriber pages of ${config.site.name}: ${server.url}/ (public URL ${config.web.publicUrl})\n`);
      if (!config.web.serve.signup.enabled) out('Sign-up is off (web.serve.signup.enabled: false).\n');
      out('Ctrl-C stops.\n');
      await runUntilStopped(() => server.close());
    });
}
