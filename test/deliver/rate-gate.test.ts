import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../src/deliver/rate-gate.js';

describe('createRateGate', () => {
  it('lets `limit` messages start per window and says how long the next one waits', () => {
    const gate = createRateGate(3, 1000);
    expect([gate.take(10_000), gate.take(10_100), gate.take(10_200)]).toEqual([0, 0, 0]);
    expect(gate.take(10_400)).toBe(600);
    expect(gate.take(10_999)).toBe(1);
    expect(gate.take(11_000)).toBe(0); // a new window
    expect([gate.take(11_001), gate.take(11_002)]).toEqual([0, 0]);
    expect(gate.take(11_003)).toBe(997);
  });

  it('a window opens with its first message, not on a fixed clock', () => {
    const gate = createRateGate(1, 1000);
    expect(gate.take(5_000)).toBe(0);
    expect(gate.take(7_500)).toBe(0);
    expect(gate.take(8_000)).toBe(500);
  });

  it('limit 0 never waits', () => {
    const gate = createRateGate(0);
    for (let i = 0; i < 10_000; i++) expect(gate.take(1)).toBe(0);
  });
});
