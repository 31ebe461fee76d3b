// Client-side pacing per Gong company: requests are spaced at GONG_RATE_LIMIT_PER_SECOND so a long
// job provokes no 429, a daily counter refuses work that cannot fit, and a 429's Retry-After
// pauses every request of that company. State sits behind a small store so several processes
// can later share one company's budget (e.g. a Redis store).
//
// Gong counts requests by arrival in a sliding one-second window, and arrival is not departure:
// a request on a new connection (DNS, TLS, a cold client) can arrive tens of milliseconds late and
// squeeze the next three into one window. So besides even spacing, a request may start only a full
// window after the moment the request `perSecond` places earlier is known to have arrived: when its
// answer came back, or at the latest its start plus an allowance for jitter while it is in flight.
import type { Clock } from '../http/clock.js';
import { BudgetExceededError, RateLimitError, TimeoutError } from '../http/errors.js';

type Slot =
  | { kind: 'ok'; waitMs: number; slot: number }
  | { kind: 'budget' }
  | { kind: 'paused'; waitMs: number }
  | { kind: 'late'; waitMs: number };

export interface LimiterState {
  nextSlotAt: number;
  pausedUntil: number;
  day: string;
  usedToday: number;
  lastWaitMs: number;
  /**
   * The last requests' start times and, once answered, when their answers came back (newest last);
   * `warm` when the request went out on a connection already open.
   */
  recent: Array<{ slot: number; settled?: number; warm?: boolean; sent?: number }>;
}

/** How late a request still in flight may arrive after its start (ms). */
export const ARRIVAL_JITTER_MS = 100;
/** Margin over the fastest round trip seen for a request sent on an open connection (ms). */
export const WARM_ARRIVAL_MARGIN_MS = 10;

export interface LimiterStore {
  /** Atomically read, change and write one company's state. */
  update<T>(key: string, change: (state: LimiterState) => T): Promise<T>;
}

