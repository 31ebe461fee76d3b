// Gong's per-company limits: 3 requests per second (sliding window) and 10,000 per UTC day. Over
// either, the answer is 429 with Retry-After in seconds — the wait until the window frees a slot, or
// until the next UTC midnight for the daily quota (hours; that is how Gong behaves). Time comes from
// the injected clock so tests never sleep.
import { DAY_MS } from './time.js';

export interface RateLimitConfig {
  perSecond: number | false;
  daily: number | false;
  /** Fixed Retry-After to send instead of the computed wait. */
  retryAfterSeconds: number | undefined;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'per-second' | 'daily' };

export function rateLimitConfig(option: { perSecond?: number | false; daily?: number | false; retryAfterSeconds?: number } | false | undefined): RateLimitConfig | undefined {
  if (option === false) return undefined;
  return {
    perSecond: option?.perSecond ?? 3,
    daily: option?.daily ?? 10_000,
    retryAfterSeconds: option?.retryAfterSeconds,
  };
}

export class RateLimiter {
  /** Arrival times of the accepted requests of the last second, oldest first. */
  private window: number[] = [];
  private day = -1;
  private usedToday = 0;

  constructor(
    private config: RateLimitConfig | undefined,
    private readonly now: () => number,
  ) {}

  configure(config: RateLimitConfig | undefined): void {
    this.config = config;
    this.window = [];
    this.usedToday = 0;
  }

  /** Decide for one request; an allowed request is counted against both budgets. */
  take(): LimitDecision {
    const config = this.config;
    if (!config) return { allowed: true };
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.usedToday = 0;
    }
    if (config.daily !== false && this.usedToday >= config.daily) {
      const untilMidnight = Math.ceil(((day + 1) * DAY_MS - now) / 1000);
      return { allowed: false, reason: 'daily', retryAfterSeconds: config.retryAfterSeconds ?? Math.max(1, untilMidnight) };
    }
    if (config.perSecond !== false) {
      while (this.window.length > 0 && (this.window[0] as number) <= now - 1000) this.window.shift();
      if (this.window.length >= config.perSecond) {
        const wait = Math.ceil(((this.window[0] as number) + 1000 - now) / 1000);
        return { allowed: false, reason: 'per-second', retryAfterSeconds: config.retryAfterSeconds ?? Math.max(1, wait) };
      }
      this.window.push(now);
    }
    this.usedToday++;
    return { allowed: true };
  }
}
