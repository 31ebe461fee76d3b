// Pacing, the 429 pause and the daily budget (src/pipeline/limiter.ts over the rules in
// src/state/limiter/pace.ts) with a fake clock and the in-memory store.
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, RateLimitError, TimeoutError } from '../../../src/http/errors.js';
import { COLD_ARRIVAL_MS, RateLimiter, formatDuration, type Reservation } from '../../../src/pipeline/limiter.js';
import { ARRIVAL_JITTER_MS } from '../../../src/state/limiter/pace.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { FakeClock, type FakeClockOptions } from '../../support/clock.js';

function limiter(options: { perSecond?: number; dailyLimit?: number; clock?: FakeClock; store?: MemoryLimiterStore; key?: string } = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryLimiterStore();
  return { clock, store, limiter: new RateLimiter(options.key ?? 'https://api.gong.io#abc', { perSecond: options.perSecond ?? 3, dailyLimit: options.dailyLimit ?? 10_000, store, clock }) };
}

/** One request as src/pipeline/client.ts makes it: reserve, send, settle when the answer is back (`rtt` ms later). */
async function send(l: RateLimiter, clock: FakeClock, rtt = 0, ...args: Parameters<RateLimiter['reserve']>): Promise<Reservation> {
  const r = await l.reserve(...args);
  await l.settle(r, clock.now() + rtt);
  return r;
}

describe('pacing', () => {
  it('an empty window lets up to 3 go at once; after that, evenly spaced, each a full second after the one 3 places earlier arrived', async () => {
    const { clock, limiter: l } = limiter();
    const starts: number[] = [];
    for (let i = 0; i < 12; i++) {
      await send(l, clock, 5);
      starts.push(clock.now());
    }
    const t0 = starts[0]!;
    expect(starts.slice(0, 3)).toEqual([t0, t0, t0]);
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(333);
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]! - 5).toBeGreaterThan(1000);
    // The rate floor is kept: after the burst, 3/s and not more (the 4th at 1 s, then 333 ms apart,
    // plus the 6 ms each window allows for the answers' 5 ms).
    expect(starts[11]! - t0).toBeGreaterThanOrEqual(1_000 + 8 * 333);
    expect(starts[11]! - t0).toBeLessThanOrEqual(1_000 + (8 * 1000) / 3 + 4 * 6);
  });

  it('a 2-request call does not wait 333 ms when the window is empty', async () => {
    const { clock, limiter: l } = limiter();
    await send(l, clock, 40);
    await send(l, clock, 40);
    expect(clock.sleeps).toEqual([]);
  });

  it('a burst happens only after the window emptied: a long job keeps its even spacing', async () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 6; i++) await send(l, clock, 5);
    const before = clock.sleeps.length;
    await send(l, clock, 5);
    expect(clock.sleeps.length).toBe(before + 1);
    expect(Math.round(clock.sleeps.at(-1)!)).toBeGreaterThanOrEqual(333);
    clock.t += 1_200; // idle for longer than a window plus the arrival allowance
    const idle = clock.sleeps.length;
    await send(l, clock, 5);
    await send(l, clock, 5);
    expect(clock.sleeps.length).toBe(idle);
  });

  it('requests still in flight may arrive late: the 4th waits for the allowance (more for a first request)', async () => {
    const { clock, limiter: l } = limiter();
    const first = await l.reserve();
    await l.reserve();
    await l.reserve();
    // Nothing answered: the 4th leaves only a window after the 1st's departure plus the allowance;
    // this process has had no answer yet, so its requests open a connection: the larger allowance.
    const fourth = await l.reserve();
    expect(fourth.readyAt - first.readyAt).toBe(1000 + COLD_ARRIVAL_MS + 1);
    expect(clock.now()).toBe(fourth.readyAt);
    await l.settle(fourth, clock.now() + 5);
    clock.t += 2_000;
    const later = [await l.reserve(), await l.reserve(), await l.reserve()];
    expect((await l.reserve()).readyAt - later[0]!.readyAt).toBe(1000 + ARRIVAL_JITTER_MS + 1);
  });

  it('an answer that came back early shortens the wait to the plain window', async () => {
    const { limiter: l, clock } = limiter();
    const first = await l.reserve();
    await l.settle(first, first.readyAt + 20);
    await l.reserve();
    await l.reserve();
    const fourth = await l.reserve();
    expect(fourth.readyAt - first.readyAt).toBe(1000 + 20 + 1);
    expect(clock.now()).toBe(fourth.readyAt);
  });

  it('concurrent callers get distinct slots (each store operation is atomic)', async () => {
    const { limiter: l } = limiter({ perSecond: 2 });
    const reservations = await Promise.all([l.reserve(), l.reserve(), l.reserve()]);
    // 2 per second: two at once, the 3rd a window after the 1st's departure plus the allowance.
    expect(reservations.map((r) => r.waitMs)).toEqual([0, 0, 1000 + COLD_ARRIVAL_MS + 1]);
    expect(new Set(reservations.map((r) => r.id)).size).toBe(3);
  });

  it('limiters of the same company share one schedule through the store; other companies do not', async () => {
    const clock = new FakeClock();
    const store = new MemoryLimiterStore();
    const a = limiter({ clock, store, key: 'co#1' }).limiter;
    const b = limiter({ clock, store, key: 'co#1' }).limiter;
    const c = limiter({ clock, store, key: 'co#2' }).limiter;
    for (let i = 0; i < 3; i++) await send(a, clock, 5);
    expect((await send(b, clock, 5)).waitMs).toBe(1000 + 5 + 1);
    expect((await send(c, clock)).waitMs).toBe(0);
    expect((await a.state()).used_today).toBe(4);
  });

  it('exposes its state: used today, remaining, current wait', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 100 });
    for (let i = 0; i < 3; i++) await send(l, clock);
    expect(await l.state()).toEqual({ used_today: 3, remaining_today: 97, daily_limit: 100, rate_per_second: 3, current_wait_ms: 1001 });
  });

  it('a slot after the deadline is refused without waiting or counting', async () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 3; i++) await send(l, clock);
    await expect(send(l, clock, 0, undefined, clock.now() + 100)).rejects.toBeInstanceOf(TimeoutError);
    expect((await l.state()).used_today).toBe(3);
    expect(clock.sleeps).toEqual([]);
  });

  it('an aborted wait gives its slot back', async () => {
    const controller = new AbortController();
    const clock = new FakeClock({ hold: (ms) => ms > 0 });
    const { limiter: l } = limiter({ clock });
    for (let i = 0; i < 3; i++) await send(l, clock);
    const waiting = l.reserve(controller.signal);
    await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect((await l.state()).used_today).toBe(3);
  });
});

