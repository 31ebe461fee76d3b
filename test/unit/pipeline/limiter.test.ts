// Pacing and the daily budget (src/pipeline/limiter.ts) with a fake clock.
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, RateLimitError, TimeoutError } from '../../../src/http/errors.js';
import { ARRIVAL_JITTER_MS, MemoryLimiterStore, RateLimiter, formatDuration } from '../../../src/pipeline/limiter.js';
import { FakeClock } from '../../support/clock.js';

function limiter(options: { perSecond?: number; dailyLimit?: number; clock?: FakeClock; store?: MemoryLimiterStore; key?: string } = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryLimiterStore();
  return { clock, store, limiter: new RateLimiter(options.key ?? 'https://api.gong.io#abc', { perSecond: options.perSecond ?? 3, dailyLimit: options.dailyLimit ?? 10_000, store, clock }) };
}

/** One request as src/http/client.ts makes it: reserve a slot, send, settle when the answer is back (at once here). */
async function send(l: RateLimiter, clock: FakeClock, ...args: Parameters<RateLimiter['reserve']>): Promise<number> {
  const { waitMs, slot } = await l.reserve(...args);
  await l.settle(slot, clock.now());
  return waitMs;
}

describe('pacing', () => {
  it('3 req/s → evenly spaced; the 4th starts a full second after the 1st is known to have arrived', async () => {
    const { clock, limiter: l } = limiter();
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { slot } = await l.reserve();
      starts.push(clock.now());
      // The answer comes back 5 ms later (a fast connection): the request had arrived by then.
      await l.settle(slot, clock.now() + 5);
    }
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(333);
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]! - 5).toBeGreaterThan(1000);
    // …and not much more than the floor of 3 per second.
    expect(starts[9]! - starts[0]!).toBeLessThanOrEqual(3 * 1000 + 3 * 6);
  });

  it('a request still in flight may arrive late (a new connection): the window allows for that', async () => {
    const { clock, limiter: l } = limiter();
    const first = await l.reserve();
    await l.reserve();
    await l.reserve();
    // Nothing answered yet: the 4th waits until the 1st's start + the jitter allowance + 1 s.
    const fourth = await l.reserve();
    expect(fourth.slot - first.slot).toBeGreaterThanOrEqual(1000 + ARRIVAL_JITTER_MS);
    expect(clock.sleeps.at(-1)).toBe(fourth.waitMs);
  });

  it('an answer that came back early shortens the wait to the plain window', async () => {
    const { limiter: l } = limiter();
    const first = await l.reserve();
    await l.settle(first.slot, first.slot + 20);
    await l.reserve();
    await l.reserve();
    const fourth = await l.reserve();
    expect(fourth.slot - first.slot).toBe(1000 + 20 + 1);
  });

  it('concurrent callers get distinct slots (the store update is atomic)', async () => {
    const { clock, limiter: l } = limiter({ perSecond: 2 });
    // Three calls at once, all in flight (none answered) while the others reserve.
    const reservations = await Promise.all([l.reserve(), l.reserve(), l.reserve()]);
    // Spaced 500 ms; the 3rd also waits for the 1st's window (start + jitter allowance + 1 s).
    expect(reservations.map((r) => r.waitMs)).toEqual([0, 500, 1000 + ARRIVAL_JITTER_MS + 1]);
    expect(new Set(reservations.map((r) => r.slot)).size).toBe(3);
    expect(clock.sleeps).toEqual([500, 1000 + ARRIVAL_JITTER_MS + 1]);
    for (const r of reservations) await l.settle(r.slot, clock.now());
  });

  it('limiters of the same company share one schedule through the store; other companies do not', async () => {
    const clock = new FakeClock();
    const store = new MemoryLimiterStore();
    const a = limiter({ clock, store, key: 'co#1' }).limiter;
    const b = limiter({ clock, store, key: 'co#1' }).limiter;
    const c = limiter({ clock, store, key: 'co#2' }).limiter;
    await send(a, clock);
    expect(Math.round(await send(b, clock))).toBe(333);
    expect(await send(c, clock)).toBe(0);
    expect((await a.state()).used_today).toBe(2);
  });

  it('exposes its state: used today, remaining, current wait', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 100 });
    await send(l, clock);
    await send(l, clock);
    expect(await l.state()).toEqual({ used_today: 2, remaining_today: 98, daily_limit: 100, rate_per_second: 3, current_wait_ms: 333 });
  });

  it('a slot after the deadline is refused without waiting or counting', async () => {
    const { clock, limiter: l } = limiter();
    await send(l, clock);
    await expect(send(l, clock, undefined, clock.now() + 100)).rejects.toBeInstanceOf(TimeoutError);
    expect((await l.state()).used_today).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a 429 pause holds every caller; one longer than the longest wait is refused with retry_after', async () => {
    const { clock, limiter: l } = limiter();
    await l.pause(clock.now() + 5_000);
    expect(await send(l, clock, undefined, undefined, 60_000)).toBe(5_000);
    await l.pause(clock.now() + 1_200_000);
    const error = await send(l, clock, undefined, undefined, 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).toJSON().retry_after).toBe(1200);
  });
});

describe('the daily budget', () => {
  it('refuses the request after the budget, and resets at 00:00 UTC', async () => {
    const clock = new FakeClock({ start: Date.parse('2026-03-02T23:59:58Z') });
    const { limiter: l } = limiter({ clock, dailyLimit: 2 });
    await send(l, clock);
    await send(l, clock);
    const error = await send(l, clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).message).toBe('The daily Gong request budget (2) is used up for today (UTC); nothing was sent.');
    expect((error as BudgetExceededError).hint).toContain('(in 2 s)');
    expect((error as BudgetExceededError).exitCode).toBe(5);
    clock.t = Date.parse('2026-03-03T00:00:00Z');
    expect(await send(l, clock)).toBe(0);
    expect((await l.state()).used_today).toBe(1);
  });

  it('ensureBudget refuses work that cannot fit, with the estimate, its duration and what remains', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 50 });
    for (let i = 0; i < 45; i++) await send(l, clock);
    await expect(l.ensureBudget(5, 'small job')).resolves.toBeUndefined();
    const error = await l.ensureBudget(31, 'gong_calls_list (3,000 records in all)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toBe(
      "gong_calls_list (3,000 records in all) needs at least 31 Gong requests (about 10 s at 3/s), but only 5 of today's 50 remain (UTC day); nothing was sent.",
    );
  });

  it('formats durations for people', () => {
    expect([formatDuration(12_000), formatDuration(200_000), formatDuration(3_600_000), formatDuration(3_900_000)]).toEqual(['12 s', '3 min 20 s', '1 h', '1 h 5 min']);
  });
});

describe('arrival window with late departures', () => {
  it('a warm request that left late (busy event loop) still keeps the 4th out of its window', async () => {
    const { clock, limiter: l } = limiter();
    // Warm-up: a fast answer on an open connection teaches a 4 ms round trip.
    const w = await l.reserve();
    await l.settle(w.slot, w.slot + 4, true);
    clock.t += 2_000;
    const a = await l.reserve();
    const sentA = a.slot + 80; // the event loop was busy: A really left 80 ms after its slot
    await l.settle(a.slot, sentA + 4, true, sentA);
    await l.reserve();
    await l.reserve();
    const d = await l.reserve();
    // D must start a full second after A's real departure (plus the warm allowance), not its slot.
    expect(d.slot - sentA).toBeGreaterThan(1000);
  });
});
