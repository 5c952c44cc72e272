// The relays' webhooks on `roundup serve`: SES through SNS (signature checked against the signing certificate,
// which tests serve themselves through the injected fetcher, under an SNS-shaped https URL) and Mailgun (HMAC).
// A valid call acts once; forged, unsigned, stale, replayed or foreign calls get 4xx and change nothing.
import { execFileSync } from 'node:child_process';
import { createHmac, createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringToSign, type SnsMessage } from '../../../src/feedback/webhooks/sns-message.js';
import { feedbackQueries, getSubscriber, SqliteLedger, sqliteStore, type Store } from '../../../src/store/index.js';
import { createSubscriberApp } from '../../../src/web/subscriber/index.js';
import { makeWorld, sampleConfig, SECRET, SENT_ISSUE } from './fixture.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:roundup-feedback';
const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';
const MAILGUN_KEY = 'key-mailgun-webhook-test-0123456789';
const NOW = new Date('2026-11-30T10:00:00Z');

let dir: string;
let key: string;
let cert: string;
let otherKey: string;

/** Signs with openssl-made keys: a self-signed certificate stands in for SNS's (the verification code is production's). */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundup-sns-'));
  for (const name of ['sns', 'other']) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=sns.amazonaws.com', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`)], { stdio: 'ignore' });
  }
  key = readFileSync(join(dir, 'sns.key'), 'utf8');
  cert = readFileSync(join(dir, 'sns.pem'), 'utf8');
  otherKey = readFileSync(join(dir, 'other.key'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function signed(m: Omit<SnsMessage, 'Signature' | 'SignatureVersion' | 'SigningCertURL'> & Partial<SnsMessage>, withKey = key): SnsMessage {
  const full = { SignatureVersion: '2', SigningCertURL: CERT_URL, Signature: '', ...m } as SnsMessage;
  full.Signature = createSign('RSA-SHA256').update(stringToSign(full)).sign(withKey, 'base64');
  return full;
}

async function setup() {
  const w = makeWorld();
  const ledger = new SqliteLedger(w.db, () => new Date('2026-11-23T07:00:00Z'));
  await ledger.enqueue(SENT_ISSUE);
  await ledger.apply(SENT_ISSUE, [
    { kind: 'submitting', subscriberId: w.ids.ada, messageId: `2026-W47.${w.ids.ada}.AAAAAAAAAAAA@identitywire.example` },
    { kind: 'submitted', subscriberId: w.ids.ada, reply: '250 OK' },
  ]);
  const fetched: string[] = [];
  const confirmed: string[] = [];
  const config = sampleConfig('https://news.example', (c) => ({ ...c, feedback: { ...c.feedback, webhooks: { ...c.feedback.webhooks, ses: { topicArns: [TOPIC] }, mailgun: true } } }));
  /** A server on the store (another `roundup serve` sharing the database when given a wrapped store). */
  const server = (store: Store = sqliteStore(w.db)) => {
    const app = createSubscriberApp({
      store,
      config,
      secret: SECRET,
      now: () => NOW,
      mailgunKey: MAILGUN_KEY,
      snsFetch: {
        fetchCertificate: async (url) => {
          fetched.push(url);
          return cert;
        },
        confirmSubscription: async (url) => void confirmed.push(url),
      },
    });
    return (path: string, body: unknown) =>
      app(new Request(`https://news.example/webhooks/${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }));
  };
  const post = server();
  const state = () => ({ ada: getSubscriber(w.db, w.ids.ada)!.status, feedback: feedbackQueries(w.db).forSubscriber.all(w.ids.ada).length });
  return { ...w, post, server, fetched, confirmed, state, messageId: `2026-W47.${w.ids.ada}.AAAAAAAAAAAA@identitywire.example` };
}

/** The store with feedback.record replaced: a server whose acting hangs (a process killed mid-call) or fails. */
function withRecord(store: Store, record: Store['feedback']['record']): Store {
  return { ...store, feedback: { ...store.feedback, record } };
}

function sesBounce(messageId: string, over: Partial<SnsMessage> = {}, withKey = key): SnsMessage {
  const message = {
    notificationType: 'Bounce',
    bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'ada@example.com', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
    mail: { source: 'newsletter@identitywire.example', messageId: '0102018c-ses-id', commonHeaders: { messageId: `<${messageId}>` } },
  };
  return signed({ Type: 'Notification', MessageId: 'sns-msg-1', TopicArn: TOPIC, Message: JSON.stringify(message), Timestamp: '2026-11-30T09:59:00.000Z', ...over }, withKey);
}

describe('POST /webhooks/ses (Amazon SNS)', () => {
  it('acts on a signed bounce once; the same call again is refused as a replay', async () => {
    const s = await setup();
    const res = await s.post('ses', sesBounce(s.messageId));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
    expect(feedbackQueries(s.db).forSubscriber.all(s.ids.ada)[0]).toMatchObject({ issue: SENT_ISSUE, kind: 'hard-bounce', via: 'ses' });
    expect(s.fetched).toEqual([CERT_URL]);
    expect((await s.post('ses', sesBounce(s.messageId))).status).toBe(409);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
  });

  it('refuses forged, unsigned, altered, stale and foreign calls, changing nothing', async () => {
    const s = await setup();
    const good = sesBounce(s.messageId);
    const calls: [string, unknown, number][] = [
      ['signed by another key', sesBounce(s.messageId, {}, otherKey), 403],
      ['altered after signing', { ...good, Message: good.Message.replace('Permanent', 'Permanent ') }, 403],
      ['unsigned', { ...good, Signature: '' }, 403],
      ['not SNS at all', '{"hello":"world"}', 400],
      ['not JSON', 'Type=Notification', 400],
      ['a topic we do not listen to', sesBounce(s.messageId, { TopicArn: 'arn:aws:sns:eu-west-1:999999999999:someone-else' }), 403],
      ['certificate over http', sesBounce(s.messageId, { SigningCertURL: CERT_URL.replace('https:', 'http:') }), 403],
      ['certificate elsewhere', sesBounce(s.messageId, { SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem' }), 403],
      ['certificate on a look-alike host', sesBounce(s.messageId, { SigningCertURL: 'https://evil.example/sns.eu-west-1.amazonaws.com.pem' }), 403],
      ['an hour old', sesBounce(s.messageId, { Timestamp: '2026-11-30T09:00:00.000Z', MessageId: 'sns-old' }), 400],
    ];
    for (const [what, body, status] of calls) expect((await s.post('ses', body)).status, what).toBe(status);
    expect(s.fetched.every((u) => u === CERT_URL)).toBe(true); // no other URL was ever fetched
    expect(s.state()).toEqual({ ada: 'active', feedback: 0 });
  });

  it('confirms a signed subscription of an allowed topic, and only through an SNS URL', async () => {
    const s = await setup();
    const subscribe = 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=abc';
    const confirmation = (url: string, id: string) =>
      signed({ Type: 'SubscriptionConfirmation', MessageId: id, TopicArn: TOPIC, Message: 'You have chosen to subscribe', Timestamp: '2026-11-30T09:59:30.000Z', SubscribeURL: url, Token: 'abc' });
    expect((await s.post('ses', confirmation(subscribe, 'c1'))).status).toBe(200);
    expect((await s.post('ses', confirmation('https://evil.example/confirm', 'c2'))).status).toBe(403);
    expect(s.confirmed).toEqual([subscribe]);
  });
});

function mailgunCall(event: Record<string, unknown>, o: { timestamp?: number; token?: string; key?: string } = {}) {
  const timestamp = o.timestamp ?? Math.floor(NOW.getTime() / 1000) - 30;
  const token = o.token ?? 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1';
  const signature = createHmac('sha256', o.key ?? MAILGUN_KEY).update(`${timestamp}${token}`).digest('hex');
  return { signature: { timestamp: String(timestamp), token, signature }, 'event-data': event };
}

function failedEvent(messageId: string) {
  return {
    event: 'failed',
    severity: 'permanent',
    reason: 'bounce',
    recipient: 'ada@example.com',
    'delivery-status': { code: 550, 'enhanced-code': '5.1.1', message: '5.1.1 The email account that you tried to reach does not exist' },
    message: { headers: { 'message-id': messageId } },
  };
}

describe('POST /webhooks/mailgun', () => {
  const call = mailgunCall;
  const failed = failedEvent;

  it('acts on a signed permanent failure once; a replayed token is refused', async () => {
    const s = await setup();
    expect((await s.post('mailgun', call(failed(s.messageId)))).status).toBe(200);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
    expect((await s.post('mailgun', call(failed(s.messageId)))).status).toBe(409);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
  });

  it('refuses forged, unsigned and stale calls', async () => {
    const s = await setup();
    const good = call(failed(s.messageId));
    expect((await s.post('mailgun', call(failed(s.messageId), { key: 'someone-elses-key-0123456789' }))).status).toBe(403);
    expect((await s.post('mailgun', { ...good, signature: { ...good.signature, timestamp: String(Number(good.signature.timestamp) + 1) } })).status).toBe(403);
    expect((await s.post('mailgun', { 'event-data': failed(s.messageId) })).status).toBe(400);
    expect((await s.post('mailgun', call(failed(s.messageId), { timestamp: Math.floor(NOW.getTime() / 1000) - 3600, token: 'f'.repeat(50) }))).status).toBe(400);
    expect(s.state()).toEqual({ ada: 'active', feedback: 0 });
  });

  it('is off (404) without the signing key', async () => {
    const w = makeWorld();
    const config = sampleConfig('https://news.example', (c) => ({ ...c, feedback: { ...c.feedback, webhooks: { ...c.feedback.webhooks, mailgun: true } } }));
    const app = createSubscriberApp({ store: sqliteStore(w.db), config, secret: SECRET, now: () => NOW });
    const res = await app(new Request('https://news.example/webhooks/mailgun', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(404);
    expect((await app(new Request('https://news.example/webhooks/ses', { method: 'POST', body: '{}' }))).status).toBe(404);
    expect((await app(new Request('https://news.example/webhooks/ses'))).status).toBe(405);
  });
});

describe('webhooks on several servers sharing the store', () => {
  it('a server that dies while acting loses nothing: the relay\'s retry, at another server, is acted on', async () => {
    const s = await setup();
    const dying = s.server(withRecord(sqliteStore(s.db), () => new Promise(() => undefined))); // never answers
    void dying('ses', sesBounce(s.messageId));
    await new Promise((r) => setTimeout(r, 20)); // it has checked the call and is acting, forever
    expect(s.state()).toEqual({ ada: 'active', feedback: 0 });
    const retry = await s.post('ses', sesBounce(s.messageId));
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
    expect((await s.post('ses', sesBounce(s.messageId))).status).toBe(409); // acted on now: a replay
  });

  it('a call whose acting failed is acted on when the relay retries it', async () => {
    const s = await setup();
    const failing = s.server(withRecord(sqliteStore(s.db), () => Promise.reject(new Error('database is locked'))));
    const first = await failing('mailgun', mailgunCall(failedEvent(s.messageId)));
    expect(first.status).toBeGreaterThanOrEqual(500); // the relay retries a 5xx
    expect(s.state()).toEqual({ ada: 'active', feedback: 0 });
    expect((await s.post('mailgun', mailgunCall(failedEvent(s.messageId)))).status).toBe(200);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
  });

  it('the same call reaching two servers at once is counted once; a later replay is refused', async () => {
    const s = await setup();
    const other = s.server();
    const answers = await Promise.all([s.post('ses', sesBounce(s.messageId)), other('ses', sesBounce(s.messageId))]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(s.state()).toEqual({ ada: 'bounced', feedback: 1 });
    expect((await other('ses', sesBounce(s.messageId))).status).toBe(409);
  });
});
