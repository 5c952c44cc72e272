// The database schema, as an ordered list of steps. Each step runs once, in its own transaction, and moves
// `PRAGMA user_version` to its number. Never edit a step that has shipped: add a new one.
//
// Tables:
// - subscribers: one row per address. `email` is stored as given; `email_key` (local part as given + '@' +
//   the domain in lower case) is what makes an address unique (see email-address.ts).
// - deliveries: the delivery ledger, one row per (issue, subscriber). States: see src/deliver/ledger.ts.
// - issues: one row per issue key: built -> approved -> sending -> sent.
// - locks: named leases ("two runs at once cannot both send"), see locks.ts.
// - confirmations (2): one row per sign-up confirmation mail: a single-use nonce with an expiry; every open one
//   of a subscriber is deleted when they leave (a trigger), so an old link never brings anyone back.
// - snapshots (3): the frozen issue (src/snapshot/snapshot.ts), one per issue key: its JSON body, its hash, when
//   and why it was frozen, and its public copy apart (the archive reads it without the body); snapshot_stories
//   lists its stories, so selection can leave out what an earlier issue already sent.
// - feedback (4): what came back after the send, one row per (issue, subscriber, kind): a hard or soft bounce,
//   a complaint, an unsubscribe (by way). The key makes every input idempotent: the same bounce twice adds
//   nothing. deliveries gain an index on message_id (bounces name the message they are about).
// - clicks, opens (4): one row per request to `/c/<token>` (or the open pixel); `scanner` says why a request
//   was not a person's (`head`, `agent`, `early`), NULL for a person.
// - webhook_messages (4): ids of the relays' webhook calls already acted on (a replayed call changes nothing).
// - (5) leases on deliveries rows (lease_owner, lease_until), send_workers (every sender of an issue, for
//   `roundup send --status`), send_pace (the shared rate limit), limit_events (sign-up limits every web server
//   shares).
// - (6) deliveries lose their index on (issue, state): the ledger's writes are the send's hot path.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscribers, deliveries, issues, locks',
    sql: `
      CREATE TABLE subscribers (
        id         INTEGER PRIMARY KEY,
        email      TEXT NOT NULL,
        email_key  TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL DEFAULT '',
        topics     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(topics)),
        status     TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'unsubscribed', 'bounced', 'complained', 'unconfirmed', 'paused')),
        joined_at  TEXT NOT NULL,
        joined_via TEXT NOT NULL,
        left_at    TEXT,
        left_via   TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX subscribers_by_status ON subscribers (status, id);

      CREATE TABLE deliveries (
        issue         TEXT NOT NULL,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        state         TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'submitting', 'submitted', 'failed', 'bounced')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_reply    TEXT,
        message_id    TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (issue, subscriber_id)
      ) WITHOUT ROWID;
      -- serves nextBatch: only the rows still to send, in subscriber order
      CREATE INDEX deliveries_open ON deliveries (issue, subscriber_id)
        WHERE state IN ('pending', 'submitting');
      CREATE INDEX deliveries_by_state ON deliveries (issue, state);

      CREATE TABLE issues (
        key         TEXT PRIMARY KEY,
        status      TEXT NOT NULL CHECK (status IN ('built', 'approved', 'sending', 'sent')),
        subject     TEXT NOT NULL DEFAULT '',
        built_at    TEXT,
        approved_at TEXT,
        sent_at     TEXT,
        counts      TEXT CHECK (counts IS NULL OR json_valid(counts))
      );

      CREATE TABLE locks (
        name        TEXT PRIMARY KEY,
        holder      TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'single-use sign-up confirmations',
    sql: `
      CREATE TABLE confirmations (
        nonce         TEXT PRIMARY KEY,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        created_at    TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        used_at       TEXT
      ) WITHOUT ROWID;
      CREATE INDEX confirmations_by_subscriber ON confirmations (subscriber_id);
      -- leaving (by any way: unsubscribe, bounce, complaint) voids every confirmation link sent before
      CREATE TRIGGER confirmations_void_on_leave AFTER UPDATE OF status ON subscribers
        WHEN NEW.status IN ('unsubscribed', 'bounced', 'complained')
      BEGIN
        DELETE FROM confirmations WHERE subscriber_id = NEW.id;
      END;
    `,
  },
  {
    version: 3,
    name: 'frozen issues: snapshots and their stories',
    sql: `
      CREATE TABLE snapshots (
        issue        TEXT PRIMARY KEY REFERENCES issues (key) ON DELETE CASCADE,
        hash         TEXT NOT NULL,
        frozen_at    TEXT NOT NULL,
        frozen_by    TEXT NOT NULL CHECK (frozen_by IN ('approval', 'send')),
        -- the window's start in UTC (ISO 8601), so issues sort by their week whatever the key's form
        window_start TEXT NOT NULL,
        subject      TEXT NOT NULL,
        public_html  TEXT NOT NULL,
        public_text  TEXT NOT NULL,
        body         TEXT NOT NULL CHECK (json_valid(body))
      );
      CREATE TABLE snapshot_stories (
        issue    TEXT NOT NULL REFERENCES snapshots (issue) ON DELETE CASCADE,
        url      TEXT NOT NULL,
        is_event INTEGER NOT NULL CHECK (is_event IN (0, 1)),
        PRIMARY KEY (issue, url)
      ) WITHOUT ROWID;
      CREATE INDEX snapshot_stories_by_url ON snapshot_stories (url);
    `,
  },
  {
    version: 4,
    name: 'after the send: feedback, clicks, opens, webhook messages',
    sql: `
      CREATE INDEX deliveries_by_message_id ON deliveries (message_id) WHERE message_id IS NOT NULL;
      CREATE TABLE feedback (
        issue         TEXT NOT NULL,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe')),
        via           TEXT NOT NULL,
        detail        TEXT NOT NULL DEFAULT '',
        received_at   TEXT NOT NULL,
        PRIMARY KEY (issue, subscriber_id, kind)
      ) WITHOUT ROWID;
      CREATE INDEX feedback_by_subscriber ON feedback (subscriber_id, kind);
      CREATE TABLE clicks (
        id            INTEGER PRIMARY KEY,
        issue         TEXT NOT NULL,
        link          INTEGER NOT NULL,
        subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
        scanner       TEXT CHECK (scanner IS NULL OR scanner IN ('head', 'agent', 'early')),
        at            TEXT NOT NULL
      );
      CREATE INDEX clicks_by_issue ON clicks (issue, link);
      CREATE TABLE opens (
        id            INTEGER PRIMARY KEY,
        issue         TEXT NOT NULL,
        subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
        scanner       TEXT CHECK (scanner IS NULL OR scanner IN ('head', 'agent', 'early')),
        at            TEXT NOT NULL
      );
      CREATE INDEX opens_by_issue ON opens (issue);
      CREATE TABLE webhook_messages (
        provider    TEXT NOT NULL,
        id          TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (provider, id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'many senders: leases on ledger rows, the senders of an issue, the shared send rate',
    sql: `
      -- a row is held by one sender (lease_owner) until lease_until (milliseconds since 1970, the store's clock)
      ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
      ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
      CREATE TABLE send_workers (
        worker      TEXT PRIMARY KEY,
        issue       TEXT NOT NULL,
        host        TEXT NOT NULL,
        pid         INTEGER NOT NULL,
        started_at  INTEGER NOT NULL,
        seen_at     INTEGER NOT NULL,
        ended_at    INTEGER,
        status      TEXT NOT NULL DEFAULT 'sending',
        submitted   INTEGER NOT NULL DEFAULT 0,
        failed      INTEGER NOT NULL DEFAULT 0,
        bounced     INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX send_workers_by_issue ON send_workers (issue, started_at);
      -- delivery.rateLimit across every sender of an issue: the next free start time
      CREATE TABLE send_pace (
        issue   TEXT PRIMARY KEY,
        next_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- sign-up limits shared by every web server: one row per counted event
      CREATE TABLE limit_events (
        key TEXT NOT NULL,
        at  INTEGER NOT NULL
      );
      CREATE INDEX limit_events_by_key ON limit_events (key, at);
    `,
  },
  {
    version: 6,
    name: 'a faster ledger: no index on delivery state',
    sql: `
      -- every send moved each row twice in it (pending -> submitting -> submitted), a fifth of a message's ledger
      -- cost; counting an issue's rows by state reads them by the primary key instead
      DROP INDEX deliveries_by_state;
    `,
  },
];

/** The schema version this code knows (the last step's number). */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
