// The ledger writer commits one event-loop turn's writes in one transaction on the real SQLite ledger.
import { afterEach, describe, expect, it } from 'vitest';
import { createLedgerWriter } from '../../src/deliver/ledger-writer.js';
import type { LedgerOp } from '../../src/deliver/ledger.js';
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
    await ledger.enqueue(ISSUE);
    const applied: number[] = [];
    const writer = createLedgerWriter({ apply: (issue, ops) => (applied.push(ops.length), ledger.apply(issue, ops)) }, ISSUE);
    const ids = [...fixture.ids.values()];
    const first = Promise.all(ids.map((id) => writer.write({ kind: 'submitting', subscriberId: id, messageId: `m${id}@identitywire.example` })));
    expect(ledger.get(ISSUE, ids[0]!)!.state).toBe('pending'); // not yet: committed at the end of the turn
    await first;
    expect(applied).toEqual([4]);
    expect(ids.map((id) => ledger.get(ISSUE, id)!.state)).toEqual(['submitting', 'submitting', 'submitting', 'submitting']);
    await writer.write({ kind: 'submitted', subscriberId: ids[0]!, reply: '250 OK' });
    expect(applied).toEqual([4, 1]);
    expect(ledger.get(ISSUE, ids[0]!)).toMatchObject({ state: 'submitted', lastReply: '250 OK' });
  });

  it('a failing commit rolls back its whole turn and rejects every write in it', async () => {
    fixture = makeFixture(2);
    const { ledger } = fixture;
    await ledger.enqueue(ISSUE);
    const [a, b] = [...fixture.ids.values()];
    const writer = createLedgerWriter(
      {
        apply: async (issue, ops: readonly LedgerOp[]) => {
          fixture!.db.transaction(() => {
            void ledger.apply(issue, ops);
            throw new Error('disk full');
          })();
        },
      },
      ISSUE,
    );
    const ok = writer.write({ kind: 'submitting', subscriberId: a!, messageId: 'ma@identitywire.example' });
    const bad = writer.write({ kind: 'submitting', subscriberId: b!, messageId: 'mb@identitywire.example' });
    await expect(ok).rejects.toThrow('disk full');
    await expect(bad).rejects.toThrow('disk full');
    expect([ledger.get(ISSUE, a!)!.state, ledger.get(ISSUE, b!)!.state]).toEqual(['pending', 'pending']);
  });
});
