import { describe, expect, it } from 'vitest';
import { createMessageBuffers } from '../../src/deliver/message-buffers.js';

describe('createMessageBuffers', () => {
  it('takes exactly the size asked for, and reuses memory only once it is given back', () => {
    const buffers = createMessageBuffers();
    const first = buffers.take(70_000);
    expect(first.length).toBe(70_000);
    const second = buffers.take(70_000);
    expect(second.buffer).not.toBe(first.buffer); // first is still lent
    buffers.giveBack(first);
    const third = buffers.take(60_000);
    expect(third.length).toBe(60_000);
    expect(third.buffer).toBe(first.buffer); // the freed block, warm
  });

  it('ignores a second giveBack, a view of a taken Buffer and Buffers from elsewhere', () => {
    const buffers = createMessageBuffers();
    const taken = buffers.take(1000);
    buffers.giveBack(taken.subarray(0, 10));
    buffers.giveBack(Buffer.alloc(1000));
    expect(buffers.take(1000).buffer).not.toBe(taken.buffer); // not freed by either
    buffers.giveBack(taken);
    buffers.giveBack(taken); // twice: freed once
    const a = buffers.take(1000);
    const b = buffers.take(1000);
    expect(a.buffer).toBe(taken.buffer);
    expect(b.buffer).not.toBe(taken.buffer);
  });

  it('hands a larger message new memory when no free block fits, and keeps at most `keep` free blocks', () => {
    const buffers = createMessageBuffers(2);
    const small = buffers.take(100);
    buffers.giveBack(small);
    const big = buffers.take(200_000);
    expect(big.buffer).not.toBe(small.buffer);
    expect(big.length).toBe(200_000);
    const lent = [buffers.take(100), buffers.take(100), buffers.take(100)];
    for (const b of lent) buffers.giveBack(b);
    const again = [buffers.take(100), buffers.take(100), buffers.take(100)].map((b) => b.buffer);
    expect(again.filter((m) => lent.some((b) => b.buffer === m))).toHaveLength(2);
  });
});
