/** The retry policy (config `delivery.retry`). */
export interface RetryPolicy {
  /** Attempts per recipient, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * How long to wait after failed attempt number `attempt` (1 = the first): exponential (`baseMs`, doubled each
 * time, at most `maxMs`) with jitter, between half and all of it, so retries from many connections spread out.
 */
export function retryDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() * 0.5));
}
