// The ledger writer commits one event-loop turn's writes in one transaction on the real SQLite ledger.
import { afterEach, describe, expect, it } from 'vitest';
import { createLedgerWriter } from '../../src/deliver/ledger-writer.js';
import { makeFixture, type Fixture } from './helpers/fixture.js';

const ISSUE = '2026-W48';
let fixture: Fixture | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

describe('createLedgerWriter', () => {
  it('commits the writes queued in one turn together, and each resolves once committed', async () => {
    fixture = makeFixture(4);
    const { ledger } = fixture;
    ledger.enqueue(ISSUE);
    let batches = 0;
    const writer = createLedgerWriter({ batch: (w) => (batches++, ledger.batch(w)) });
    const ids = [...fixture.ids.values()];
    const first = Promise.all(ids.map((id) => writer.write(() => ledger.markSubmitting(ISSUE, id, `m${id}@identitywire.example`))));
    expect(ledger.get(ISSUE, ids[0]!)!.state).toBe('pending'); // not yet: committed at the end of the turn
    await first;
    expect(batches).toBe(1);
    expect(ids.map((id) => ledger.get(ISSUE, id)!.state)).toEqual(['submitting', 'submitting', 'submitting', 'submitting']);
    await writer.write(() => ledger.markSubmitted(ISSUE, ids[0]!, '250 OK'));
    expect(batches).toBe(2);
    expect(ledger.get(ISSUE, ids[0]!)).toMatchObject({ state: 'submitted', lastReply: '250 OK' });
  });

  it('a failing write rolls back its whole turn and rejects every write in it', async () => {
    fixture = makeFixture(2);
    const { ledger } = fixture;
    ledger.enqueue(ISSUE);
    const [a, b] = [...fixture.ids.values()];
    const writer = createLedgerWriter(ledger);
    const ok = writer.write(() => ledger.markSubmitting(ISSUE, a!, 'ma@identitywire.example'));
    const bad = writer.write(() => {
      ledger.markSubmitting(ISSUE, b!, 'mb@identitywire.example');
      throw new Error('disk full');
    });
    await expect(ok).rejects.toThrow('disk full');
    await expect(bad).rejects.toThrow('disk full');
    expect([ledger.get(ISSUE, a!)!.state, ledger.get(ISSUE, b!)!.state]).toEqual(['pending', 'pending']);
  });

  it('a ledger without batch commits each write at once', async () => {
    fixture = makeFixture(1);
    const { ledger } = fixture;
    ledger.enqueue(ISSUE);
    const id = [...fixture.ids.values()][0]!;
    const writer = createLedgerWriter({});
    const done = writer.write(() => ledger.markSubmitting(ISSUE, id, 'm@identitywire.example'));
    expect(ledger.get(ISSUE, id)!.state).toBe('submitting');
    await done;
  });
});
