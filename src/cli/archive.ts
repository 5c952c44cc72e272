import { resolve } from 'node:path';
import { Command } from 'commander';
import { exportArchive } from '../job/export-archive.js';
import { withStore } from '../job/with-store.js';
import { cliContext } from './context.js';
import { out, outJson } from './output.js';

/** `roundup archive export DIR`: the archive of sent issues as static files. */
export function archiveCommand(): Command {
  const archive = new Command('archive').description('The archive of the issues that went out');
  archive
    .command('export')
    .description('Write the archive (index.html, a page per issue, feed.xml) into DIR for any static host, from the database')
    .argument('<dir>', 'folder to write into (created if needed)')
    .option('--base-url <url>', "where DIR will be served from, for the feed's links (default: <web.publicUrl>/issues/)")
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print what was written as JSON')
    .action(async (dir: string, flags: { baseUrl?: string; config?: string; json?: boolean }) => {
      const ctx = cliContext(flags);
      const target = resolve(dir);
      const issues = await withStore(ctx.env.db, (store) =>
        exportArchive({ store, config: ctx.loaded.config, dir: target, baseUrl: flags.baseUrl, now: ctx.now }),
      );
      if (flags.json) outJson({ dir: target, issues });
      else out(`Wrote the archive of ${issues.length} issue${issues.length === 1 ? '' : 's'} to ${target} (index.html, feed.xml, one folder per issue).\n`);
    });
  return archive;
}
