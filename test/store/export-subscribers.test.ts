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

describe('exportSubscribers', () => {
  it('quotes fields only when needed (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lee, Ann')).toBe('"Lee, Ann"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('writes the header and every subscriber, in chunks', () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'ann@example.com', name: 'Lee, Ann', topics: ['a', 'b'] }, { via: 'cli', now: new Date('2026-01-02T03:04:05Z') });
    const chunks: string[] = [];
    expect(exportSubscribers(db, (c) => chunks.push(c))).toBe(1);
    expect(chunks.join('')).toBe(
      'email,name,topics,status,joined_at\r\nann@example.com,"Lee, Ann",a;b,active,2026-01-02T03:04:05.000Z\r\n',
    );
  });

  it('imports back into an empty database as it was, people who left included', () => {
    const db = openTempDb();
    addSubscriber(db, { email: 'Ann@Example.com', name: 'Ann "the" Lee', topics: ['x', 'y'] }, { via: 'cli' });
    addSubscriber(db, { email: 'bob@example.com', name: 'Bob' }, { via: 'cli' });
    removeSubscriber(db, 'bob@example.com', { via: 'cli' });
    let csv = '';
    exportSubscribers(db, (c) => (csv += c), { pageSize: 1 });
    const fresh = openTempDb();
    expect(importSubscribers(fresh, csv, { file: 'export.csv' })).toMatchObject({ added: 2, invalid: [] });
    const summary = (d: typeof db) => [...iterateSubscribers(d)].map(({ email, name, topics, status }) => ({ email, name, topics, status }));
    expect(summary(fresh)).toEqual(summary(db));
    expect(summary(fresh)[1]?.status).toBe('unsubscribed');
  });
});
