// The fallback store (src/state/limiter/fallback.ts) with a shared store that can be switched off
// (a memory store that throws ConnectionError while "down") and a clock in hand: one message per
// outage, the cautious local pace, the retry after a while, reservations that never span both
// stores, and failing closed with `required`.
import { describe, expect, it } from 'vitest';
import { ConnectionError, InternalError } from '../../../../src/http/errors.js';
import { CAUTIOUS_PACE, FallbackLimiterStore } from '../../../../src/state/limiter/fallback.js';
import { MemoryLimiterStore } from '../../../../src/state/limiter/memory.js';
import type { LimiterStore, Pace } from '../../../../src/state/limiter/types.js';

const KEY = 'https://api.gong.io#abc';
const GONG: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 100 };

/** A shared store that answers like the memory store, or fails like an unreachable Redis. */
function switchable(): { store: LimiterStore; memory: MemoryLimiterStore; calls: string[]; down: (d: boolean) => void; fail: (e?: Error) => void } {
  const memory = new MemoryLimiterStore();
  const calls: string[] = [];
  let error: Error | undefined;
  const store = new Proxy(memory, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'kind') return 'redis';
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        if (error) return Promise.reject(error);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const outage = () => new ConnectionError({ message: 'Redis at 127.0.0.1:6399 is unavailable: connect ECONNREFUSED 127.0.0.1:6399', reached: false });
  return { store, memory, calls, down: (d) => (error = d ? outage() : undefined), fail: (e) => (error = e) };
}

function setup(options: { required?: boolean } = {}) {
  const shared = switchable();
  const local = new MemoryLimiterStore();
  const messages: string[] = [];
  let t = Date.UTC(2026, 11, 2, 10);
  const store = new FallbackLimiterStore(shared.store, local, { ...options, onFallback: (m) => messages.push(m), retryMs: 30_000, clock: () => t });
  const limits = () => ({ now: t, pace: GONG, maxPauseMs: -1, deadlineInMs: -1, leaseTtlMs: 60_000 });
  return { shared, local, store, messages, limits, advance: (ms: number) => (t += ms), now: () => t };
}

