import { describe, expect, it } from 'vitest';
import { formatReport, reportCsv } from '../../src/report/format-report.js';
import { issueReport } from '../../src/report/issue-report.js';
import { clicksChart } from '../../src/report/report-chart.js';
import { reportWarnings } from '../../src/report/report-warnings.js';
import { addSubscriber, markIssue, noteUnsubscribe, recordClick, recordFeedback, saveSnapshot, SqliteLedger, sqliteStore } from '../../src/store/index.js';
import type { IssueLink } from '../../src/types.js';
import { testSnapshot } from '../snapshot/test-snapshot.js';
import { openTempDb } from '../store/temp-db.js';

const ISSUE = '2026-W48';
const now = new Date('2026-11-30T09:00:00Z');

async function world() {
  const db = openTempDb();
  const digest = testSnapshot(ISSUE).digest;
  const mostRead = digest.sections.find((s) => s.kind === 'most-read')!;
  const papers = digest.sections.find((s) => s.kind === 'whitepapers')!;
  const links: IssueLink[] = [
    { id: 'header', url: 'https://www.identitywire.example/', kind: 'header', section: 'header' },
    ...mostRead.stories.slice(0, 2).map((s, i): IssueLink => ({ id: `${mostRead.id}:${i + 1}`, url: `${s.url}?utm_content=${mostRead.id}`, kind: 'story', section: mostRead.id, story: s.url })),
    { id: 'featured-company', url: 'https://veridex.example/', kind: 'company', section: 'featured-company' },
    { id: `${papers.id}:1`, url: papers.stories[0]!.url, kind: 'story', section: papers.id, story: papers.stories[0]!.url },
  ];
  saveSnapshot(db, testSnapshot(ISSUE, { links }), { by: 'send', now });
  markIssue(db, ISSUE, 'sent', { now });
  const ledger = new SqliteLedger(db, () => now);
  const ids = Array.from({ length: 400 }, (_, i) => addSubscriber(db, { email: `r${i}@example.com` }, { via: 'test', now }).subscriber.id);
  await ledger.enqueue(ISSUE);
  await ledger.apply(
    ISSUE,
    ids.flatMap((id, i) => [
      { kind: 'submitting' as const, subscriberId: id, messageId: `m${id}@x` },
      i === 0 ? { kind: 'failed' as const, subscriberId: id, reply: '550 5.1.1 unknown', bounced: true } : { kind: 'submitted' as const, subscriberId: id, reply: '250 OK' },
    ]),
  );
  const rule = { count: 3, issues: 5 };
  recordFeedback(db, { issue: ISSUE, subscriberId: ids[1]!, kind: 'hard-bounce', via: 'dsn', now }, rule);
  recordFeedback(db, { issue: ISSUE, subscriberId: ids[2]!, kind: 'soft-bounce', via: 'dsn', now }, rule);
  recordFeedback(db, { issue: ISSUE, subscriberId: ids[3]!, kind: 'complaint', via: 'arf', now }, rule);
  recordFeedback(db, { issue: ISSUE, subscriberId: ids[4]!, kind: 'unsubscribe', via: 'mailto', now }, rule);
  noteUnsubscribe(db, { issue: ISSUE, subscriberId: ids[5]!, via: 'one-click', now });
  for (const [link, times] of [[1, 5], [2, 2], [3, 4], [4, 1]] as const) for (let i = 0; i < times; i++) recordClick(db, { issue: ISSUE, link, now });
  recordClick(db, { issue: ISSUE, link: 1, scanner: 'agent', now });
  return { store: sqliteStore(db), mostRead, papers };
}

describe('issueReport', () => {
  it('counts what came back: submitted, bounces, complaints, unsubscribes by way, clicks by section, story and slot', async () => {
    const { store, mostRead, papers } = await world();
    const r = (await issueReport(store, ISSUE))!;
    expect(r.submitted).toBe(399);
    expect(r.bounced).toEqual({ atSend: 1, hard: 1, soft: 1 });
    expect(r.complained).toBe(1);
    expect(r.unsubscribed).toEqual({ total: 2, byWay: { mailto: 1, 'one-click': 1 } });
    expect(r.rates.bounce).toBeCloseTo(2 / 400);
    expect(r.rates.complaint).toBeCloseTo(1 / 399);
    expect(r.clicks).toMatchObject({ total: 12, scanners: 1 });
    expect(r.sections.find((s) => s.id === mostRead.id)).toMatchObject({ clicks: 7, scanners: 1 });
    expect(r.links[1]).toMatchObject({ id: `${mostRead.id}:1`, slot: 1, title: mostRead.stories[0]!.title, clicks: 5, scanners: 1 });
    expect(r.featuredCompany).toMatchObject({ clicks: 4 });
    expect(r.whitepapers).toMatchObject({ clicks: 1 });
    expect(r.sections.find((s) => s.id === papers.id)?.clicks).toBe(1);
    expect(r.warnings).toEqual([expect.stringMatching(/0\.1% line/)]);
    expect(formatReport(r)).toMatch(/complained\s+1\s+rate 0\.25%/);
    expect(clicksChart(r)).toMatch(/^<svg[^>]+role="img"/);
    expect(clicksChart(r).match(/<rect/g)!.length).toBeGreaterThanOrEqual(r.sections.filter((s) => s.clicks > 0).length);
  });

  it('writes one CSV row per link, the Featured Company slot among them', async () => {
    const { store } = await world();
    const csv = reportCsv((await issueReport(store, ISSUE))!);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('issue,section,section_title,slot,link,kind,title,url,clicks,people,scanner_clicks');
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes('featured-company'))).toMatch(/,company,.*,4,0,0$/);
  });

  it('warns past Gmail\'s 0.1% and 0.3% complaint lines and past 2% bounces', async () => {
    const at = (complaint: number, bounce = 0) => reportWarnings({ issue: ISSUE, submitted: 10_000, rates: { complaint, bounce } });
    expect(at(0.0009)).toEqual([]);
    expect(at(0.001)).toEqual([expect.stringMatching(/past Gmail's 0\.1% line/)]);
    expect(at(0.003)).toEqual([expect.stringMatching(/past Gmail's 0\.3% line/)]);
    expect(at(0, 0.025)).toEqual([expect.stringMatching(/bounce rate 2\.50% is past 2%/)]);
  });

  it('has nothing for an issue that was not frozen', async () => {
    expect(await issueReport(sqliteStore(openTempDb()), '2026-W01')).toBeUndefined();
  });
});
