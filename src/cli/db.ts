// `roundup db copy --to postgres://...`: moving from the embedded SQLite file to a shared PostgreSQL database.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { RoundupError } from '../errors.js';
import { isPostgresUrl, openDatabase } from '../store/index.js';
import { cliContext } from './context.js';
import { err, out, outJson } from './output.js';

export function dbCommand(): Command {
  const db = new Command('db').description('The database: move from SQLite to PostgreSQL');
  db.command('copy')
    .description(
      'Copy the SQLite database (ROUNDUP_DB, or --from) into an empty PostgreSQL database: subscribers, issues, snapshots, ' +
        'the delivery ledger and confirmations, ids kept, checked by counts, all or nothing',
    )
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://USER:PASS@HOST:PORT/DATABASE (created empty beforehand)')
    .option('--from <file>', 'the SQLite file (default: ROUNDUP_DB)')
    .option('--config <file>', 'config file (default: $ROUNDUP_CONFIG or config/roundup.yaml)')
    .option('--json', 'print what was copied as JSON')
    .action(async (flags: { to: string; from?: string; config?: string; json?: boolean }) => {
      const ctx = cliContext(flags);
      const from = flags.from ?? ctx.env.db;
      if (isPostgresUrl(from)) {
        throw new RoundupError('USAGE', 'ROUNDUP_DB already names a PostgreSQL database: db copy reads a SQLite file. Pass it with `--from FILE`.');
      }
      if (!isPostgresUrl(flags.to)) {
        throw new RoundupError('USAGE', '`--to` must be a PostgreSQL URL like postgres://roundup:PASS@db.example.net:5432/roundup.');
      }
      if (!existsSync(from)) throw new RoundupError('USAGE', `No SQLite database at \`${from}\`: set ROUNDUP_DB or pass --from FILE.`);
      // loaded only here: every other command on SQLite never pays for the driver
      const { copySqliteToPostgres } = await import('../store/postgres/copy-from-sqlite.js');
      const source = openDatabase(from);
      try {
        const report = await copySqliteToPostgres(source, flags.to, {
          onTable: flags.json ? undefined : ({ table, rows }) => err(`${table}: ${rows} row${rows === 1 ? '' : 's'}\n`),
        });
        if (flags.json) return outJson({ from, ...report });
        out(
          `Copied ${from} to ${report.target}; every table's count checked. Set ROUNDUP_DB to that URL for every roundup ` +
            'process (serve, send, schedule) and keep the SQLite file as a backup.\n',
        );
      } finally {
        source.close();
      }
    });
  return db;
}
