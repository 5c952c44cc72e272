import { afterEach, describe, expect, it } from 'vitest';
import { RoundupError } from '../../src/errors.js';
import { startPoller, type Poller } from '../../src/job/feedback-poller.js';

let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('startPoller', () => {
  it('polls at once and then again, never two at a time; a failure is logged and polling goes on', async () => {
    const lines: string[] = [];
    let active = 0;
    let most = 0;
    let n = 0;
    poller = startPoller({
      everyMs: 10,
      log: (l) => lines.push(l),
      poll: async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 15));
        active--;
        n++;
        if (n === 2) throw new RoundupError('FEEDBACK_IMAP', 'mailbox down');
        return n === 1 ? 'feedback: 1 message(s)' : undefined;
      },
    });
    expect(poller.polls()).toBe(1);
    await until(() => n >= 4);
    expect(most).toBe(1);
    expect(lines).toEqual(['feedback: 1 message(s)', 'feedback poll failed [FEEDBACK_IMAP]: mailbox down']);
  });

  it('stop waits for the poll in progress and polls no more', async () => {
    let n = 0;
    let finished = false;
    poller = startPoller({
      everyMs: 5,
      log: () => undefined,
      poll: async () => {
        n++;
        await new Promise((r) => setTimeout(r, 30));
        finished = true;
        return undefined;
      },
    });
    await poller.stop();
    expect(finished).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(n).toBe(1);
  });
});
