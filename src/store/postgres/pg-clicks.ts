// Clicks and opens on PostgreSQL: the same rows and sums as SQLite's (src/store/clicks-store.ts, click-queries.ts).
// A click is one INSERT, whichever web server takes it; the report adds them up.
import type pg from 'pg';
import type { ClickInput, LinkClickRow } from '../clicks-store.js';
import type { ClickRepo } from '../store.js';
import type { IssueLink } from '../../types.js';

/** PostgreSQL's foreign_key_violation. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Inserts one row naming the subscriber when they are still in the table, nobody (NULL) otherwise: a token of a
 * subscriber since deleted is recorded, not refused. A delete that commits between the look-up and the insert
 * fails the foreign key: the row is then written as nobody's.
 */
async function insertNamingSubscriber(pool: pg.Pool, sql: string, params: unknown[], subscriberId: number | undefined): Promise<void> {
  try {
    await pool.query(sql, [...params, subscriberId ?? null]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw error;
    await pool.query(sql, [...params, null]);
  }
}

export function pgClicks(pool: pg.Pool): ClickRepo {
  return {
    async recordClick(click: ClickInput) {
      await insertNamingSubscriber(
        pool,
        `INSERT INTO clicks (issue, link, scanner, at, subscriber_id) VALUES ($1, $2, $3, $4, (SELECT id FROM subscribers WHERE id = $5::bigint))`,
        [click.issue, click.link, click.scanner ?? null, click.now.toISOString()],
        click.subscriberId,
      );
    },

    async recordOpen(open) {
      await insertNamingSubscriber(
        pool,
        `INSERT INTO opens (issue, scanner, at, subscriber_id) VALUES ($1, $2, $3, (SELECT id FROM subscribers WHERE id = $4::bigint))`,
        [open.issue, open.scanner ?? null, open.now.toISOString()],
        open.subscriberId,
      );
    },

    async sentLinks(issue) {
      // the links as stored (json, not jsonb: the text SQLite's json_extract gives)
      const { rows } = await pool.query<{ links: string | null }>(
        `SELECT (s.body::json) ->> 'links' AS links FROM snapshots s JOIN issues i ON i.key = s.issue
         WHERE s.issue = $1 AND i.status IN ('sending', 'sent')`,
        [issue],
      );
      const row = rows[0];
      return row ? (JSON.parse(row.links ?? 'null') as IssueLink[]) : undefined;
    },

    async submittedAt(issue, subscriberId) {
      const { rows } = await pool.query<{ state: string; updated_at: string }>('SELECT state, updated_at FROM deliveries WHERE issue = $1 AND subscriber_id = $2', [
        issue,
        subscriberId,
      ]);
      const row = rows[0];
      return row?.state === 'submitted' ? row.updated_at : undefined;
    },

    async byLink(issue) {
      const { rows } = await pool.query<LinkClickRow>(
        `SELECT link, count(*) FILTER (WHERE scanner IS NULL) AS people, count(*) FILTER (WHERE scanner IS NOT NULL) AS scanners,
           count(DISTINCT subscriber_id) FILTER (WHERE scanner IS NULL) AS unique_people
         FROM clicks WHERE issue = $1 GROUP BY link ORDER BY link`,
        [issue],
      );
      return rows;
    },

    async uniqueClickers(issue) {
      const { rows } = await pool.query<{ count: number }>(
        'SELECT count(DISTINCT subscriber_id) AS count FROM clicks WHERE issue = $1 AND scanner IS NULL AND subscriber_id IS NOT NULL',
        [issue],
      );
      return rows[0]!.count;
    },

    async opens(issue) {
      const { rows } = await pool.query<{ people: number; scanners: number; unique_people: number }>(
        `SELECT count(*) FILTER (WHERE scanner IS NULL) AS people, count(*) FILTER (WHERE scanner IS NOT NULL) AS scanners,
           count(DISTINCT subscriber_id) FILTER (WHERE scanner IS NULL) AS unique_people
         FROM opens WHERE issue = $1`,
        [issue],
      );
      const row = rows[0]!;
      return { people: row.people, scanners: row.scanners, uniquePeople: row.unique_people };
    },
  };
}
