// Client-side pacing per Gong company: requests are spaced at GONG_RATE_LIMIT_PER_SECOND so a long
// job provokes no 429, a daily count refuses work that cannot fit, a job reserves its budget up
// front, and a 429's Retry-After pauses every request of that company. The rules live with the
// state (src/state/limiter/pace.ts) behind a store every process of a machine (a state file) or of
// a fleet (Redis) can share; this class turns the store's answers into waits and errors, and
// measures how soon this process's requests arrive.
import type { Clock } from '../http/clock.js';
import { BudgetExceededError, RateLimitError, TimeoutError } from '../http/errors.js';
import type { ConfirmResult, LimiterStore, Pace, ReserveResult } from '../state/limiter/types.js';
import { MemoryLimiterStore } from '../state/limiter/memory.js';

/**
 * How late a process's first request may arrive after it left (ms): it opens a connection and
 * loads code first; measured up to 110 ms with eight processes starting at once on two cores.
 */
export const COLD_ARRIVAL_MS = 300;
/** How long a job's budget reservation outlives its last request (ms): a crashed job's lapses. */
const LEASE_IDLE_MS = 15 * 60_000;

/** One process-wide store for GONG_LIMITER=memory: connectors to one company share it. */
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

/** A slot granted: pass it to `settle` when the answer comes back. */
export interface Reservation {
  id: number;
  /** The wait applied before it (ms). */
  waitMs: number;
  /** When (this clock) the store counts it as sent; a later departure is reported as lateness. */
  readyAt: number;
}

function msToUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

/** 1 h 5 min, 3 min 20 s, 12 s. */
export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

export class RateLimiter {
  readonly intervalMs: number;
  private readonly pace: Pace;
  /** Whether this process has had an answer yet (its first request opens a connection). */
  private answered = false;

  constructor(private readonly key: string, private readonly options: LimiterOptions) {
    this.intervalMs = 1000 / options.perSecond;
    // Requests allowed per window, and the window (1 s for whole rates; 2.5/s → 2 per 800 ms).
    const windowCount = Math.max(1, Math.floor(options.perSecond));
    this.pace = { intervalMs: this.intervalMs, windowCount, windowMs: (windowCount * 1000) / options.perSecond, dailyLimit: options.dailyLimit };
  }

  /** The store this limiter shares its state through (memory, file, redis). */
  get storeKind(): string {
    return this.options.store.kind;
  }

  /**
   * Wait for this company's next slot. Refuses without waiting when the daily budget is spent,
   * when a 429 pause lasts longer than `maxPauseMs` (a RateLimitError carrying the remaining wait),
   * or when the slot falls after the call's deadline. A slot planned ahead is confirmed when it is
   * due, so a pause written meanwhile (by any process) still holds it back.
   */
  async reserve(signal?: AbortSignal, deadlineAt?: number, maxPauseMs = Number.POSITIVE_INFINITY, lease?: string): Promise<Reservation> {
    const { store, clock } = this.options;
    const limits = (now: number) => ({
      now,
      pace: this.pace,
      maxPauseMs: Number.isFinite(maxPauseMs) ? maxPauseMs : -1,
      deadlineInMs: deadlineAt === undefined || !Number.isFinite(deadlineAt) ? -1 : Math.max(0, deadlineAt - now),
    });
    const first = clock.now();
    const allowanceMs = this.answered ? undefined : COLD_ARRIVAL_MS;
    const slot = await store.reserve(this.key, { ...limits(first), lease, leaseTtlMs: LEASE_IDLE_MS, allowanceMs });
    if (slot.kind !== 'ok') throw this.refusal(slot, first);
    let waited = 0;
    // The moment (this clock) the store counts the request as sent: the `now` of the operation
    // that marked it, plus its wait. The sleep ends there, whatever the store operation took;
    // anything later (a busy event loop) is lateness that settle() reports.
    let plannedAt = first + slot.waitMs;
    let refused = false;
    const sleepUntil = async (at: number) => {
      const wait = Math.max(0, at - clock.now());
      if (wait > 0) await clock.sleep(wait, signal);
      waited += wait;
    };
    try {
      if (!slot.sent) {
        for (;;) {
          await sleepUntil(plannedAt);
          const now = clock.now();
          const checked = await store.confirm(this.key, slot.id, limits(now));
          if (checked.kind === 'paused' || checked.kind === 'late') {
            refused = true; // the store released it
            throw this.refusal(checked, now);
          }
          plannedAt = now + checked.waitMs;
          if (checked.kind === 'ok') break;
        }
      }
      await sleepUntil(plannedAt);
    } catch (error) {
      // A slot that will not be sent (an aborted call, a store that failed) is given back; a
      // refused one was released by the store.
      if (!refused) await store.release(this.key, slot.id, { now: clock.now(), pace: this.pace }).catch(() => undefined);
      throw error;
    }
    return { id: slot.id, waitMs: waited, readyAt: plannedAt };
  }