describe('the 429 pause', () => {
  it('holds every caller; one longer than the longest wait is refused with retry_after', async () => {
    const { clock, limiter: l } = limiter();
    await l.pause(clock.now() + 5_000);
    expect((await send(l, clock, 0, undefined, undefined, 60_000)).waitMs).toBe(5_000);
    await l.pause(clock.now() + 1_200_000);
    const error = await send(l, clock, 0, undefined, undefined, 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).toJSON().retry_after).toBe(1200);
  });

  it('a slot planned before a pause is checked again when it wakes: refused, given back, nothing sent', async () => {
    const store = new MemoryLimiterStore();
    let other: RateLimiter | undefined;
    const hooks: FakeClockOptions = {
      // While the 4th request sleeps toward its slot, another process sees a 429 with Retry-After: 1200.
      onSleep: async () => { await other!.pause(clock.now() + 1_200_000); },
    };
    const clock = new FakeClock(hooks);
    const { limiter: l } = limiter({ clock, store });
    other = limiter({ clock, store }).limiter;
    for (let i = 0; i < 3; i++) await send(l, clock);
    const error = await l.reserve(undefined, undefined, 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((await l.state()).used_today).toBe(3);
  });

  it('a short pause written while a slot sleeps makes it wait the pause out', async () => {
    const store = new MemoryLimiterStore();
    let paused = false;
    const clock: FakeClock = new FakeClock({
      onSleep: async () => {
        if (paused) return;
        paused = true;
        await other.pause(clock.now() + 4_000);
      },
    });
    const { limiter: l } = limiter({ clock, store });
    const other = limiter({ clock, store }).limiter;
    for (let i = 0; i < 3; i++) await send(l, clock);
    const start = clock.now();
    const r = await l.reserve(undefined, undefined, 60_000);
    // The pause began as it fell asleep: it leaves when the pause ends, not at its planned slot.
    expect(r.readyAt - start).toBe(4_000);
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
    expect((await send(l, clock)).waitMs).toBe(0);
    expect((await l.state()).used_today).toBe(1);
  });

  it('reserveBudget refuses work that cannot fit, with the estimate, its duration and what remains', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 50 });
    for (let i = 0; i < 45; i++) await send(l, clock);
    await expect(l.reserveBudget(5, 'small job', 'job-1')).resolves.toBeUndefined();
    await l.releaseBudget('job-1');
    const error = await l.reserveBudget(31, 'gong_calls_list (3,000 records in all)', 'job-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toBe(
      "gong_calls_list (3,000 records in all) needs at least 31 Gong requests (about 10 s at 3/s), but only 5 of today's 50 remain (UTC day, including what other running jobs reserved); nothing was sent.",
    );
  });

  it('two jobs that together do not fit cannot both start; the first finishes on its reservation', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 30, perSecond: 1000 });
    await l.reserveBudget(20, 'job A', 'a');
    await expect(l.reserveBudget(20, 'job B', 'b')).rejects.toBeInstanceOf(BudgetExceededError);
    // A request outside any job may use only what nobody reserved.
    for (let i = 0; i < 10; i++) await send(l, clock);
    await expect(send(l, clock)).rejects.toBeInstanceOf(BudgetExceededError);
    for (let i = 0; i < 20; i++) await send(l, clock, 0, undefined, undefined, undefined, 'a');
    expect((await l.state()).used_today).toBe(30);
  });

  it('what a job reserved and did not use is free again when it ends', async () => {
    const { clock, limiter: l } = limiter({ dailyLimit: 30, perSecond: 1000 });
    await l.reserveBudget(25, 'job A', 'a');
    expect((await l.state()).remaining_today).toBe(5);
    expect((await l.state('a')).remaining_today).toBe(30);
    for (let i = 0; i < 5; i++) await send(l, clock, 0, undefined, undefined, undefined, 'a');
    await l.releaseBudget('a');
    expect((await l.state()).remaining_today).toBe(25);
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
    await l.settle(w, w.readyAt + 4, true);
    clock.t += 2_000;
    const a = await l.reserve();
    const sentA = a.readyAt + 80; // the event loop was busy: A really left 80 ms after its slot
    await l.settle(a, sentA + 4, true, sentA);
    await l.reserve();
    await l.reserve();
    const d = await l.reserve();
    // D must start a full second after A's real departure (plus the warm allowance), not its slot.
    expect(d.readyAt - sentA).toBeGreaterThan(1000);
  });
});
