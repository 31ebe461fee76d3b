// The pacer's rules on one company's state, as pure functions of (state, request): the memory and
// file stores run them as they are; the Redis store runs the same rules in Lua (redis-scripts.ts),
// and a test replays one script of operations through both.
//
// Gong counts requests by arrival in a sliding window (3 per second), and arrival is not departure:
// a request on a new connection can arrive tens of milliseconds late. Two rules keep the window:
// - Planning (reserve): a request is given a slot evenly spaced after the last one, and no earlier
//   than a window after the estimated arrival of the request `windowCount` places before it. When
//   the window is empty, up to `windowCount` requests may leave at once (a short call does not wait
//   333 ms for nothing); a long job stays evenly spaced because spacing resumes after that burst.
// - Sending (confirm): when a slot is due, it is checked against the requests already sent, with
//   what is known of their arrival (answered: when the answer came; in flight: their departure plus
//   ARRIVAL_JITTER_MS), and against a 429 pause written meanwhile. Every sender checks those before
//   it, so no window ever holds more than `windowCount` arrivals, whoever planned what.
import type { BudgetRequest, BudgetResult, ConfirmRequest, ConfirmResult, Pace, PaceSnapshot, ReserveRequest, ReserveResult, SettleRequest } from './types.js';

/** How late a request in flight may arrive after it left (ms). */
export const ARRIVAL_JITTER_MS = 100;
/** Margin over the fastest round trip seen on an open connection, bounding such a request's arrival (ms). */
export const WARM_ARRIVAL_MARGIN_MS = 10;
/** A wait this short is slept and sent without a second look at the store (ms). */
export const SEND_WITHOUT_CONFIRM_MS = 50;
/** An unsent reservation this long past its slot belongs to a process that stopped (ms). */
export const ABANDONED_MS = 10_000;
/** The most reservations kept; at Gong's pace a handful are live at once. */
export const MAX_RECENT = 10_000;
export const DAY_MS = 86_400_000;

interface Entry {
  id: number;
  /** Its slot (ms); moved later when a confirm made it wait. */
  start: number;
  /** When it left (ms), once confirmed. */
  sent?: number;
  /** When it had surely arrived (ms), once answered. */
  arrived?: number;
  /** The budget lease it drew from, refunded if it is released unsent. */
  lease?: string;
  /** How late it may arrive after leaving while in flight (ms), when not ARRIVAL_JITTER_MS. */
  allow?: number;
}

interface Lease {
  left: number;
  until: number;
}

export interface PaceState {
  /** The UTC day (days since the epoch) `used` counts. */
  day: number;
  used: number;
  /** The earliest slot for the next planned request (even spacing). */
  next: number;
  /** Requests that may still skip spacing after the window was found empty. */
  burst: number;
  pausedUntil: number;
  seq: number;
  /** How soon after leaving the last answered request arrived (ms): the planning estimate. */
  quick: number;
  /**
   * The fastest round trip today of a request sent on an open connection, by any process (ms);
   * -1 while none is known. Kept for the day: a run of slow answers (pages of transcripts) must
   * not raise it, as it bounds the network delay, not Gong's work.
   */
  fastWarm: number;
  recent: Entry[];
  leases: Record<string, Lease>;
}

export function emptyPaceState(): PaceState {
  return { day: 0, used: 0, next: 0, burst: 0, pausedUntil: 0, seq: 0, quick: ARRIVAL_JITTER_MS, fastWarm: -1, recent: [], leases: {} };
}

/** A state read from storage, repaired field by field (an older or damaged file starts fresh). */
export function paceStateFrom(value: unknown): PaceState {
  const fresh = emptyPaceState();
  if (!value || typeof value !== 'object') return fresh;
  const v = value as Partial<Record<keyof PaceState, unknown>>;
  const num = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  const recent = Array.isArray(v.recent)
    ? v.recent.filter((e): e is Entry => !!e && typeof e === 'object' && typeof (e as Entry).id === 'number' && typeof (e as Entry).start === 'number')
    : [];
  const leases: Record<string, Lease> = {};
  if (v.leases && typeof v.leases === 'object') {
    for (const [id, l] of Object.entries(v.leases as Record<string, unknown>)) {
      if (l && typeof l === 'object' && typeof (l as Lease).left === 'number' && typeof (l as Lease).until === 'number') leases[id] = l as Lease;
    }
  }
  return {
    day: num(v.day, 0), used: num(v.used, 0), next: num(v.next, 0), burst: num(v.burst, 0), pausedUntil: num(v.pausedUntil, 0),
    seq: num(v.seq, 0), quick: num(v.quick, ARRIVAL_JITTER_MS),
    fastWarm: num(v.fastWarm, -1),
    recent, leases,
  };
}

