/** Counts events per key over a sliding window, in memory (a restart forgets). */
export interface RateLimiter {
  /** Counts one event for `key`; false when the key already had `limit` events in the window (not counted). */
  take(key: string, now: Date): boolean;
}

/**
 * A sliding-window limiter: each key keeps the times of its recent events. Keys whose events have all aged
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