  private refusal(slot: Exclude<ReserveResult | ConfirmResult, { kind: 'ok' } | { kind: 'wait' }>, now: number): Error {
    if (slot.kind === 'budget') {
      return new BudgetExceededError({
        message: `The daily Gong request budget (${this.options.dailyLimit}) is used up for today (UTC); nothing was sent.`,
        hint: `Wait until the budget resets at 00:00 UTC (in ${formatDuration(msToUtcMidnight(now))}), or raise GONG_DAILY_LIMIT if Gong granted your company more.`,
      });
    }
    if (slot.kind === 'paused') {
      return new RateLimitError({
        message: `Gong asked this company to wait ${Math.ceil(slot.waitMs / 1000)} s (Retry-After) before the next request; nothing was sent.`,
        retryAfterMs: slot.waitMs,
        hint: `Retry after ${Math.ceil(slot.waitMs / 1000)} s. Gong allows 3 requests per second and 10,000 per day per company.`,
      });
    }
    return new TimeoutError({
      message: `The tool call's deadline would pass before the rate limit allows the next request (wait ${Math.ceil(slot.waitMs / 1000)} s); nothing was sent.`,
      reached: false,
      hint: 'Raise deadlineMs, narrow the request, or retry later.',
    });
  }

  /**
   * The answer to `reservation` came back at `at` (this clock): it had arrived by then (the store
   * bounds it more tightly when it went out on an open connection: `warm`, from
   * TransportResponse.connectionReused). `sentAt`: when it really left, which a slow store
   * operation or a busy event loop can make later than planned.
   */
  async settle(reservation: Reservation, at: number, warm = false, sentAt = reservation.readyAt): Promise<void> {
    this.answered = true;
    await this.options.store.settle(this.key, reservation.id, {
      now: at,
      pace: this.pace,
      departedLateMs: Math.max(0, sentAt - reservation.readyAt),
      elapsedMs: Math.max(0, at - sentAt),
      warm,
    });
  }

  /** After a 429: hold every request of this company (every process sharing the store) until `untilMs`. */
  async pause(untilMs: number): Promise<void> {
    const now = this.options.clock.now();
    await this.options.store.pause(this.key, Math.max(0, untilMs - now), { now, pace: this.pace });
  }

  /**
   * Reserve today's budget for work that needs at least `requests` more requests, under `lease`
   * (the tool call's), or refuse it before anything is sent. Atomic in the store, so two jobs that
   * together do not fit cannot both start. The message carries the estimate, the time it takes at
   * the configured pace, what remains, and what this call sent before (`alreadySent`).
   */
  async reserveBudget(requests: number, what: string, lease: string, alreadySent = 0): Promise<void> {
    const now = this.options.clock.now();
    const result = await this.options.store.reserveBudget(this.key, { now, pace: this.pace, lease, requests, ttlMs: this.durationOf(requests) + LEASE_IDLE_MS });
    if (result.kind === 'insufficient') {
      throw new BudgetExceededError({
        message: `${what} needs at least ${requests} Gong request${requests === 1 ? '' : 's'} (about ${formatDuration(this.durationOf(requests))} at ${this.options.perSecond}/s), but only ${result.remaining} of today's ${this.options.dailyLimit} remain (UTC day, including what other running jobs reserved); ${alreadySent > 0 ? `nothing more was sent (this call sent ${alreadySent} request${alreadySent === 1 ? '' : 's'} first, to learn how many pages remain)` : 'nothing was sent'}.`,
        hint: `Narrow the request (fewer ids, a shorter date range, a lower limit), or wait for the daily budget to reset at 00:00 UTC (in ${formatDuration(msToUtcMidnight(now))}).`,
      });
    }
  }

  /** The job is over: what it reserved and did not use is free again. */
  async releaseBudget(lease: string): Promise<void> {
    await this.options.store.releaseBudget(this.key, lease, { now: this.options.clock.now(), pace: this.pace });
  }

  /** How long `requests` take at the configured pace (the first goes at once). */
  durationOf(requests: number): number {
    return Math.max(0, requests - 1) * this.intervalMs;
  }

  async state(lease?: string): Promise<RateLimitState> {
    const snapshot = await this.options.store.read(this.key, { now: this.options.clock.now(), pace: this.pace, lease });
    return {
      used_today: snapshot.usedToday,
      remaining_today: snapshot.remainingToday,
      daily_limit: this.options.dailyLimit,
      rate_per_second: this.options.perSecond,
      current_wait_ms: Math.round(Math.max(snapshot.waitMs, snapshot.pausedMs)),
    };
  }
}