describe('falling back from a shared store that went away', () => {
  it('says so once, paces locally at one request per second, and goes back to the shared store after the retry interval', async () => {
    const { shared, local, store, messages, limits, advance } = setup();
    expect(await store.reserve(KEY, limits())).toMatchObject({ kind: 'ok', id: 1 });
    expect(store.kind).toBe('redis');

    shared.down(true);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const slot = await store.reserve(KEY, limits());
      expect(slot.kind).toBe('ok');
      const { id, waitMs } = slot as { id: number; waitMs: number };
      expect(id).toBeLessThan(0); // a local id
      waits.push(waitMs);
      advance(waitMs);
      if (!(slot as { sent: boolean }).sent) expect(await store.confirm(KEY, id, limits())).toMatchObject({ kind: 'ok' });
      await store.settle(KEY, id, { now: limits().now, pace: GONG, departedLateMs: 0, elapsedMs: 20, warm: false });
    }
    // The first goes at once (the local window is empty); then one per second, whatever Gong's pace.
    expect(waits[0]).toBe(0);
    for (const w of waits.slice(1)) expect(w).toBeGreaterThanOrEqual(CAUTIOUS_PACE.intervalMs);
    expect(store.fallingBack).toBe(true);
    expect(store.kind).toBe('redis→memory');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/127\.0\.0\.1:6399 is unavailable.*1 request per second.*retried every 30 s/);
    expect((await local.read(KEY, { now: limits().now, pace: GONG })).usedToday).toBe(4);

    // Within the retry interval the shared store is left alone.
    const before = shared.calls.length;
    await store.read(KEY, { now: limits().now, pace: GONG });
    expect(shared.calls.length).toBe(before);

    shared.down(false);
    advance(30_000);
    expect(await store.reserve(KEY, limits())).toMatchObject({ kind: 'ok', id: 2 });
    expect(store.fallingBack).toBe(false);
    expect(messages).toHaveLength(1);

    // A second outage is a second message.
    shared.down(true);
    await store.reserve(KEY, limits());
    expect(messages).toHaveLength(2);
  });

  it('a shared reservation due while the shared store is away is planned again locally, and its settle and release follow it', async () => {
    const { shared, local, store, limits, advance } = setup();
    for (let i = 0; i < 3; i++) await store.reserve(KEY, limits());
    const queued = await store.reserve(KEY, limits()); // planned a second ahead: needs a confirm
    expect(queued).toMatchObject({ kind: 'ok', id: 4, sent: false });
    const other = await store.reserve(KEY, limits());
    expect(other).toMatchObject({ kind: 'ok', id: 5, sent: false });

    shared.down(true);
    advance((queued as { waitMs: number }).waitMs);
    expect(await store.confirm(KEY, 4, limits())).toMatchObject({ kind: 'ok', waitMs: 0 });
    expect(await store.confirm(KEY, 5, limits())).toMatchObject({ kind: 'wait' }); // one per second locally
    expect(shared.calls.filter((c) => c === 'confirm')).toHaveLength(1); // tried once, then left alone
    const localState = await local.read(KEY, { now: limits().now, pace: GONG });
    expect(localState.usedToday).toBe(2);

    // Back on the shared store: the moved reservations stay local to the end.
    shared.down(false);
    advance(30_000);
    const sharedCalls = shared.calls.length;
    expect(await store.confirm(KEY, 5, limits())).toMatchObject({ kind: 'ok' });
    await store.settle(KEY, 4, { now: limits().now, pace: GONG, departedLateMs: 0, elapsedMs: 5, warm: false });
    await store.settle(KEY, 5, { now: limits().now, pace: GONG, departedLateMs: 0, elapsedMs: 5, warm: false });
    expect(shared.calls.length).toBe(sharedCalls);
    // A local reservation taken during the outage is released locally after it.
    shared.down(true);
    advance(30_000);
    const mine = (await store.reserve(KEY, limits())) as { id: number; sent: boolean };
    expect(mine.id).toBeLessThan(0);
    shared.down(false);
    advance(30_000);
    await store.release(KEY, mine.id, { now: limits().now, pace: GONG });
    expect((await local.read(KEY, { now: limits().now, pace: GONG })).usedToday).toBe(mine.sent ? 3 : 2);
  });

  it("settle, release and pause while the shared store is away do not fail the call; a pause holds the local pace too", async () => {
    const { shared, store, limits, now } = setup();
    const slot = (await store.reserve(KEY, limits())) as { id: number };
    shared.down(true);
    await expect(store.settle(KEY, slot.id, { now: now(), pace: GONG, departedLateMs: 0, elapsedMs: 5, warm: false })).resolves.toBeUndefined();
    await expect(store.release(KEY, slot.id, { now: now(), pace: GONG })).resolves.toBeUndefined();
    await store.pause(KEY, 20_000, { now: now(), pace: GONG });
    expect(await store.reserve(KEY, { ...limits(), maxPauseMs: 1_000 })).toMatchObject({ kind: 'paused', waitMs: 20_000 });
    await expect(store.releaseBudget(KEY, 'job', { now: now(), pace: GONG })).resolves.toBeUndefined();
  });

  it("a job's budget lease taken during an outage is released where it lives, after the shared store is back", async () => {
    const { shared, local, store, now, advance } = setup();
    const budget = (lease: string) => ({ now: now(), pace: GONG, lease, requests: 60, ttlMs: 600_000 });
    expect(await store.reserveBudget(KEY, budget('before'))).toEqual({ kind: 'ok' });
    shared.down(true);
    expect(await store.reserveBudget(KEY, budget('during'))).toEqual({ kind: 'ok' });
    expect(await store.reserveBudget(KEY, budget('again'))).toEqual({ kind: 'insufficient', remaining: 40 });
    shared.down(false);
    advance(30_000);
    await store.releaseBudget(KEY, 'during', { now: now(), pace: GONG });
    expect((await local.read(KEY, { now: now(), pace: GONG })).remainingToday).toBe(100);
    expect((await store.read(KEY, { now: now(), pace: GONG })).remainingToday).toBe(40); // the shared store still holds 'before'
    await store.releaseBudget(KEY, 'before', { now: now(), pace: GONG });
    expect((await store.read(KEY, { now: now(), pace: GONG })).remainingToday).toBe(100);
  });

  it('an error that is not an outage (a broken script) is thrown, not hidden by the fallback', async () => {
    const { shared, store, limits, messages } = setup();
    shared.fail(new InternalError({ message: 'Redis answered with an error: ERR bad script' }));
    await expect(store.reserve(KEY, limits())).rejects.toBeInstanceOf(InternalError);
    expect(store.fallingBack).toBe(false);
    expect(messages).toEqual([]);
  });

  it('required: refuses with a ConnectionError that says nothing was sent, and tries the shared store every time', async () => {
    const { shared, store, limits, messages } = setup({ required: true });
    shared.down(true);
    for (let i = 0; i < 2; i++) {
      const error = (await store.reserve(KEY, limits()).catch((e: unknown) => e)) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toMatch(/127\.0\.0\.1:6399 is unavailable.*required.*nothing was sent/);
      expect(error.reached).toBe(false);
    }
    await expect(store.reserveBudget(KEY, { now: limits().now, pace: GONG, lease: 'job', requests: 3, ttlMs: 1_000 })).rejects.toBeInstanceOf(ConnectionError);
    expect(shared.calls.filter((c) => c === 'reserve')).toHaveLength(2);
    expect(messages).toEqual([]);
    shared.down(false);
    expect(await store.reserve(KEY, limits())).toMatchObject({ kind: 'ok', id: 1 });
  });
});
