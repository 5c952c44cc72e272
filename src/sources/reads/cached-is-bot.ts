import { isbot } from 'isbot';

/**
 * `isbot` with a bounded cache keyed by a hash of the user agent (see hashRange): a week's log repeats a few
 * thousand user agents millions of times, and isbot runs a large regex. The key is a number so a lookup needs
 * no substring of the line; the user agent is only cut out on a miss. When the cache is full the oldest entry
 * goes. An empty or `-` user agent counts as a bot (browsers always send one).
 */
export function cachedIsBot(maxEntries = 20_000): (agentHash: number, agent: () => string) => boolean {
  const cache = new Map<number, boolean>();
  return (agentHash, agent) => {
    let verdict = cache.get(agentHash);
    if (verdict === undefined) {
      const ua = agent();
      verdict = ua === '' || ua === '-' || isbot(ua);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(agentHash, verdict);
    }
    return verdict;
  };
}
