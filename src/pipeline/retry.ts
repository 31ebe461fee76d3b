// The one place that decides whether a failed request is sent again, and after how long.
// Reads are retried on 429, 5xx, resets, timeouts and broken bodies. Writes are retried only
// when Gong cannot have applied them (429, or a connection that never reached Gong) or when
// they carry an idempotency key Gong deduplicates on (clientUniqueId, eventId). Every retry is
// bounded by the attempt count and by the tool call's deadline; Retry-After is honoured up to the
// longest wait (maxRetryAfterMs), beyond which the caller gets the wait instead of a hang.

export type Failure =
  | { kind: 'status'; status: number; retryAfterMs?: number | undefined }
  | { kind: 'network'; reached: boolean }
  | { kind: 'timeout'; reached: boolean }
  | { kind: 'malformed' };

export interface RetryContext {
  failure: Failure;
  /** The attempt that just failed, from 1. */
  attempt: number;
  maxAttempts: number;
  /** GET, or a POST that only reads. */
  readOnly: boolean;
  /** The body carries a key Gong deduplicates on, so a replay cannot apply twice. */
  replaySafe: boolean;
  /** Milliseconds left before the tool call's deadline. */
  remainingMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string }
  | { retry: false; reason: string; retryAfterMs?: number };

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with equal jitter: half fixed, half random, so retries spread out. */
export function backoffMs(attempt: number, random: () => number): number {
  const exp = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function decideRetry(ctx: RetryContext): RetryDecision {
  const { failure } = ctx;
  const safeToRepeat = ctx.readOnly || ctx.replaySafe;
  if (failure.kind === 'status' && failure.status === 429) {
    // Gong rejected the request unprocessed: any request may be repeated, if the wait is acceptable.
    const wait = failure.retryAfterMs ?? backoffMs(ctx.attempt, ctx.random);
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > ctx.maxRetryAfterMs) {
      return { retry: false, reason: `Retry-After ${Math.ceil(wait / 1000)} s exceeds the longest wait`, retryAfterMs: wait };
    }
    if (ctx.attempt >= ctx.maxAttempts) return { retry: false, reason: 'attempts exhausted', retryAfterMs: wait };
    if (wait >= ctx.remainingMs) return { retry: false, reason: 'the deadline is too close', retryAfterMs: wait };
    // A little jitter on top of Retry-After so parallel callers do not return in lockstep.
    return { retry: true, delayMs: wait + Math.round(ctx.random() * 250), reason: '429 rate limited' };
  }
  if (ctx.attempt >= ctx.maxAttempts) return { retry: false, reason: 'attempts exhausted' };
  let reason: string | undefined;
  if (failure.kind === 'status' && (failure.status >= 500 || failure.status === 408) && safeToRepeat) reason = `${failure.status} server error`;
  else if (failure.kind === 'network' && (!failure.reached || safeToRepeat)) reason = 'connection failed';
  else if (failure.kind === 'timeout' && (!failure.reached || safeToRepeat)) reason = 'request timed out';
  else if (failure.kind === 'malformed' && safeToRepeat) reason = 'malformed or truncated response';
  if (reason === undefined) {
    return { retry: false, reason: safeToRepeat ? 'not retryable' : 'a write that may have reached Gong is never repeated' };
  }
  let delayMs = backoffMs(ctx.attempt, ctx.random);
  // A 503 may say when to come back: honoured like a 429's, within the same longest wait.
  const asked = failure.kind === 'status' ? failure.retryAfterMs : undefined;
  if (asked !== undefined) {
    if (asked > ctx.maxRetryAfterMs) return { retry: false, reason: `Retry-After ${Math.ceil(asked / 1000)} s exceeds the longest wait`, retryAfterMs: asked };
    delayMs = Math.max(delayMs, asked);
  }
  if (delayMs >= ctx.remainingMs) return { retry: false, reason: 'the deadline is too close' };
  return { retry: true, delayMs, reason };
}

/**
 * The longest Retry-After believed. Gong's own waits (the daily quota) run to hours and are kept
 * and reported as sent; a larger value is absurd (99,999,999,999 s) and is read as one day.
 */
const MAX_RETRY_AFTER_BELIEVED_MS = 86_400_000;

/** Retry-After as seconds or an HTTP date → milliseconds from now, at most a day. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_BELIEVED_MS, Math.round(Number(trimmed) * 1000));
  // An HTTP date names a weekday and month; anything else (e.g. "-5") is not a Retry-After.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_BELIEVED_MS, Math.max(0, at - now));
}
