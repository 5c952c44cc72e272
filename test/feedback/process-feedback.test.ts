import { describe, expect, it } from 'vitest';
import { processFeedback } from '../../src/feedback/process-feedback.js';
import { feedbackQueries, getSubscriber } from '../../src/store/index.js';
import { signCompact } from '../../src/tokens/compact-token.js';
import { feedbackWorld, fixture, SECRET, withoutVerp, type World } from './fixtures.js';

const status = (w: World, id: number) => getSubscriber(w.db, id)!.status;
const rows = (w: World, id: number) => feedbackQueries(w.db).forSubscriber.all(id);

describe('processFeedback', () => {
  it('a hard bounce marks the subscriber bounced; the same DSN twice changes nothing more', async () => {
    const w = await feedbackWorld();
    const m = w.sent('2026-W48', 1);
    const dsn = fixture('postfix-dsn-hard.eml', m);
    expect(await processFeedback(dsn, w.ctx)).toMatchObject({ outcome: 'acted', kind: 'bounce', issue: '2026-W48', subscriberId: m.subscriberId, status: 'bounced' });
    const after = { subscriber: getSubscriber(w.db, m.subscriberId), feedback: rows(w, m.subscriberId) };
    expect(after.subscriber).toMatchObject({ status: 'bounced', leftVia: 'bounce' });
    expect(await processFeedback(dsn, w.ctx)).toMatchObject({ outcome: 'duplicate' });
    expect({ subscriber: getSubscriber(w.db, m.subscriberId), feedback: rows(w, m.subscriberId) }).toEqual(after);
    // the others are untouched
    expect(status(w, w.ids[1]!)).toBe('active');
  });

  it.each(['exim-text-hard.eml', 'exchange-ndr.eml', 'gmail-hard.eml'])('%s: a hard bounce by the VERP address, and by the Message-ID alone', async (name) => {
    const w = await feedbackWorld();
    expect(await processFeedback(fixture(name, w.sent('2026-W48', 1)), w.ctx)).toMatchObject({ outcome: 'acted', status: 'bounced' });
    const other = w.sent('2026-W47', 2);
    expect(await processFeedback(withoutVerp(fixture(name, other), other), w.ctx)).toMatchObject({ outcome: 'acted', issue: '2026-W47', subscriberId: other.subscriberId, status: 'bounced' });
  });

  it('counts soft bounces per issue and marks bounced at N within the last M issues', async () => {
    const w = await feedbackWorld(['2026-W46', '2026-W47', '2026-W48'], { softBounces: { count: 2, issues: 2 } });
    const id = w.ids[0]!;
    expect(await processFeedback(fixture('postfix-dsn-soft.eml', w.sent('2026-W46', 1)), w.ctx)).toMatchObject({ outcome: 'acted', status: undefined });
    // W46 is outside the last 2 issues: one soft bounce in W48 is still one
    expect(await processFeedback(fixture('postfix-dsn-soft.eml', w.sent('2026-W48', 1)), w.ctx)).toMatchObject({ outcome: 'acted', status: undefined });
    // the same issue twice is one
    expect(await processFeedback(fixture('postfix-dsn-soft.eml', w.sent('2026-W48', 1)), w.ctx)).toMatchObject({ outcome: 'duplicate' });
    expect(status(w, id)).toBe('active');
    expect(await processFeedback(fixture('postfix-dsn-soft.eml', w.sent('2026-W47', 1)), w.ctx)).toMatchObject({ outcome: 'acted', status: 'bounced' });
    expect(getSubscriber(w.db, id)).toMatchObject({ status: 'bounced', leftVia: 'soft-bounces' });
  });

  it('ignores delay warnings and automatic replies; a complaint marks complained, even after an unsubscribe', async () => {
    const w = await feedbackWorld();
    const m = w.sent('2026-W48', 2);
    for (const name of ['postfix-delayed.eml', 'exim-text-delay.eml', 'gmail-delay.eml']) {
      expect((await processFeedback(fixture(name, m), w.ctx)).outcome).toBe('ignored');
    }
    expect((await processFeedback(fixture('auto-reply.eml', m), w.ctx)).outcome).toBe('unmatched');
    expect(await processFeedback(fixture('mailto-unsubscribe.eml', m), w.ctx)).toMatchObject({ outcome: 'acted', status: 'unsubscribed' });
    expect(getSubscriber(w.db, m.subscriberId)).toMatchObject({ status: 'unsubscribed', leftVia: 'mailto' });
    expect(await processFeedback(fixture('arf-yahoo.eml', m), w.ctx)).toMatchObject({ outcome: 'acted', kind: 'complaint', status: 'complained' });
    // a redacted report (no recipient, no Message-ID) is matched by the mailto token in the returned headers
    const other = w.sent('2026-W47', 3);
    expect(await processFeedback(fixture('arf-outlook-redacted.eml', other), w.ctx)).toMatchObject({ outcome: 'acted', issue: '2026-W47', status: 'complained' });
  });

  it('a mail to the unsubscribe address acts on its token, never on From; a legacy subject token works too', async () => {
    const w = await feedbackWorld();
    const bo = w.sent('2026-W48', 2);
    const ann = w.sent('2026-W48', 1);
    // From says Ann, the token is Bo's: Bo leaves (the token is the capability), Ann stays
    const forged = fixture('mailto-unsubscribe.eml', { ...bo, email: ann.email });
    expect(await processFeedback(forged, w.ctx)).toMatchObject({ outcome: 'acted', subscriberId: bo.subscriberId });
    expect(status(w, ann.subscriberId)).toBe('active');
    // Ann's token with its subscriber swapped for Cy's no longer verifies
    const cy = w.sent('2026-W48', 3);
    const stolen = cy.mailto.replace(/unsubscribe\+([a-z2-7]+)@/, (_, t: string) => `unsubscribe+${t.slice(0, 5)}${t[5] === 'a' ? 'b' : 'a'}${t.slice(6)}@`);
    expect(await processFeedback(fixture('mailto-unsubscribe.eml', { ...cy, mailto: stolen }), w.ctx)).toMatchObject({ outcome: 'unmatched' });
    // From alone, without a token, matches nobody
    expect(await processFeedback(fixture('mailto-unsubscribe.eml', { ...cy, mailto: 'unsubscribe@identitywire.example' }), w.ctx)).toMatchObject({ outcome: 'unmatched' });
    expect(status(w, cy.subscriberId)).toBe('active');
    expect(await processFeedback(fixture('mailto-legacy-subject.eml', cy), w.ctx)).toMatchObject({ outcome: 'acted', status: 'unsubscribed' });
  });

  it('believes nothing when the hints disagree, and nothing that was not sent', async () => {
    const w = await feedbackWorld();
    const ann48 = w.sent('2026-W48', 1);
    const bo47 = w.sent('2026-W47', 2);
    // Ann's VERP address, but naming the Message-ID of Bo's W47 message
    const mixed = fixture('postfix-dsn-hard.eml', { ...ann48, messageId: bo47.messageId });
    expect(await processFeedback(mixed, w.ctx)).toMatchObject({ outcome: 'unmatched' });
    expect((await processFeedback(mixed, w.ctx)).reason).toMatch(/different messages/);
    expect([status(w, ann48.subscriberId), status(w, bo47.subscriberId)]).toEqual(['active', 'active']);
    // a Message-ID nobody recorded, no token: nothing (the address in the bounce is never used)
    const unknown = withoutVerp(fixture('postfix-dsn-hard.eml', { ...ann48, messageId: '2026-W48.1.guessedguess@identitywire.example' }), ann48);
    expect(await processFeedback(unknown, w.ctx)).toMatchObject({ outcome: 'unmatched' });
    // a valid token for an issue that was never sent to them
    const never = { ...ann48, returnPath: `bounces+${signCompact({ purpose: 'return-path', issue: '2026-W49', subscriber: ann48.subscriberId }, SECRET)}@identitywire.example` };
    expect(await processFeedback(withoutVerp(fixture('postfix-dsn-hard.eml', { ...never, messageId: 'x@y' }), ann48), w.ctx)).toMatchObject({ outcome: 'unmatched' });
    expect((await processFeedback(fixture('postfix-dsn-hard.eml', { ...never, messageId: 'x@y' }), w.ctx)).reason).toMatch(/was not sent/);
    // a token signed with another secret
    const foreign = { ...ann48, returnPath: `bounces+${signCompact({ purpose: 'return-path', issue: '2026-W48', subscriber: ann48.subscriberId }, 'another-secret-0123456789')}@identitywire.example` };
    expect(await processFeedback(fixture('postfix-dsn-hard.eml', { ...foreign, messageId: 'x@y' }), w.ctx)).toMatchObject({ outcome: 'unmatched' });
    expect(status(w, ann48.subscriberId)).toBe('active');
  });

  it('does not read a message past feedback.maxMessageBytes', async () => {
    const w = await feedbackWorld(undefined, { maxMessageBytes: 10_000 });
    const huge = Buffer.concat([fixture('postfix-dsn-hard.eml', w.sent('2026-W48', 1)), Buffer.alloc(20_000, 'x')]);
    expect(await processFeedback(huge, w.ctx)).toMatchObject({ outcome: 'unmatched', reason: expect.stringMatching(/maxMessageBytes/) });
    expect(status(w, w.ids[0]!)).toBe('active');
  });
});