/** A new UTC day starts a new count; yesterday's reservations lapse with it. */
function roll(state: PaceState, now: number): void {
  const day = Math.floor(now / DAY_MS);
  if (state.day !== day) {
    state.day = day;
    state.used = 0;
    state.leases = {};
    state.fastWarm = -1;
  }
}

function dropLapsedLeases(state: PaceState, now: number): void {
  for (const [id, lease] of Object.entries(state.leases)) if (lease.until <= now || lease.left <= 0) delete state.leases[id];
}

/** Requests reserved by jobs' leases and not yet used, leaving out `except`'s own. */
function leased(state: PaceState, except?: string): number {
  let sum = 0;
  for (const [id, lease] of Object.entries(state.leases)) if (id !== except) sum += lease.left;
  return sum;
}

/** When a request had surely arrived: its answer, else its departure (or slot) plus its allowance. */
const arrivalBound = (e: Entry): number => e.arrived ?? (e.sent ?? e.start) + (e.allow ?? ARRIVAL_JITTER_MS);

/** Forget what can no longer hold back a request made from `now` on (oldest first). */
function prune(state: PaceState, now: number, pace: Pace): void {
  const recent = state.recent;
  const spent = (e: Entry) => (e.sent === undefined ? e.start + ABANDONED_MS < now : arrivalBound(e) + pace.windowMs + 1 <= now);
  let drop = Math.max(0, recent.length - MAX_RECENT);
  while (drop < recent.length && spent(recent[drop]!)) drop++;
  if (drop > 0) recent.splice(0, drop);
}

/** The `k`-th latest of `values`, or -Infinity when there are fewer. */
function kthLatest(values: number[], k: number): number {
  if (values.length < k) return Number.NEGATIVE_INFINITY;
  return values.sort((a, b) => b - a)[k - 1]!;
}

/** The earliest start the window allows, planning with estimates for requests not sent yet. */
function plannedWindowStart(state: PaceState, pace: Pace): number {
  if (state.recent.length < pace.windowCount) return Number.NEGATIVE_INFINITY;
  const estimate = (e: Entry) => (e.sent === undefined && e.arrived === undefined ? e.start + state.quick : arrivalBound(e));
  return kthLatest(state.recent.map(estimate), pace.windowCount) + pace.windowMs + 1;
}

/** The earliest moment `self` may leave given the requests already sent. */
function sendWindowStart(state: PaceState, pace: Pace, self?: Entry): number {
  const bounds: number[] = [];
  for (const e of state.recent) if (e !== self && e.sent !== undefined) bounds.push(arrivalBound(e));
  return kthLatest(bounds, pace.windowCount) + pace.windowMs + 1;
}

/** Where a request planned now would start; `burst` tells whether it may skip spacing. */
function plannedStart(state: PaceState, now: number, pace: Pace): { start: number; windowEmpty: boolean } {
  const windowEmpty = state.recent.length === 0;
  const spacing = windowEmpty || state.burst > 0 ? now : state.next;
  return { start: Math.max(now, spacing, state.pausedUntil, plannedWindowStart(state, pace)), windowEmpty };
}

function budgetLeft(state: PaceState, pace: Pace, lease?: string): number {
  const own = lease ? state.leases[lease] : undefined;
  if (own && own.left > 0) return own.left + Math.max(0, pace.dailyLimit - state.used - leased(state));
  return Math.max(0, pace.dailyLimit - state.used - leased(state));
}

function housekeep(state: PaceState, now: number, pace: Pace): void {
  roll(state, now);
  dropLapsedLeases(state, now);
  prune(state, now, pace);
}

export function reserve(state: PaceState, request: ReserveRequest): ReserveResult {
  const { now, pace } = request;
  housekeep(state, now, pace);
  const own = request.lease ? state.leases[request.lease] : undefined;
  const fromLease = own !== undefined && own.left > 0;
  if (!fromLease && state.used + leased(state) >= pace.dailyLimit) return { kind: 'budget', remaining: 0 };
  const pausedMs = state.pausedUntil - now;
  if (request.maxPauseMs >= 0 && pausedMs > request.maxPauseMs) return { kind: 'paused', waitMs: pausedMs };
  const { start, windowEmpty } = plannedStart(state, now, pace);
  const waitMs = start - now;
  if (request.deadlineInMs >= 0 && waitMs > request.deadlineInMs) {
    // Say "paused" when the pause, not the queue, is what pushes the slot past the deadline.
    return pausedMs > 0 && state.pausedUntil >= state.next ? { kind: 'paused', waitMs: pausedMs } : { kind: 'late', waitMs };
  }
  if (windowEmpty) state.burst = pace.windowCount - 1;
  else if (state.burst > 0) state.burst -= 1;
  state.next = Math.max(state.next, start + pace.intervalMs);
  state.used += 1;
  state.seq += 1;
  const entry: Entry = { id: state.seq, start };
  if (request.allowanceMs !== undefined && request.allowanceMs !== ARRIVAL_JITTER_MS) entry.allow = request.allowanceMs;
  if (fromLease) {
    own.left -= 1;
    own.until = now + request.leaseTtlMs;
    entry.lease = request.lease!;
  }
  // Due at once and clear of everything already sent: it counts as sent at its slot.
  const sent = waitMs <= SEND_WITHOUT_CONFIRM_MS && start >= sendWindowStart(state, pace) && start >= state.pausedUntil;
  if (sent) entry.sent = start;
  state.recent.push(entry);
  return { kind: 'ok', id: entry.id, waitMs, sent };
}

