// The store contract (store.ts) on one SQLite file: the embedded default. Each method runs the synchronous
// SQLite code beside it (one statement, or one IMMEDIATE transaction tried again while another process holds the
// database) and answers at once. Leases and the shared rate use this machine's clock: a SQLite file has one host.
import { confirmationsOf } from './confirmations.js';
import { getIssue, listIssues, markIssue, upsertIssue } from './issues-store.js';
import { pageSubscribers } from './iterate-subscribers.js';
import { acquireLock, releaseLock } from './locks.js';
import { mergeImportRows } from './merge-import-rows.js';
import { openDatabase, type Database } from './open-database.js';
import { senderQueries } from './sender-queries.js';
import { SqliteLedger } from './sqlite-ledger.js';
import { freezeForSend, getPublicCopy, getSnapshot, lastSentIssue, listPublishedIssues, revokeSnapshot, saveSnapshot, storiesSentBefore } from './snapshots-store.js';
import { feedbackCounts, findDeliveryByMessageId, noteUnsubscribe, recordFeedback, rememberWebhookMessage, webhookMessageSeen } from './feedback-store.js';
import { clicksByLink, openCounts, recordClick, recordOpen, sentIssueLinks, submittedAt, uniqueClickers } from './clicks-store.js';
import type { SenderRecord, Store } from './store.js';
import { subscriberQueries } from './subscriber-queries.js';
import { addSubscriber, countSubscribers, getSubscriber, getSubscriberByEmail, removeSubscriber, setSubscriberStatus } from './subscribers-store.js';
import { mergeTopics } from './subscriber-fields.js';
import { retryOnBusy, writeTransaction } from './write-transaction.js';

/** A Store over an open SQLite database (`close` closes it). */
export function sqliteStore(db: Database, label = `SQLite ${db.name}`): Store {
  const clock = () => Date.now();
  const ledger = new SqliteLedger(db);
  const confirmations = confirmationsOf(db);
  return {
    label,
    kind: 'sqlite',
    subscribers: {
      add: async (input, options) => addSubscriber(db, input, options),
      get: async (id) => getSubscriber(db, id),
      getByEmail: async (email) => getSubscriberByEmail(db, email),
      remove: async (idOrEmail, options) => removeSubscriber(db, idOrEmail, options),
      setStatus: async (id, status, options) => setSubscriberStatus(db, id, status, options),
      async updatePreferences(id, change, now) {
        return writeTransaction(db, () => {
          // read again inside the write: an unsubscribe that landed meanwhile is never undone
          const fresh = getSubscriber(db, id);
          if (fresh?.status !== 'active' && fresh?.status !== 'paused') return false;
          subscriberQueries(db).updateProfile.run({ id, name: change.name, topics: JSON.stringify(mergeTopics([], change.topics)), now: now.toISOString() });
          const wanted = change.paused ? 'paused' : 'active';
          if (wanted !== fresh.status) setSubscriberStatus(db, id, wanted, { via: 'preferences', now });
          return true;
        });
      },
      count: async () => countSubscribers(db),
      page: async (options) => pageSubscribers(db, options),
      importBatch: async (rows, options) => mergeImportRows(db, rows, options),
    },
    issues: {
      get: async (key) => getIssue(db, key),
      list: async () => listIssues(db),
      upsertBuilt: async (input) => retryOnBusy(() => upsertIssue(db, input)),
      mark: async (key, status, options) => retryOnBusy(() => markIssue(db, key, status, options)),
    },
    snapshots: {
      save: async (snapshot, options) => saveSnapshot(db, snapshot, options),
      freezeForSend: async (snapshot, now) => freezeForSend(db, snapshot, now),
      get: async (issue) => getSnapshot(db, issue),
      revoke: async (issue, now) => revokeSnapshot(db, issue, now),
      listPublished: async () => listPublishedIssues(db),
      publicCopy: async (issue) => getPublicCopy(db, issue),
      sentBefore: async (weekStart) => storiesSentBefore(db, weekStart),
      lastSent: async () => lastSentIssue(db),
    },
    confirmations: {
      create: async (subscriberId, options) => confirmations.create(subscriberId, options),
      check: async (subscriberId, nonce, now) => confirmations.check(subscriberId, nonce, now),
      use: async (subscriberId, nonce, now) => confirmations.use(subscriberId, nonce, now),
    },
    locks: {
      acquire: async (name, holder, ttlMs, now) => acquireLock(db, name, holder, ttlMs, now),
      release: async (name, holder) => releaseLock(db, name, holder),
    },
    ledger,
    senders: {
      async register(sender) {
        retryOnBusy(() => senderQueries(db).register.run({ ...sender, now: clock() }));
      },
      async heartbeat(worker, counts) {
        retryOnBusy(() => senderQueries(db).heartbeat.run({ worker, now: clock(), ...counts }));
      },
      async end(worker, status) {
        retryOnBusy(() => senderQueries(db).end.run({ worker, now: clock(), status }));
      },
      async list(issue) {
        return senderQueries(db).list.all(issue).map(toSender);
      },
      async reserve(issue, count, intervalMs) {
        return writeTransaction(db, () => {
          const q = senderQueries(db);
          const start = Math.max(q.pace.get(issue)?.next_at ?? 0, clock());
          q.setPace.run({ issue, next: start + count * intervalMs });
          return start;
        });
      },
      now: async () => clock(),
    },
    limits: {
      async take(key, limit, windowMs, now) {
        return writeTransaction(db, () => {
          const q = senderQueries(db);
          const t = now.getTime();
          q.forget.run({ before: t - windowMs * 2 });
          if (q.countEvents.get({ key, since: t - windowMs })!.n >= limit) return false;
          q.addEvent.run({ key, at: t });
          return true;
        });
      },
    },
    feedback: {
      record: async (input, rule) => recordFeedback(db, input, rule),
      noteUnsubscribe: async (input) => noteUnsubscribe(db, input),
      deliveryByMessageId: async (messageId) => findDeliveryByMessageId(db, messageId),
      webhookSeen: async (provider, id, now, keepMs) => webhookMessageSeen(db, provider, id, now, keepMs),
      rememberWebhook: async (provider, id, now, keepMs) => rememberWebhookMessage(db, provider, id, now, keepMs),
      counts: async (issue) => feedbackCounts(db, issue),
    },
    clicks: {
      recordClick: async (click) => recordClick(db, click),
      recordOpen: async (open) => recordOpen(db, open),
      sentLinks: async (issue) => sentIssueLinks(db, issue),
      submittedAt: async (issue, subscriberId) => submittedAt(db, issue, subscriberId),
      byLink: async (issue) => clicksByLink(db, issue),
      uniqueClickers: async (issue) => uniqueClickers(db, issue),
      opens: async (issue) => openCounts(db, issue),
    },
    async close() {
      await ledger.stopCheckpoints();
      if (db.open) db.close();
    },
  };
}

/** Opens (creating and migrating) the SQLite database at `file` as a Store. */
export function openSqliteStore(file: string): Store {
  return sqliteStore(openDatabase(file), `SQLite ${file}`);
}

function toSender(row: ReturnType<ReturnType<typeof senderQueries>['list']['all']>[number]): SenderRecord {
  return {
    worker: row.worker,
    issue: row.issue,
    host: row.host,
    pid: row.pid,
    startedAt: row.started_at,
    seenAt: row.seen_at,
    endedAt: row.ended_at ?? undefined,
    status: row.status,
    submitted: row.submitted,
    failed: row.failed,
    bounced: row.bounced,
  };
}
