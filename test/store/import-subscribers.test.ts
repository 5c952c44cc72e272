import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { cleanName } from '../../src/store/subscriber-fields.js';
import {
  addSubscriber,
  countSubscribers,
  getSubscriberByEmail,
  importSubscribers,
  removeSubscriber,
  setSubscriberStatus,
} from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

const file = 'subscribers.csv';

describe('importSubscribers', () => {
  it('reads the columns in any order and case, ignores extra columns, splits topics on ; and |', async () => {
    const db = openTempDb();
    const csv = '\uFEFFTopics,Source,NAME,Email\r\nsecurity;payments,web,Ann Lee,ann@example.com\r\nid|ID,crm,,bob@example.org\r\n';
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file });
    expect(report).toEqual({ readAs: 'Roundup', added: 2, updated: 0, unchanged: 0, keptInactive: 0, invalid: [], invalidCount: 0 });
    expect(getSubscriberByEmail(db, 'ann@example.com')).toMatchObject({
      name: 'Ann Lee',
      topics: ['security', 'payments'],
      status: 'active',
      joinedVia: 'import',
    });
    expect(getSubscriberByEmail(db, 'bob@example.org')).toMatchObject({ name: '', topics: ['id'] });
  });

  it('reports bad rows with the line they start on, counting a quoted multi-line field before them', async () => {
    const db = openTempDb();
    const csv = [
      'email,name,topics', // 1
      'ann@example.com,"Ann', // 2  (a name over three lines)
      'of the',
      'Lakes",news',
      '', // 5  (empty line)
      'not-an-address,Bob,', // 6
      'cy@example.com,Cy,', // 7
      '"multi', // 8 (a bad address over two lines)
      'line@example.com",Dee,',
      'eve@localhost,Eve,', // 10
    ].join('\n');
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file });
    expect(report.added).toBe(2);
    expect(report.invalid.map((p) => [p.line, p.value])).toEqual([
      [6, 'not-an-address'],
      [8, 'multi\nline@example.com'],
      [10, 'eve@localhost'],
    ]);
    expect(report.invalid[0]!.reason).toContain('no @');
    expect(getSubscriberByEmail(db, 'ann@example.com')?.name).toBe('Ann of the Lakes');
  });

  it('reports the same start lines for a CRLF file (and old-Mac CR-only lines)', async () => {
    const lines = [
      'email,name,topics', // 1
      'ann@example.com,"Ann', // 2
      'of the',
      'Lakes",news',
      '', // 5
      'not-an-address,Bob,', // 6
      '"multi', // 7
      'line@example.com",Dee,',
      'eve@localhost,Eve,', // 9
    ];
    for (const eol of ['\r\n', '\r']) {
      const report = await importSubscribers(sqliteStore(openTempDb()).subscribers, { text: lines.join(eol) }, { file });
      expect(report.invalid.map((p) => p.line), JSON.stringify(eol)).toEqual([6, 7, 9]);
    }
  });

  it('never stores half a character when it cuts a long name', async () => {
    const db = openTempDb();
    const name = `${'a'.repeat(199)}😀😀`;
    await importSubscribers(sqliteStore(db).subscribers, { text: `email,name\nann@example.com,${name}\n` }, { file });
    const stored = getSubscriberByEmail(db, 'ann@example.com')!.name;
    expect(stored).toBe(`${'a'.repeat(199)}😀`);
    expect(stored).not.toContain('\uFFFD');
    // A lone surrogate (from a form or the CLI; a CSV file cannot hold one) is dropped, not stored as U+FFFD.
    expect(cleanName('x\ud800y')).toBe('xy');
  });

  it('refuses a file without an email column, naming the file and the header found', async () => {
    const db = openTempDb();
    for (const [csv, found] of [
      ['address,name\nann@example.com,Ann\n', '`address`, `name`'],
      ['', 'an empty file'],
    ] as const) {
      try {
        await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file: 'people.csv' });
        expect.unreachable();
      } catch (error) {
        expect(isRoundupError(error, 'SUBSCRIBER_INVALID')).toBe(true);
        expect((error as Error).message).toContain('people.csv');
        expect((error as Error).message).toContain(found);
      }
    }
    expect(countSubscribers(db).active).toBe(0);
  });

  it('refuses a CSV it cannot parse (an unclosed quote), importing nothing', async () => {
    const db = openTempDb();
    await expect(
      importSubscribers(sqliteStore(db).subscribers, { text: 'email,name\nann@example.com,Ann\nbob@example.com,"Bob\n' }, { file: 'broken.csv' }, ),
    ).rejects.toThrow(/broken\.csv:3/);
    expect(countSubscribers(db).active).toBe(0);
  });

  it('merges duplicates within the file and against the database (domain case-insensitive)', async () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'Ann@Example.com', name: '', topics: ['security'] }, { via: 'cli' });
    addSubscriber(db, { email: 'same@example.com', name: 'Same', topics: ['x'] }, { via: 'cli' });
    const csv = [
      'email,name,topics',
      'Ann@EXAMPLE.COM,Ann Lee,payments',
      'new@example.com,,a',
      'NEW@example.com,New Person,b;a',
      'new@EXAMPLE.com,,c',
      'same@example.com,Same,x',
      'same@example.com,,',
    ].join('\n');
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file });
    expect(report).toEqual({ readAs: 'Roundup', added: 2, updated: 2, unchanged: 2, keptInactive: 0, invalid: [], invalidCount: 0 });
    expect(getSubscriberByEmail(db, 'Ann@example.com')).toMatchObject({
      email: 'Ann@Example.com',
      name: 'Ann Lee',
      topics: ['security', 'payments'],
    });
    // local parts differ in case: two subscribers, as RFC 5321 has it
    expect(getSubscriberByEmail(db, 'new@example.com')).toMatchObject({ name: '', topics: ['a', 'c'] });
    expect(getSubscriberByEmail(db, 'NEW@example.com')).toMatchObject({ name: 'New Person', topics: ['b', 'a'] });
  });

  it('never makes an unsubscribed, bounced or complained address active again', async () => {
    const db = openTempDb();
    const ids = ['u', 'b', 'c', 'p'].map(
      (l) => addSubscriber(db, { email: `${l}@example.com`, name: l }, { via: 'cli' }).subscriber.id,
    );
    removeSubscriber(db, ids[0]!, { via: 'one-click' });
    setSubscriberStatus(db, ids[1]!, 'bounced', { via: 'bounce' });
    setSubscriberStatus(db, ids[2]!, 'complained', { via: 'fbl' });
    setSubscriberStatus(db, ids[3]!, 'paused', { via: 'cli' });
    const csv = 'email,name,status\nu@example.com,U2,active\nb@EXAMPLE.com,,\nc@example.com,C2,\np@example.com,P2,active\n';
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file });
    expect(report.keptInactive).toBe(3);
    expect(report.updated).toBe(1);
    expect(getSubscriberByEmail(db, 'u@example.com')).toMatchObject({ status: 'unsubscribed', name: 'u' });
    expect(getSubscriberByEmail(db, 'b@example.com')?.status).toBe('bounced');
    expect(getSubscriberByEmail(db, 'c@example.com')?.status).toBe('complained');
    // an import changes no status, paused included; it merges the profile
    expect(getSubscriberByEmail(db, 'p@example.com')).toMatchObject({ status: 'paused', name: 'P2' });
  });

  it('keeps the status column for new addresses, so an export imports back without reactivating anyone', async () => {
    const db = openTempDb();
    const csv = 'email,name,topics,status,joined_at\nleft@example.com,L,,unsubscribed,2026-01-01\nok@example.com,O,,,x\nodd@example.com,,,sleeping,\n';
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file });
    expect(report.added).toBe(2);
    expect(report.invalid).toEqual([
      { line: 4, value: 'odd@example.com', reason: expect.stringContaining('unknown status `sleeping`') },
    ]);
    expect(getSubscriberByEmail(db, 'left@example.com')?.status).toBe('unsubscribed');
    expect(getSubscriberByEmail(db, 'ok@example.com')?.status).toBe('active');
  });

  it('merges in batches: an error part-way keeps the batches before it, and importing again finishes the file', async () => {
    const db = openTempDb();
    db.exec(`CREATE TRIGGER no_zed BEFORE INSERT ON subscribers WHEN NEW.email LIKE 'zed@%'
             BEGIN SELECT RAISE(ABORT, 'zed refused'); END`);
    const csv = 'email\nann@example.com\nbob@example.com\ncy@example.com\nzed@example.com\n';
    const store = sqliteStore(db);
    await expect(importSubscribers(store.subscribers, { text: csv }, { file, batchSize: 2 })).rejects.toThrow(/zed refused/);
    // ann and bob's batch was merged; cy and zed's was not (all or nothing per batch)
    expect(countSubscribers(db).active).toBe(2);
    db.exec('DROP TRIGGER no_zed');
    const again = await importSubscribers(store.subscribers, { text: csv }, { file, batchSize: 2 });
    expect(again).toMatchObject({ added: 2, unchanged: 2 });
    expect(countSubscribers(db).active).toBe(4);
  });
});