export class MemoryLimiterStore implements LimiterStore {
  private readonly states = new Map<string, LimiterState>();
  async update<T>(key: string, change: (state: LimiterState) => T): Promise<T> {
    let state = this.states.get(key);
    if (!state) {
      state = { nextSlotAt: 0, pausedUntil: 0, day: '', usedToday: 0, lastWaitMs: 0, recent: [] };
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
  /** Requests allowed per window, and the window (1 s for whole rates; 2.5/s → 2 per 800 ms). */
  private readonly windowCount: number;
  private readonly windowMs: number;

  constructor(private readonly key: string, private readonly options: LimiterOptions) {
    this.intervalMs = 1000 / options.perSecond;
    this.windowCount = Math.max(1, Math.floor(options.perSecond));
    this.windowMs = (this.windowCount * 1000) / options.perSecond;
  }

  /** The fastest answer seen to a request sent on an already open connection (ms), this process. */
  private fastestWarmMs = Number.POSITIVE_INFINITY;

  /**
   * The earliest start the sliding window allows, from what is known of earlier arrivals. A request
   * arrived by its answer, and at the latest ARRIVAL_JITTER_MS after its start (a new connection's
   * handshake). One sent on an open connection left at once and arrives within a network delay,
   * which no answer beats: the fastest such round trip seen, plus a margin, bounds it. (With the
   * plain allowance, every answer slower than 100 ms — a page of transcripts — cost 100 ms per window
   * of three: 10% over the rate floor; `npm run bench`.)
   */
  private windowStart(state: LimiterState): number {
    const recent = state.recent ?? [];
    if (recent.length < this.windowCount) return 0;
    const p = recent[recent.length - this.windowCount]!;
    const allowance = p.warm ? Math.min(ARRIVAL_JITTER_MS, this.fastestWarmMs + WARM_ARRIVAL_MARGIN_MS) : ARRIVAL_JITTER_MS;
    // Counted from when it really left (a busy event loop can send it after its slot).
    const arrivedBy = Math.min(p.settled ?? Number.POSITIVE_INFINITY, (p.sent ?? p.slot) + allowance);
    return arrivedBy + this.windowMs + 1;
  }

  private roll(state: LimiterState, now: number): void {
    const day = utcDay(now);
    if (state.day !== day) {
      state.day = day;
      state.usedToday = 0;
    }
  }

  /**
   * Wait for this company's next slot; returns the wait applied (ms) and the slot, to be passed to
   * `settle` when the answer comes back. Refuses without waiting when the daily budget is spent,
   * when a 429 pause lasts longer than `maxPauseMs` (a RateLimitError carrying the remaining wait),
   * or when the slot falls after the call's deadline.
   */
  async reserve(signal?: AbortSignal, deadlineAt?: number, maxPauseMs = Number.POSITIVE_INFINITY): Promise<{ waitMs: number; slot: number }> {
    const now = this.options.clock.now();
    const slot = await this.options.store.update(this.key, (state): Slot => {
      this.roll(state, now);
      if (state.usedToday >= this.options.dailyLimit) return { kind: 'budget' };
      const pausedMs = state.pausedUntil - now;
      if (pausedMs > maxPauseMs) return { kind: 'paused', waitMs: pausedMs };
      const startAt = Math.max(now, state.nextSlotAt, state.pausedUntil, this.windowStart(state));
      if (deadlineAt !== undefined && startAt > deadlineAt) {
        return pausedMs > 0 && state.pausedUntil >= state.nextSlotAt ? { kind: 'paused', waitMs: pausedMs } : { kind: 'late', waitMs: startAt - now };
      }
      state.nextSlotAt = startAt + this.intervalMs;
      state.usedToday += 1;
      state.lastWaitMs = startAt - now;
      this.remember(state, startAt, now);
      return { kind: 'ok', waitMs: startAt - now, slot: startAt };
    });
    if (slot.kind === 'budget') {
      throw new BudgetExceededError({
        message: `The daily Gong request budget (${this.options.dailyLimit}) is used up for today (UTC); nothing was sent.`,
        hint: `Wait until the budget resets at 00:00 UTC (in ${formatDuration(msToUtcMidnight(now))}), or raise GONG_DAILY_LIMIT if Gong granted your company more.`,
      });
    }
    if (slot.kind === 'paused') {
      throw new RateLimitError({
        message: `Gong asked this company to wait ${Math.ceil(slot.waitMs / 1000)} s (Retry-After) before the next request; nothing was sent.`,
        retryAfterMs: slot.waitMs,
        hint: `Retry after ${Math.ceil(slot.waitMs / 1000)} s. Gong allows 3 requests per second and 10,000 per day per company.`,
      });
    }
    if (slot.kind === 'late') {
      throw new TimeoutError({
        message: `The tool call's deadline would pass before the rate limit allows the next request (wait ${Math.ceil(slot.waitMs / 1000)} s); nothing was sent.`,
        reached: false,
        hint: 'Raise deadlineMs, narrow the request, or retry later.',
      });
    }
    if (slot.waitMs > 0) await this.options.clock.sleep(slot.waitMs, signal);
    return { waitMs: slot.waitMs, slot: slot.slot };
  }

  /**
   * Record a start in `recent`, in place, keeping only what can still delay a later start: at most
   * `windowCount` entries, none older than a window plus the arrival allowance. (Copying the list
   * on every request made each call O(windowCount): with a high GONG_RATE_LIMIT_PER_SECOND the
   * list grew without bound and every request slowed down — found by `npm run bench`.)
   */
  private remember(state: LimiterState, startAt: number, now: number): void {
    const recent = (state.recent ??= []);
    recent.push({ slot: startAt });
    // An entry constrains a start until at most (sent or slot) + jitter + window + 1 (see windowStart).
    const horizon = now - ARRIVAL_JITTER_MS - this.windowMs - 1;
    let drop = Math.max(0, recent.length - this.windowCount);
    while (drop < recent.length - 1 && (recent[drop]!.sent ?? recent[drop]!.slot) < horizon) drop++;
    if (drop === 0) return;
    // shift() is O(1) while V8 can trim the array in place (below ~8k entries); splice(0, n) copies
    // the rest every time (36 µs at 8,000 entries). Past that size, drop in batches: the entries
    // kept a little longer are older than the one windowStart reads, so they change nothing.
    if (recent.length <= 8192) for (let i = 0; i < drop; i++) recent.shift();
    else if (drop >= 64) recent.splice(0, drop);
  }

  /**
   * The answer to the request started at `slot` came back at `at`: it had arrived by then. `warm`:
   * it went out on a connection already open (TransportResponse.connectionReused). `sentAt`: when it
   * really left, which a busy event loop can make later than its slot.
   */
  async settle(slot: number, at: number, warm = false, sentAt = slot): Promise<void> {
    if (warm) this.fastestWarmMs = Math.min(this.fastestWarmMs, Math.max(0, at - sentAt));
    await this.options.store.update(this.key, (state) => {
      const recent = state.recent ?? [];
      // Searched from the newest end: the request being settled is almost always among the last.
      for (let i = recent.length - 1; i >= 0; i--) {
        const entry = recent[i]!;
        if (entry.slot === slot && entry.settled === undefined) {
          entry.settled = at;
          if (sentAt !== slot) entry.sent = sentAt;
          if (warm) entry.warm = true;
          return;
        }
      }
    });
  }

  /** After a 429: hold every request of this company until `untilMs`. */
  async pause(untilMs: number): Promise<void> {
    await this.options.store.update(this.key, (state) => {
      state.pausedUntil = Math.max(state.pausedUntil, untilMs);
    });
  }

  /**
   * Refuse, before starting, work that needs more requests than today's budget has left.
   * `requests` is the smallest number the work can take (the dispatcher's estimate); the message
   * carries it, the time it takes at the configured pace, and what remains.
   */
  async ensureBudget(requests: number, what: string): Promise<void> {
    const state = await this.state();
    if (requests > state.remaining_today) {
      throw new BudgetExceededError({
        message: `${what} needs at least ${requests} Gong request${requests === 1 ? '' : 's'} (about ${formatDuration(this.durationOf(requests))} at ${this.options.perSecond}/s), but only ${state.remaining_today} of today's ${state.daily_limit} remain (UTC day); nothing was sent.`,
        hint: `Narrow the request (fewer ids, a shorter date range, a lower limit), or wait for the daily budget to reset at 00:00 UTC (in ${formatDuration(msToUtcMidnight(this.options.clock.now()))}).`,
      });
    }
  }

  /** How long `requests` take at the configured pace (the first goes at once). */
  durationOf(requests: number): number {
    return Math.max(0, requests - 1) * this.intervalMs;
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
        current_wait_ms: Math.max(0, Math.round(Math.max(state.nextSlotAt, state.pausedUntil, this.windowStart(state)) - now)),
      };
    });
  }
}
