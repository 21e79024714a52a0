/**
 * @module api/rate-limit
 * A token bucket per API key: `rate` requests a second on average, bursts up to `burst`. In
 * memory, per process (a deployment with several API processes divides the rate among them).
 * It protects the withdrawal path from one runaway client, not from an attacker with many keys.
 */
import { ServerErrors } from '../errors.ts';

export interface RateLimiter {
  /** Takes a token for `key` or throws SEK_RATE_LIMITED with the seconds to wait. */
  take(key: string): void;
}

export function createRateLimiter(options: { rate: number; burst: number; now?: () => number }): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, { tokens: number; at: number }>();
  if (options.rate <= 0) return { take: () => {} };
  return {
    take(key: string): void {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: t };
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.rate);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / options.rate));
        throw ServerErrors.RATE_LIMITED(`API key ${key} is over its limit of ${options.rate} requests per second`, { retryAfterSeconds: wait });
      }
      bucket.tokens -= 1;
    },
  };
}
