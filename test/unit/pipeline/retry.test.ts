// The retry decision table (src/pipeline/retry.ts): one row per failure kind and request kind.
import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, parseRetryAfter, type Failure, type RetryContext } from '../../../src/pipeline/retry.js';

const base = (failure: Failure, over: Partial<RetryContext> = {}): RetryContext => ({
  failure, attempt: 1, maxAttempts: 4, readOnly: false, replaySafe: false, remainingMs: 600_000, maxRetryAfterMs: 60_000, random: () => 0, ...over,
});

describe('decideRetry', () => {
  const rows: Array<[string, Failure, { readOnly?: boolean; replaySafe?: boolean }, boolean]> = [
    ['read 500', { kind: 'status', status: 500 }, { readOnly: true }, true],
    ['read 502', { kind: 'status', status: 502 }, { readOnly: true }, true],
    ['write 500', { kind: 'status', status: 500 }, {}, false],
    ['replay-safe write 503', { kind: 'status', status: 503 }, { replaySafe: true }, true],
    ['read 400', { kind: 'status', status: 400 }, { readOnly: true }, false],
    ['read 401', { kind: 'status', status: 401 }, { readOnly: true }, false],
    ['read 404', { kind: 'status', status: 404 }, { readOnly: true }, false],
    ['write 409', { kind: 'status', status: 409 }, { replaySafe: true }, false],
    ['write 429', { kind: 'status', status: 429 }, {}, true],
    ['write, connection never reached Gong', { kind: 'network', reached: false }, {}, true],
    ['write, connection reset after sending', { kind: 'network', reached: true }, {}, false],
    ['read, connection reset', { kind: 'network', reached: true }, { readOnly: true }, true],
    ['write, connect timeout', { kind: 'timeout', reached: false }, {}, true],
    ['write, response timeout', { kind: 'timeout', reached: true }, {}, false],
    ['read, response timeout', { kind: 'timeout', reached: true }, { readOnly: true }, true],
    ['read, malformed body', { kind: 'malformed' }, { readOnly: true }, true],
    ['write, malformed body', { kind: 'malformed' }, {}, false],
  ];
  it.each(rows)('%s → retry %s', (_, failure, kind, retry) => {
    expect(decideRetry(base(failure, kind)).retry).toBe(retry);
  });

  it('stops at maxAttempts and when the deadline is too close', () => {
    expect(decideRetry(base({ kind: 'status', status: 500 }, { readOnly: true, attempt: 4 }))).toEqual({ retry: false, reason: 'attempts exhausted' });
    expect(decideRetry(base({ kind: 'status', status: 500 }, { readOnly: true, remainingMs: 100 }))).toEqual({ retry: false, reason: 'the deadline is too close' });
  });

  it('a 429 above the longest wait is returned, carrying the wait', () => {
    expect(decideRetry(base({ kind: 'status', status: 429, retryAfterMs: 1_200_000 }))).toMatchObject({ retry: false, retryAfterMs: 1_200_000 });
    expect(decideRetry(base({ kind: 'status', status: 429, retryAfterMs: 7_000 }))).toEqual({ retry: true, delayMs: 7_000, reason: '429 rate limited' });
  });

  it('backoff doubles, is capped at 30 s, and half of it is jitter', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  it.each([
    ['7', 7_000], ['0', 0], [' 1200 ', 1_200_000], ['1.5', 1_500],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000], ['Mon, 02 Mar 2026 09:00:00 GMT', 0],
    ['soon', undefined], ['', undefined], ['-5', undefined],
    // Gong's own long waits (hours) are kept as sent; anything beyond a day is read as a day.
    ['7200', 7_200_000], ['86400', 86_400_000], ['86401', 86_400_000], ['99999999999', 86_400_000],
    ['Fri, 31 Dec 9999 23:59:59 GMT', 86_400_000],
  ] as const)('%j → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
