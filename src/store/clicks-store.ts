// Clicks and opens as `roundup serve` records them, and the issue links they lead to. A click is one row; the
// report adds them up per link, and the links say their section, story and slot (the frozen issue's list).
import type { IssueLink } from '../types.js';
import { clickQueries, type LinkClickRow, type ScannerReason } from './click-queries.js';
import { deliveryQueries } from './delivery-queries.js';
import type { Database } from './open-database.js';
import { snapshotQueries } from './snapshot-queries.js';
import { retryOnBusy } from './write-transaction.js';

export type { ScannerReason, LinkClickRow } from './click-queries.js';

export interface ClickInput {
  issue: string;
  link: number;
  subscriberId?: number | undefined;
  /** Why it was not a person's click, or undefined for a person. */
  scanner?: ScannerReason | undefined;
  now: Date;
}

export function recordClick(db: Database, click: ClickInput): void {
  const row = { issue: click.issue, link: click.link, subscriber: click.subscriberId ?? null, scanner: click.scanner ?? null, at: click.now.toISOString() };
  retryOnBusy(() => clickQueries(db).addClick.run(row));
}

export function recordOpen(db: Database, open: Omit<ClickInput, 'link'>): void {
  const row = { issue: open.issue, subscriber: open.subscriberId ?? null, scanner: open.scanner ?? null, at: open.now.toISOString() };
  retryOnBusy(() => clickQueries(db).addOpen.run(row));
}

/**
 * The links of an issue whose send has started (its snapshot no longer changes), or undefined: only such an
 * issue's links are click targets.
 */
export function sentIssueLinks(db: Database, issue: string): IssueLink[] | undefined {
  const row = snapshotQueries(db).sentLinks.get(issue);
  return row ? (JSON.parse(row.links) as IssueLink[]) : undefined;
}

/** When the server accepted the issue's message for a subscriber (ISO), or undefined when it has not. */
export function submittedAt(db: Database, issue: string, subscriberId: number): string | undefined {
  const row = deliveryQueries(db).stateOf.get(issue, subscriberId);
  return row?.state === 'submitted' ? row.updatedAt : undefined;
}

export function clicksByLink(db: Database, issue: string): LinkClickRow[] {
  return clickQueries(db).byLink.all(issue);
}

export function uniqueClickers(db: Database, issue: string): number {
  return clickQueries(db).uniqueClickers.get(issue)!.count;
}

export function openCounts(db: Database, issue: string): { people: number; scanners: number; uniquePeople: number } {
  const row = clickQueries(db).opens.get(issue)!;
  return { people: row.people, scanners: row.scanners, uniquePeople: row.unique_people };
}
