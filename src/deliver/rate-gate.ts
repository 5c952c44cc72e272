/** Spaces out message starts: at most `limit` per `windowMs` (a fixed window, as nodemailer's pool counts). */
export interface RateGate {
  /** 0 when a message may start now (and counts it), else the milliseconds to wait before asking again. */
  take(now: number): number;
}

/**
 * A gate for `rateLimit` messages per second across a pool; `limit` 0 never waits. The first message of a
 * window opens it; once `limit` have started, the rest wait until the window has passed.
 */
export function createRateGate(limit: number, windowMs = 1000): RateGate {
  let windowStart = -Infinity;
  let started = 0;
  return {
    take(now) {
      if (limit <= 0) return 0;
      if (now - windowStart >= windowMs) {
        windowStart = now;
        started = 0;
      }
      if (started < limit) {
        started++;
        return 0;
      }
      return windowStart + windowMs - now;
    },
  };
}
