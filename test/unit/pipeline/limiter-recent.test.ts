// The limiter's memory of recent starts stays bounded by what can still delay a start, whatever
// the configured rate (it once grew with every request at high rates, making each call slower).
import { describe, expect, it } from 'vitest';
import { RateLimiter, type LimiterState, type LimiterStore } from '../../../src/pipeline/limiter.js';
import { FakeClock } from '../../support/clock.js';

class InspectableStore implements LimiterStore {
  state: LimiterState = { nextSlotAt: 0, pausedUntil: 0, day: '', usedToday: 0, lastWaitMs: 0, recent: [] };
  async update<T>(_key: string, change: (state: LimiterState) => T): Promise<T> {
    return change(this.state);
  }
}

describe('limiter recent starts', () => {
  it('at 1,000,000/s over 20,000 requests 1 ms apart, keeps about one window of starts, not all of them', async () => {
    const clock = new FakeClock();
    const store = new InspectableStore();
    const limiter = new RateLimiter('k', { perSecond: 1_000_000, dailyLimit: 1e9, store, clock });
    let longest = 0;
    for (let i = 0; i < 20_000; i++) {
      const { slot } = await limiter.reserve();
      await limiter.settle(slot, clock.now());
      clock.t += 1;
      longest = Math.max(longest, store.state.recent.length);
    }
    // A window (1 s) plus the 100 ms arrival allowance at one request per ms.
    expect(longest).toBeLessThanOrEqual(1_102);
    expect(longest).toBeGreaterThan(1_000);
    expect(store.state.recent.every((r) => r.settled !== undefined)).toBe(true);
  });

  it('at 3/s keeps exactly the last three starts', async () => {
    const clock = new FakeClock();
    const store = new InspectableStore();
    const limiter = new RateLimiter('k', { perSecond: 3, dailyLimit: 1e9, store, clock });
    const slots: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { slot } = await limiter.reserve();
      slots.push(slot);
      await limiter.settle(slot, clock.now() + 5);
    }
    expect(store.state.recent.map((r) => r.slot)).toEqual(slots.slice(-3));
  });
});
