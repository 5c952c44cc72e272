import { Command } from 'commander';
import { relative } from 'node:path';
import { RoundupError } from '../errors.js';
import { startPreview } from '../web/preview/start-preview.js';
import { cliContext } from './context.js';
import { parsePort } from './parse-port.js';
import { runUntilStopped } from './stop-signals.js';
import { out, err } from './output.js';

/** `roundup preview`: the editors' live preview on 127.0.0.1 until Ctrl-C. */
export function previewCommand(): Command {
  return new Command('preview')
    .description("Preview any week's issue in the browser (127.0.0.1 only); it reloads when a template, config, override or data file changes")
    .option('--port <n>', 'port (default: web.preview.port, 4000; 0 picks a free one)')
    .option('--week <key>', 'week to open first, e.g. 2026-W48 (default: the latest complete week)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .action(async (options: { port?: string; week?: string; config?: string }) => {
      const ctx = cliContext(options);
      const port = parsePort(options.port, ctx.loaded.config.web.preview.port);
      const preview = await startPreview({
        configFile: ctx.loaded.file,
        env: ctx.env,
        port,
        onChange: (paths) => {
          const names = paths.map((p) => relative(process.cwd(), p) || p);
          err(`changed: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} — reloading\n`);
        },
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          throw new RoundupError('USAGE', `Port ${port} is in use on 127.0.0.1 (another preview?). Pass another with --port, e.g. --port ${port + 1}.`);
        }
        throw error;
      });
      const url = options.week ? `${preview.url}/?week=${encodeURIComponent(options.week)}` : `${preview.url}/`;
      out(`Preview of ${ctx.loaded.config.site.name}: ${url}\n`);
      if (!ctx.env.smtpUrl) out('"Send a test" needs SMTP_URL (e.g. SMTP_URL=smtp://user:pass@mail.example.com:587).\n');
      out('Watching templates, config, override and data files. Ctrl-C stops.\n');
      await runUntilStopped(() => preview.close());
    });
}
