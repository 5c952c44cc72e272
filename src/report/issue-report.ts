import type { Snapshot } from '../snapshot/snapshot.js';
import type { LinkClickRow, Store } from '../store/index.js';
import type { IssueLink } from '../types.js';
import { reportWarnings } from './report-warnings.js';

// An issue's numbers after the send, as data: what the text, CSV, JSON and the preview's chart are made from.
// Words (README "Report columns"): submitted = accepted by the SMTP server; bounced at send = refused for good
// by it; hard/soft = bounces that came back later; rates are against what was submitted.

export interface LinkClicks {
  /** `most-read:1`, `featured-company`, `intro:1`, `header`. */
  id: string;
  kind: IssueLink['kind'];
  section: string;
  sectionTitle: string;
  /** Position in its section (stories), 1-based; 0 for the other links. */
  slot: number;
  title: string;
  url: string;
  /** Clicks by people, people who clicked (with per-subscriber links), and scanners' requests. */
  clicks: number;
  unique: number;
  scanners: number;
}

export interface IssueReport {
  issue: string;
  subject: string;
  sentAt?: string | undefined;
  submitted: number;
  bounced: { atSend: number; hard: number; soft: number };
  complained: number;
  unsubscribed: { total: number; byWay: Record<string, number> };
  rates: { bounce: number; complaint: number };
  clicks: { total: number; unique: number; scanners: number; perSubscriber: boolean };
  sections: { id: string; title: string; clicks: number; scanners: number }[];
  links: LinkClicks[];
  featuredCompany?: { clicks: number; unique: number; scanners: number } | undefined;
  whitepapers?: { clicks: number; unique: number; scanners: number } | undefined;
  /** Only with `tracking.opens` (counted apart: Apple Mail Privacy Protection opens every message). */
  opens?: { total: number; unique: number; scanners: number } | undefined;
  warnings: string[];
}

const SPECIAL_TITLES: Record<string, string> = { header: 'Header', intro: 'Intro', 'featured-company': 'Featured Company' };

/** The report of an issue that was sent (or is being sent); undefined when it has no frozen issue. */
export async function issueReport(store: Store, issue: string): Promise<IssueReport | undefined> {
  const stored = await store.snapshots.get(issue);
  if (!stored) return undefined;
  const { snapshot } = stored;
  const record = await store.issues.get(issue);
  const ledger = await store.ledger.counts(issue);
  const feedback = await store.feedback.counts(issue);
  const sum = (kind: string) => feedback.filter((f) => f.kind === kind).reduce((n, f) => n + f.count, 0);
  const byWay: Record<string, number> = {};
  for (const f of feedback) if (f.kind === 'unsubscribe') byWay[f.via] = (byWay[f.via] ?? 0) + f.count;
  const links = linkClicks(snapshot, await store.clicks.byLink(issue));
  const tracking = snapshot.config.tracking as Snapshot['config']['tracking'] | undefined;
  const bounced = { atSend: ledger.bounced, hard: sum('hard-bounce'), soft: sum('soft-bounce') };
  const complained = sum('complaint');
  const attempted = ledger.submitted + ledger.bounced;
  const report: IssueReport = {
    issue,
    subject: snapshot.subject,
    sentAt: record?.sentAt,
    submitted: ledger.submitted,
    bounced,
    complained,
    unsubscribed: { total: sum('unsubscribe'), byWay },
    rates: { bounce: attempted > 0 ? (bounced.atSend + bounced.hard) / attempted : 0, complaint: ledger.submitted > 0 ? complained / ledger.submitted : 0 },
    clicks: {
      total: links.reduce((n, l) => n + l.clicks, 0),
      unique: await store.clicks.uniqueClickers(issue),
      scanners: links.reduce((n, l) => n + l.scanners, 0),
      perSubscriber: tracking?.perSubscriber ?? false,
    },
    sections: sectionTotals(links),
    links,
    featuredCompany: total(links.filter((l) => l.kind === 'company')),
    whitepapers: total(links.filter((l) => snapshot.digest.sections.some((s) => s.id === l.section && s.kind === 'whitepapers'))),
    warnings: [],
  };
  if (tracking?.opens) {
    const o = await store.clicks.opens(issue);
    report.opens = { total: o.people, unique: o.uniquePeople, scanners: o.scanners };
  }
  report.warnings = reportWarnings(report);
  return report;
}

function linkClicks(snapshot: Snapshot, rows: readonly LinkClickRow[]): LinkClicks[] {
  const byIndex = new Map(rows.map((r) => [r.link, r]));
  const stories = new Map(snapshot.digest.sections.flatMap((s) => s.stories.map((story) => [story.url, story.title] as const)));
  const sectionTitles = new Map(snapshot.digest.sections.map((s) => [s.id, s.title]));
  return snapshot.links.map((link, i) => {
    const row = byIndex.get(i);
    const slot = link.kind === 'story' ? Number(link.id.split(':')[1] ?? 0) : 0;
    const title =
      link.kind === 'story' ? (stories.get(link.story ?? '') ?? link.url) : link.kind === 'company' ? (snapshot.digest.featuredCompany?.name ?? 'Featured Company') : link.url;
    return {
      id: link.id,
      kind: link.kind,
      section: link.section,
      sectionTitle: sectionTitles.get(link.section) ?? SPECIAL_TITLES[link.section] ?? link.section,
      slot,
      title,
      url: link.url,
      clicks: row?.people ?? 0,
      unique: row?.unique_people ?? 0,
      scanners: row?.scanners ?? 0,
    };
  });
}

function sectionTotals(links: LinkClicks[]): IssueReport['sections'] {
  const sections = new Map<string, IssueReport['sections'][number]>();
  for (const l of links) {
    const s = sections.get(l.section) ?? { id: l.section, title: l.sectionTitle, clicks: 0, scanners: 0 };
    s.clicks += l.clicks;
    s.scanners += l.scanners;
    sections.set(l.section, s);
  }
  return [...sections.values()];
}

function total(links: LinkClicks[]): { clicks: number; unique: number; scanners: number } | undefined {
  if (links.length === 0) return undefined;
  return { clicks: links.reduce((n, l) => n + l.clicks, 0), unique: Math.max(0, ...links.map((l) => l.unique)), scanners: links.reduce((n, l) => n + l.scanners, 0) };
}
