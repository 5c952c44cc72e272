import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import {
  addSubscriber,
  countSubscribers,
  getSubscriber,
  getSubscriberByEmail,
  removeSubscriber,
  setSubscriberStatus,
} from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';

const now = new Date('2026-11-30T08:00:00Z');
const later = new Date('2026-12-01T09:30:00Z');

describe('subscribers store', () => {
  it('adds a subscriber as given, with when and how they joined', () => {
    const db = openTempDb();
    const { subscriber, created } = addSubscriber(
      db,
      { email: ' Ann.Lee@Example.COM ', name: 'Ann\r\nLee', topics: ['security', ' ', 'Security', 'payments'] },
      { via: 'cli', now },
    );
    expect(created).toBe(true);
    expect(subscriber).toEqual({
      id: subscriber.id,
      email: 'Ann.Lee@Example.COM',
      name: 'Ann Lee',
      topics: ['security', 'payments'],
      status: 'active',
      joinedAt: '2026-11-30T08:00:00.000Z',
      joinedVia: 'cli',
    });
    expect(getSubscriber(db, subscriber.id)).toEqual(subscriber);
  });

  it('refuses a bad address with SUBSCRIBER_INVALID naming the value and the fix', () => {
    const db = openTempDb();
    try {
      addSubscriber(db, { email: 'ann@localhost' }, { via: 'cli' });
      expect.unreachable();
    } catch (error) {
      expect(isRoundupError(error, 'SUBSCRIBER_INVALID')).toBe(true);
      expect((error as Error).message).toContain('ann@localhost');
      expect((error as Error).message).toContain('name@example.com');
    }
    expect(countSubscribers(db).active).toBe(0);
  });

  it('finds an address with the domain in any case, but the local part only exactly', () => {
    const db = openTempDb();
    const { subscriber } = addSubscriber(db, { email: 'A@Example.COM' }, { via: 'cli' });
    expect(getSubscriberByEmail(db, 'A@example.com')?.id).toBe(subscriber.id);
    expect(getSubscriberByEmail(db, 'A@EXAMPLE.com')?.id).toBe(subscriber.id);
    expect(getSubscriberByEmail(db, 'a@example.com')).toBeUndefined();
  });

  it('merges a second add of the same address: name replaced when given, topics united', () => {
    const db = openTempDb();
    const first = addSubscriber(db, { email: 'A@Example.COM', name: 'Ann', topics: ['a'] }, { via: 'cli' });
    const second = addSubscriber(db, { email: 'A@example.com', topics: ['b', 'A'] }, { via: 'signup' });
    expect(second.created).toBe(false);
    expect(second.subscriber).toMatchObject({ id: first.subscriber.id, email: 'A@Example.COM', name: 'Ann', topics: ['a', 'b'] });
    const third = addSubscriber(db, { email: 'A@example.com', name: 'Annie' }, { via: 'cli' });
    expect(third.subscriber.name).toBe('Annie');
    // a different local part is a different subscriber
    expect(addSubscriber(db, { email: 'a@example.com' }, { via: 'cli' }).created).toBe(true);
    expect(countSubscribers(db).active).toBe(2);
  });

  it('unsubscribes idempotently, recording when and how, and does not re-add without resubscribe', () => {
    const db = openTempDb();
    const { subscriber } = addSubscriber(db, { email: 'ann@example.com' }, { via: 'cli', now });
    const removed = removeSubscriber(db, 'ann@EXAMPLE.com', { via: 'one-click', now: later });
    expect(removed?.changed).toBe(true);
    expect(removed?.subscriber).toMatchObject({
      status: 'unsubscribed',
      leftAt: '2026-12-01T09:30:00.000Z',
      leftVia: 'one-click',
    });
    const again = removeSubscriber(db, subscriber.id, { via: 'cli' });
    expect(again?.changed).toBe(false);
    expect(again?.subscriber.leftVia).toBe('one-click');
    expect(removeSubscriber(db, 'nobody@example.com', { via: 'cli' })).toBeUndefined();

    expect(() => addSubscriber(db, { email: 'ann@example.com' }, { via: 'cli' })).toThrow(/unsubscribed/);
    expect(getSubscriber(db, subscriber.id)?.status).toBe('unsubscribed');
    const back = addSubscriber(db, { email: 'ann@example.com' }, { via: 'signup', resubscribe: true });
    expect(back.subscriber.status).toBe('active');
    expect(back.subscriber.leftAt).toBeUndefined();
  });

  it('does not turn a bounced or complained subscriber into unsubscribed', () => {
    const db = openTempDb();
    const { subscriber } = addSubscriber(db, { email: 'ann@example.com' }, { via: 'cli' });
    setSubscriberStatus(db, subscriber.id, 'complained', { via: 'fbl', now });
    const result = removeSubscriber(db, subscriber.id, { via: 'cli' });
    expect(result?.changed).toBe(false);
    expect(result?.subscriber.status).toBe('complained');
  });

  it('sets any status, recording leaving and clearing it on return; counts by status', () => {
    const db = openTempDb();
    const ids = ['a', 'b', 'c', 'd'].map(
      (l) => addSubscriber(db, { email: `${l}@example.com` }, { via: 'import' }).subscriber.id,
    );
    expect(setSubscriberStatus(db, ids[0]!, 'bounced', { via: 'bounce', now })).toMatchObject({
      status: 'bounced',
      leftVia: 'bounce',
    });
    setSubscriberStatus(db, ids[1]!, 'paused', { via: 'cli' });
    const back = setSubscriberStatus(db, ids[0]!, 'active', { via: 'cli' });
    expect(back?.status).toBe('active');
    expect(back?.leftAt).toBeUndefined();
    setSubscriberStatus(db, ids[2]!, 'unconfirmed', { via: 'cli' });
    expect(countSubscribers(db)).toEqual({
      active: 2,
      unsubscribed: 0,
      bounced: 0,
      complained: 0,
      unconfirmed: 1,
      paused: 1,
    });
    expect(setSubscriberStatus(db, 999, 'active', { via: 'cli' })).toBeUndefined();
    expect(() => setSubscriberStatus(db, ids[0]!, 'gone' as never, { via: 'cli' })).toThrow(/gone/);
  });
});
