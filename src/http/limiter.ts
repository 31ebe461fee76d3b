// Client-side pacing per Gong company: requests are spaced at GONG_RATE_LIMIT_PER_SECOND so a long
// job provokes no 429, a daily counter refuses work that cannot fit, and a 429's Retry-After
// pauses every request of that company. State sits behind a small store so several processes
// can later share one company's budget (e.g. a Redis store).
import type { Clock } from './clock.js';
import { BudgetExceededError, TimeoutError } from './errors.js';

export interface LimiterState {
  nextSlotAt: number;
  pausedUntil: number;
  day: string;
  usedToday: number;
  lastWaitMs: number;
}

export interface LimiterStore {
  /** Atomically read, change and write one company's state. */
  update<T>(key: string, change: (state: LimiterState) => T): Promise<T>;
}

export class MemoryLimiterStore implements LimiterStore {
  private readonly states = new Map<string, LimiterState>();
  async update<T>(key: string, change: (state: LimiterState) => T): Promise<T> {
    let state = this.states.get(key);
    if (!state) {
      state = { nextSlotAt: 0, pausedUntil: 0, day: '', usedToday: 0, lastWaitMs: 0 };
      this.states.set(key, state);
    }
    return change(state);
  }
}

/** One process-wide store: connectors to the same company share pacing and budget. */
export const sharedLimiterStore = new MemoryLimiterStore();

export interface RateLimitState {
  used_today: number;
  remaining_today: number;
  daily_limit: number;
  rate_per_second: number;
  /** How long a request made now would wait for its slot (ms). */
  current_wait_ms: number;
}

export interface LimiterOptions {
  perSecond: number;
  dailyLimit: number;
  store: LimiterStore;
  clock: Clock;
}

const DAY_MS = 86_400_000;
let cachedDayStart = Number.NaN;
let cachedDay = '';
/** The UTC day of a time, YYYY-MM-DD; formatted once per day rather than on every request. */
const utcDay = (ms: number): string => {
  if (!(ms >= cachedDayStart && ms < cachedDayStart + DAY_MS)) {
    cachedDayStart = Math.floor(ms / DAY_MS) * DAY_MS;
    cachedDay = new Date(cachedDayStart).toISOString().slice(0, 10);
  }
  return cachedDay;
};

export class RateLimiter {
  readonly intervalMs: number;

  constructor(private readonly key: string, private readonly options: LimiterOptions) {
    // A 2% margin keeps arrival jitter from putting a 4th request into Gong's one-second window.
    this.intervalMs = (1000 / options.perSecond) * 1.02;
  }

  private roll(state: LimiterState, now: number): void {
    const day = utcDay(now);
    if (state.day !== day) {
      state.day = day;
      state.usedToday = 0;
    }
  }

  /** Wait for this company's next slot; returns the wait applied (ms). */
  async acquire(signal?: AbortSignal, deadlineAt?: number): Promise<number> {
    const now = this.options.clock.now();
    const slot = await this.options.store.update(this.key, (state) => {
      this.roll(state, now);
      if (state.usedToday >= this.options.dailyLimit) return undefined;
      const startAt = Math.max(now, state.nextSlotAt, state.pausedUntil);
      if (deadlineAt !== undefined && startAt > deadlineAt) return { startAt, late: true };
      state.nextSlotAt = startAt + this.intervalMs;
      state.usedToday += 1;
      state.lastWaitMs = startAt - now;
      return { startAt, late: false };
    });
    if (slot === undefined) {
      throw new BudgetExceededError({
        message: `The daily Gong request budget (${this.options.dailyLimit}) is used up for today (UTC).`,
        hint: 'Wait until the budget resets at 00:00 UTC, or raise GONG_DAILY_LIMIT if Gong granted your company more.',
      });
    }
    const wait = slot.startAt - now;
    if (slot.late) {
      throw new TimeoutError({
        message: `The tool call's deadline would pass before Gong's rate limit allows the next request (wait ${Math.ceil(wait / 1000)} s).`,
        hint: 'Raise deadlineMs, narrow the request, or retry later.',
      });
    }
    if (wait > 0) await this.options.clock.sleep(wait, signal);
    return wait;
  }

  /** After a 429: hold every request of this company until `untilMs`. */
  async pause(untilMs: number): Promise<void> {
    await this.options.store.update(this.key, (state) => {
      state.pausedUntil = Math.max(state.pausedUntil, untilMs);
    });
  }

  /** Refuse, before starting, work that needs more requests than today's budget has left. */
  async ensureBudget(requests: number, what: string): Promise<void> {
    const state = await this.state();
    if (requests > state.remaining_today) {
      const seconds = Math.ceil((requests * this.intervalMs) / 1000);
      throw new BudgetExceededError({
        message: `${what} needs about ${requests} Gong requests (~${seconds} s at ${this.options.perSecond}/s), but only ${state.remaining_today} of today's ${state.daily_limit} remain.`,
        hint: 'Narrow the request (fewer ids, a shorter date range, a lower limit) or wait for the daily budget to reset at 00:00 UTC.',
      });
    }
  }

  async state(): Promise<RateLimitState> {
    const now = this.options.clock.now();
    return this.options.store.update(this.key, (state) => {
      this.roll(state, now);
      return {
        used_today: state.usedToday,
        remaining_today: Math.max(0, this.options.dailyLimit - state.usedToday),
        daily_limit: this.options.dailyLimit,
        rate_per_second: this.options.perSecond,
        current_wait_ms: Math.max(0, Math.round(Math.max(state.nextSlotAt, state.pausedUntil) - now)),
      };
    });
  }
}
