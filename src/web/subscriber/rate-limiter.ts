import type { LimitRepo } from '../../store/index.js';

/** Counts events per key over a sliding window. */
export interface RateLimiter {
  /** Counts one event for `key`; false when the key already had `limit` events in the window (not counted). */
  take(key: string, now: Date): boolean | Promise<boolean>;
}

/**
 * A sliding-window limiter kept in the store, so every `roundup serve` behind a load balancer counts against the
 * same limit (and a restart forgets nothing). `scope` keeps limiters apart (`signup:`, `confirm-mail:`).
 */
export function storeRateLimiter(limits: LimitRepo, options: { scope: string; limit: number; windowMs: number }): RateLimiter {
  return { take: (key, now) => limits.take(`${options.scope}:${key}`, options.limit, options.windowMs, now) };
}

/**
 * A sliding-window limiter in memory (one process; a restart forgets): each key keeps the times of its recent events. Keys whose events have all aged
 * out are dropped on a sweep once the map grows past `maxKeys`, so memory stays bounded under a flood.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const events = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 10_000;
  const sweep = (t: number) => {
    for (const [key, times] of events) {
      if (times[times.length - 1]! <= t - options.windowMs) events.delete(key);
    }
    // still full of live keys: forget the oldest (Map keeps insertion order)
    for (const key of events.keys()) {
      if (events.size < maxKeys) break;
      events.delete(key);
    }
  };
  return {
    take(key, now) {
      const t = now.getTime();
      const recent = (events.get(key) ?? []).filter((at) => at > t - options.windowMs);
      if (recent.length >= options.limit) {
        events.set(key, recent);
        return false;
      }
      recent.push(t);
      if (!events.has(key) && events.size >= maxKeys) sweep(t);
      events.set(key, recent);
      return true;
    },
  };
}
