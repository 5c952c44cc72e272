// `roundup subscribers import|add|remove|list|export|count`: the subscriber list in the database (ROUNDUP_DB).
// Human output by default, JSON with --json. An import with bad rows still imports the good ones, lists the
// bad ones with their line numbers and exits 0; a file that cannot be read or has no email column exits 1.
import { Command } from 'commander';
import { RoundupError } from '../errors.js';
import { withStore } from '../job/with-store.js';
import {
  SUBSCRIBER_STATUSES,
  eachSubscriber,
  exportSubscribers,
  exportSubscribersToFile,
  importSubscribers,
  parseTopics,
  type Store,
  type SubscriberStatus,
} from '../store/index.js';
import type { Subscriber } from '../types.js';
import { cliContext } from './context.js';
import { out, err } from './output.js';

interface Common {
  config?: string;
  json?: boolean;
}

/** Opens the store named by the environment (after loading config, for --config consistency), runs `fn`, closes. */
function withSubscribers<T>(options: Common, fn: (store: Store) => Promise<T>): Promise<T> {
  const ctx = cliContext(options);
  return withStore(ctx.env.db, fn);
}

function subscriberJson(s: Subscriber) {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    topics: s.topics,
    status: s.status,
    joinedAt: s.joinedAt,
    joinedVia: s.joinedVia,
    leftAt: s.leftAt ?? null,
    leftVia: s.leftVia ?? null,
  };
}

function sub(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option('--config <file>', 'config file (default: ROUNDUP_CONFIG, else config/roundup.yaml)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
}

function parseStatus(value: string): SubscriberStatus {
  if (!SUBSCRIBER_STATUSES.includes(value as SubscriberStatus)) {
    throw new RoundupError(
      'USAGE',
      `Expected --status to be one of ${SUBSCRIBER_STATUSES.join(', ')}, got \`${value}\`.`,
    );
  }
  return value as SubscriberStatus;
}

const importCommand = (): Command =>
  sub('import', 'import subscribers from a CSV file of any size (header row with email, name, topics; Mailchimp, Substack, Ghost and listmonk exports as they are)')
    .argument('<file>', 'CSV file; topics separated by ";"')
    .option('--json', 'print the report as JSON (the first 1,000 skipped rows listed, all counted)')
    .action(async (file: string, options: Common) => {
      const report = await withSubscribers(options, (store) =>
        importSubscribers(store.subscribers, { path: file }, {
          file,
          // each skipped row is printed as it is found (the JSON report lists the first ones)
          onProblem: options.json ? undefined : (bad) => out(`${file}:${bad.line}: skipped \`${bad.value}\`: ${bad.reason}\n`),
        }),
      );
      if (options.json) return out(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
      const invalid = report.invalidCount;
      out(
        `Imported ${file}${report.readAs === 'Roundup' ? '' : ` (read as a ${report.readAs} export)`}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ` +
          `${report.keptInactive} kept inactive (unsubscribed, bounced or complained: not made active again), ` +
          `${invalid} invalid row${invalid === 1 ? '' : 's'} skipped` +
          `${invalid > 0 ? ' (listed above; fix them and import the file again)' : ''}.\n`,
      );
    });

const addCommand = (): Command =>
  sub('add', 'add one subscriber (or merge name and topics into an existing one)')
    .argument('<email>', 'the address')
    .option('--name <name>', 'their name')
    .option('--topics <topics>', 'topics separated by ";"')
    .option('--resubscribe', 'bring back an address that left (only with the person\'s consent)')
    .option('--json', 'print the subscriber as JSON')
    .action(async (email: string, options: Common & { name?: string; topics?: string; resubscribe?: boolean }) => {
      const { subscriber, created } = await withSubscribers(options, (store) =>
        store.subscribers.add(
          { email, name: options.name, topics: parseTopics(options.topics) },
          { via: 'cli', resubscribe: options.resubscribe === true },
        ),
      );
      if (options.json) return out(`${JSON.stringify({ created, subscriber: subscriberJson(subscriber) }, null, 2)}\n`);
      out(`${created ? 'Added' : 'Updated'} ${subscriber.email} (${subscriber.status}).\n`);
    });

const removeCommand = (): Command =>
  sub('remove', 'unsubscribe an address (kept as unsubscribed, never sent to again)')
    .argument('<email>', 'the address')
    .option('--json', 'print the subscriber as JSON')
    .action(async (email: string, options: Common) => {
      const result = await withSubscribers(options, (store) => store.subscribers.remove(email, { via: 'cli' }));
      if (result === undefined) {
        throw new RoundupError(
          'SUBSCRIBER_INVALID',
          `No subscriber with the address \`${email}\`. Run \`roundup subscribers list\` to see who is there.`,
        );
      }
      const { subscriber, changed } = result;
      if (options.json) return out(`${JSON.stringify({ changed, subscriber: subscriberJson(subscriber) }, null, 2)}\n`);
      out(
        changed
          ? `Unsubscribed ${subscriber.email}.\n`
          : `${subscriber.email} had already left (${subscriber.status} since ${subscriber.leftAt ?? '?'}); ` +
              'nothing changed.\n',
      );
    });

const listCommand = (): Command =>
  sub('list', 'list subscribers')
    .option('--status <status>', `only this status (${SUBSCRIBER_STATUSES.join(', ')})`, parseStatus)
    .option('--json', 'print a JSON array of {email, name, topics, status, ...}')
    .action(async (options: Common & { status?: SubscriberStatus }) => {
      await withSubscribers(options, async (store) => {
        let count = 0;
        if (options.json) out('[');
        for await (const s of eachSubscriber(store.subscribers, options.status ? { status: options.status } : {})) {
          if (options.json) out(`${count === 0 ? '\n' : ',\n'}  ${JSON.stringify(subscriberJson(s))}`);
          else out(`${s.email}\t${s.name || '-'}\t${s.status}\t${s.topics.join(';') || '-'}\n`);
          count++;
        }
        if (options.json) out(count === 0 ? ']\n' : '\n]\n');
        else out(`${count} subscriber${count === 1 ? '' : 's'}${options.status ? ` (${options.status})` : ''}.\n`);
      });
    });

const exportCommand = (): Command =>
  sub('export', 'write every subscriber as CSV (email,name,topics,status,joined_at)')
    .option('--out <file>', 'write to this file (atomically: a temporary file, then renamed) instead of stdout')
    .action(async (options: Common & { out?: string }) => {
      if (options.out === undefined) return void (await withSubscribers(options, (store) => exportSubscribers(store.subscribers, out)));
      const target = options.out;
      const count = await withSubscribers(options, (store) => exportSubscribersToFile(store.subscribers, target));
      err(`Exported ${count} subscriber${count === 1 ? '' : 's'} to ${target}.\n`);
    });

const countCommand = (): Command =>
  sub('count', 'how many subscribers have each status')
    .option('--json', 'print the counts as JSON')
    .action(async (options: Common) => {
      const counts = await withSubscribers(options, (store) => store.subscribers.count());
      if (options.json) return out(`${JSON.stringify(counts, null, 2)}\n`);
      for (const [status, n] of Object.entries(counts)) out(`${status}\t${n}\n`);
    });

/** The `subscribers` command and its subcommands. */
export function subscribersCommand(): Command {
  return new Command('subscribers')
    .description('manage the subscriber list (database: ROUNDUP_DB, default data/roundup.db)')
    .exitOverride()
    .addCommand(importCommand())
    .addCommand(addCommand())
    .addCommand(removeCommand())
    .addCommand(listCommand())
    .addCommand(exportCommand())
    .addCommand(countCommand());
}
