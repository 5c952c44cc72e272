// Numbers instead of strings for what the access-log counter remembers. A visitor is a client address plus a
// user agent; the counter keeps, per page, which (visitor, day) pairs read it, and a bot verdict per user
// agent. Hashing the characters where they sit in the line needs no substring per line, and a 53-bit number
// in a Set costs far less than the strings. Two visitors of one page colliding is about n^2 / 2^54: around
// one in two million for 100,000 visitors of a single page in a week.

const M1 = 2654435761;
const M2 = 1597334677;

/** 53-bit hash of `s[start, end)`, seeded (cyrb53-style mixing in two 32-bit multiplicative lanes). */
export function hashRange(s: string, start: number, end: number, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, M1);
    h2 = Math.imul(h2 ^ c, M2);
  }
  return finish(h1, h2);
}

/**
 * 53-bit hash of a visitor on a day: the address `line[0, ipEnd)`, the user agent's hash (from hashRange) and
 * the day's index in the window.
 */
export function visitorHash(line: string, ipEnd: number, agentHash: number, day: number): number {
  // The agent hash has 53 bits: fold its high 21 bits into the second lane's seed.
  let h1 = 0xdeadbeef ^ (agentHash >>> 0) ^ Math.imul(day + 1, 0x9e3779b1);
  let h2 = 0x41c6ce57 ^ Math.floor(agentHash / 4294967296) ^ day;
  for (let i = 0; i < ipEnd; i++) {
    const c = line.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, M1);
    h2 = Math.imul(h2 ^ c, M2);
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
