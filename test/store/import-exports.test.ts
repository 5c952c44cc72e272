// Subscriber lists as other tools export them, imported as they are: the headers and columns below are those
// the tools write (Mailchimp's audience export files, Substack's email_list CSV, Ghost's members export,
// listmonk's subscribers export). Whoever an export says gets no email is never imported as active.
import { describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { getSubscriberByEmail, importSubscribers, iterateSubscribers, sqliteStore } from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';

const MAILCHIMP_HEAD = 'Email Address,First Name,Last Name,Company,Position,ZIP Code,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION';

describe('importing the exports of other tools', () => {
  it('Mailchimp: `Email Address`, `First Name` + `Last Name`; the unsubscribed and cleaned files keep those people inactive', async () => {
    const db = openTempDb();
    const subscribed = `${MAILCHIMP_HEAD},LAST_CHANGED,LEID,EUID,NOTES,TAGS\nann@example.com, Ann , Lee ,Acme,,,2,2024-01-02 10:00:00,,2024-01-02 10:00:00,,,,,,,,,2024-01-02 10:00:00,1,x,,"""Editors"""\nbo@example.com,,Ode,,,,2,,,,,,,,,,,,,2,y,,\n`;
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: subscribed }, { file: 'subscribed_members_export.csv' });
    expect(report).toMatchObject({ readAs: 'Mailchimp', added: 2, invalid: [] });
    expect(getSubscriberByEmail(db, 'ann@example.com')).toMatchObject({ name: 'Ann Lee', status: 'active' });
    expect(getSubscriberByEmail(db, 'bo@example.com')).toMatchObject({ name: 'Ode', status: 'active' });

    const unsubscribed = `${MAILCHIMP_HEAD},UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER,LEID,EUID,NOTES,TAGS\ncy@example.com,Cy,,,,,,2018-02-12 10:54:27,,2018-02-12 10:54:27,,,,,,,,,2018-07-23 12:19:27,,,,,,,,\n`;
    expect(await importSubscribers(sqliteStore(db).subscribers, { text: unsubscribed }, { file: 'unsubscribed_members_export.csv' })).toMatchObject({ readAs: 'Mailchimp', added: 1 });
    expect(getSubscriberByEmail(db, 'cy@example.com')).toMatchObject({ name: 'Cy', status: 'unsubscribed' });

    const cleaned = `${MAILCHIMP_HEAD},CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID,LEID,EUID,NOTES,TAGS\ndee@example.com,Dee,,,,,1,2018-02-05 19:28:23,,2018-02-05 19:28:23,,,,,,,,,2020-03-23 17:30:05,,,,,,Editors\n`;
    await importSubscribers(sqliteStore(db).subscribers, { text: cleaned }, { file: 'cleaned_members_export.csv' });
    expect(getSubscriberByEmail(db, 'dee@example.com')).toMatchObject({ status: 'bounced' });
  });

  it('Substack: `email` with `email_disabled`; a disabled address is imported unsubscribed', async () => {
    const db = openTempDb();
    const csv = 'email,active_subscription,expiry,plan,email_disabled,created_at,first_payment_at\n' +
      'free@example.com,false,,other,false,2025-01-01T00:00:00.000Z,\n' +
      'paid@example.com,true,2026-12-01T00:00:00.000Z,yearly,false,2025-06-01T00:00:00.000Z,2025-06-02T00:00:00.000Z\n' +
      'off@example.com,false,,other,true,2025-03-01T00:00:00.000Z,\n' +
      'odd@example.com,false,,other,maybe,2025-03-01T00:00:00.000Z,\n';
    const report = await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file: 'email_list.mypub.csv' });
    expect(report).toMatchObject({ readAs: 'Substack', added: 3 });
    expect(report.invalid).toEqual([{ line: 5, value: 'odd@example.com', reason: '`email_disabled` is `maybe`, expected true or false' }]);
    expect(getSubscriberByEmail(db, 'paid@example.com')?.status).toBe('active');
    expect(getSubscriberByEmail(db, 'off@example.com')?.status).toBe('unsubscribed');
  });

  it('Ghost: `email`, `name`, `subscribed_to_emails`; a member not subscribed to emails, or deleted, stays inactive', async () => {
    const db = openTempDb();
    const csv = 'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,products\n' +
      '6xyz,gia@example.com,Gia Rossi,,true,false,,2024-02-01T10:00:00.000Z,,"vip,press",\n' +
      '6abc,hal@example.com,Hal,,false,false,,2024-02-01T10:00:00.000Z,,,\n' +
      '6def,ivy@example.com,Ivy,,true,false,,2024-02-01T10:00:00.000Z,2024-05-01T00:00:00.000Z,,\n';
    expect(await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file: 'members.csv' })).toMatchObject({ readAs: 'Ghost', added: 3, invalid: [] });
    expect(getSubscriberByEmail(db, 'gia@example.com')).toMatchObject({ name: 'Gia Rossi', status: 'active', topics: [] });
    expect(getSubscriberByEmail(db, 'hal@example.com')?.status).toBe('unsubscribed');
    expect(getSubscriberByEmail(db, 'ivy@example.com')?.status).toBe('unsubscribed');
  });

  it('listmonk: `email`, `name`, `status` enabled / disabled / blocklisted', async () => {
    const db = openTempDb();
    const csv = 'uuid,email,name,attributes,status,created_at,updated_at\n' +
      '5f4b...,jo@example.com,Jo,"{""city"": ""Bergen""}",enabled,2024-01-01 00:00:00 +0000 UTC,2024-01-01 00:00:00 +0000 UTC\n' +
      '6a1c...,kim@example.com,Kim,{},blocklisted,2024-01-01 00:00:00 +0000 UTC,2024-01-01 00:00:00 +0000 UTC\n' +
      '7b2d...,lu@example.com,Lu,{},disabled,2024-01-01 00:00:00 +0000 UTC,2024-01-01 00:00:00 +0000 UTC\n';
    expect(await importSubscribers(sqliteStore(db).subscribers, { text: csv }, { file: 'subscribers.csv' })).toMatchObject({ readAs: 'listmonk', added: 3, invalid: [] });
    expect([...iterateSubscribers(db, {})].map((s) => [s.email, s.name, s.status])).toEqual([
      ['jo@example.com', 'Jo', 'active'],
      ['kim@example.com', 'Kim', 'unsubscribed'],
      ['lu@example.com', 'Lu', 'unsubscribed'],
    ]);
  });

  it('an export never makes a known address active again, and a file with no email column says which names work', async () => {
    const db = openTempDb();
    await importSubscribers(sqliteStore(db).subscribers, { text: 'email,status\nann@example.com,unsubscribed\n' }, { file: 'a.csv' });
    const again = await importSubscribers(sqliteStore(db).subscribers, { text: `${MAILCHIMP_HEAD}\nann@example.com,Ann,,,,,,,,,,,,,,,,\n` }, { file: 'b.csv' });
    expect(again).toMatchObject({ keptInactive: 1 });
    expect(getSubscriberByEmail(db, 'ann@example.com')?.status).toBe('unsubscribed');

    let error: unknown;
    try {
      await importSubscribers(sqliteStore(db).subscribers, { text: 'Contact,Phone\nx,y\n' }, { file: 'contacts.csv' });
    } catch (e) {
      error = e;
    }
    expect(isRoundupError(error, 'SUBSCRIBER_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^contacts\.csv:1: no email column in the header \(found: `Contact`, `Phone`; accepted: `email`, `Email Address`/);
  });
});