/** Take a reservation back: it will not be sent. */
function cancel(state: PaceState, entry: Entry): void {
  const i = state.recent.indexOf(entry);
  if (i >= 0) state.recent.splice(i, 1);
  state.used = Math.max(0, state.used - 1);
  const lease = entry.lease ? state.leases[entry.lease] : undefined;
  if (lease) lease.left += 1;
}

export function confirm(state: PaceState, id: number, request: ConfirmRequest): ConfirmResult {
  const { now, pace } = request;
  let entry = state.recent.find((e) => e.id === id);
  housekeep(state, now, pace);
  if (!entry || !state.recent.includes(entry)) {
    // Forgotten as abandoned (its process was very late): it still counts, so it goes back in.
    entry = { id, start: now };
    state.recent.push(entry);
  }
  const pausedMs = state.pausedUntil - now;
  if (pausedMs > 0) {
    if ((request.maxPauseMs >= 0 && pausedMs > request.maxPauseMs) || (request.deadlineInMs >= 0 && pausedMs > request.deadlineInMs)) {
      cancel(state, entry);
      return { kind: 'paused', waitMs: pausedMs };
    }
    entry.start = state.pausedUntil;
    return { kind: 'wait', waitMs: pausedMs };
  }
  const at = Math.max(now, sendWindowStart(state, pace, entry));
  const waitMs = at - now;
  if (request.deadlineInMs >= 0 && waitMs > request.deadlineInMs) {
    cancel(state, entry);
    return { kind: 'late', waitMs };
  }
  entry.start = at;
  state.next = Math.max(state.next, at + pace.intervalMs);
  if (waitMs > SEND_WITHOUT_CONFIRM_MS) return { kind: 'wait', waitMs };
  entry.sent = at;
  return { kind: 'ok', waitMs };
}

/**
 * The answer came back: the request had arrived by then. One sent on an open connection left at
 * once and arrived within a network delay, which no answer beats: the fastest such round trip any
 * process saw today, plus a margin, bounds it. (Bounding only by the answer, every answer slower
 * than the allowance — a page of transcripts — cost that much per window of three.) One sent on a
 * new connection is bounded by its answer alone: a handshake under load can take longer than
 * ARRIVAL_JITTER_MS.
 */
export function settle(state: PaceState, id: number, request: SettleRequest): void {
  const elapsed = Math.max(0, request.elapsedMs);
  if (request.warm) state.fastWarm = state.fastWarm < 0 ? elapsed : Math.min(state.fastWarm, elapsed);
  const entry = state.recent.find((e) => e.id === id);
  if (!entry) return;
  const late = Math.max(0, request.departedLateMs);
  const within = request.warm ? Math.min(elapsed, ARRIVAL_JITTER_MS, state.fastWarm + WARM_ARRIVAL_MARGIN_MS) : elapsed;
  entry.sent = (entry.sent ?? entry.start) + late;
  entry.arrived = entry.sent + within;
  state.quick = Math.min(ARRIVAL_JITTER_MS, within + late);
}

export function release(state: PaceState, id: number): void {
  const entry = state.recent.find((e) => e.id === id);
  if (entry && entry.sent === undefined) cancel(state, entry);
}

export function pause(state: PaceState, now: number, ms: number): void {
  state.pausedUntil = Math.max(state.pausedUntil, now + ms);
}

export function read(state: PaceState, now: number, pace: Pace, lease?: string): PaceSnapshot {
  housekeep(state, now, pace);
  return {
    usedToday: state.used,
    remainingToday: budgetLeft(state, pace, lease),
    waitMs: Math.max(0, plannedStart(state, now, pace).start - now),
    pausedMs: Math.max(0, state.pausedUntil - now),
  };
}

export function reserveBudget(state: PaceState, request: BudgetRequest): BudgetResult {
  const { now, pace } = request;
  housekeep(state, now, pace);
  const available = Math.max(0, pace.dailyLimit - state.used - leased(state, request.lease));
  if (request.requests > available) return { kind: 'insufficient', remaining: available };
  state.leases[request.lease] = { left: request.requests, until: now + request.ttlMs };
  return { kind: 'ok' };
}

export function releaseBudget(state: PaceState, lease: string): void {
  delete state.leases[lease];
}
