// The limiter's store contract: the operations the pacer needs (reserve a slot, confirm it when it
// is due, settle its arrival, release it, pause the company, read the state, reserve and release a
// budget for a whole job), each atomic in the store. Waits come back as durations, so a store may
// keep time by its own clock (Redis's TIME) and processes with skewed clocks still agree; `now` in
// a request is the caller's clock, which stores on the caller's machine use.

/** One company's pace: its rate as a sliding window and its daily budget. */
export interface Pace {
  /** Milliseconds between evenly spaced requests (1000 / rate). */
  intervalMs: number;
  /** Requests allowed per window, and the window's length (3 per 1000 ms for Gong). */
  windowCount: number;
  windowMs: number;
  dailyLimit: number;
}

interface Stamped {
  /** The caller's clock (ms since the epoch). */
  now: number;
  pace: Pace;
}

export interface ReserveRequest extends Stamped {
  /** Refuse when a 429 pause lasts longer than this (ms); -1: wait any pause out. */
  maxPauseMs: number;
  /** Refuse when the slot would start later than this many ms from now; -1: no deadline. */
  deadlineInMs: number;
  /** A budget lease this request draws from (see reserveBudget). */
  lease?: string | undefined;
  /** How long a lease outlives its last use (ms): a crashed job's reservation frees itself. */
  leaseTtlMs: number;
  /**
   * How late after leaving this request may arrive while in flight (ms); default
   * ARRIVAL_JITTER_MS. A process's first request opens a connection (and loads code): more.
   */
  allowanceMs?: number | undefined;
}

export type ReserveResult =
  | { kind: 'ok'; id: number; waitMs: number; /** Marked as sent at its slot: send then, no confirm. */ sent: boolean }
  | { kind: 'budget'; remaining: number }
  | { kind: 'paused'; waitMs: number }
  | { kind: 'late'; waitMs: number };

export interface ConfirmRequest extends Stamped {
  maxPauseMs: number;
  deadlineInMs: number;
}

export type ConfirmResult =
  /** Send after `waitMs` (short): the store counts it as sent from then. */
  | { kind: 'ok'; waitMs: number }
  /** Not yet (a pause, or earlier requests still arriving): sleep `waitMs`, then confirm again. */
  | { kind: 'wait'; waitMs: number }
  /** Given up (a long pause, or past the deadline); the reservation is released. */
  | { kind: 'paused'; waitMs: number }
  | { kind: 'late'; waitMs: number };

export interface SettleRequest extends Stamped {
  /** How much later than its confirmed moment the request really left (a busy event loop). */
  departedLateMs: number;
  /** From its departure to its answer (ms): it had arrived by then. */
  elapsedMs: number;
  /** It went out on a connection already open: it arrived within a network delay. */
  warm: boolean;
}

export interface BudgetRequest extends Stamped {
  lease: string;
  /** Requests the job needs from now on; an existing lease is topped up to this. */
  requests: number;
  ttlMs: number;
}

export type BudgetResult = { kind: 'ok' } | { kind: 'insufficient'; remaining: number };

export interface PaceSnapshot {
  usedToday: number;
  /** Today's requests not yet used nor reserved by another job. */
  remainingToday: number;
  /** How long a request made now would wait for its slot (ms). */
  waitMs: number;
  /** How long the company's 429 pause still lasts (ms). */
  pausedMs: number;
}

export interface LimiterStore {
  /** A short name for notes and debug lines: memory, file, redis. */
  readonly kind: string;
  reserve(key: string, request: ReserveRequest): Promise<ReserveResult>;
  confirm(key: string, id: number, request: ConfirmRequest): Promise<ConfirmResult>;
  settle(key: string, id: number, request: SettleRequest): Promise<void>;
  /** Give back a reservation that will not be sent (an aborted call). */
  release(key: string, id: number, request: Stamped): Promise<void>;
  /** Hold every request of the company for `ms` (a 429's Retry-After). */
  pause(key: string, ms: number, request: Stamped): Promise<void>;
  read(key: string, request: Stamped & { lease?: string | undefined }): Promise<PaceSnapshot>;
  reserveBudget(key: string, request: BudgetRequest): Promise<BudgetResult>;
  releaseBudget(key: string, lease: string, request: Stamped): Promise<void>;
}
