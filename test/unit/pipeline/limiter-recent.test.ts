// The limiter's memory of recent requests stays bounded by what can still delay a start, whatever
// the configured rate (it once grew with every request at high rates, making each call slower).
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/pipeline/limiter.js';
import { LocalLimiterStore } from '../../../src/state/limiter/local.js';
import { emptyPaceState, type PaceState } from '../../../src/state/limiter/pace.js';
import { FakeClock } from '../../support/clock.js';

class InspectableStore extends LocalLimiterStore {
  readonly kind = 'inspectable';
  state: PaceState = emptyPaceState();
  protected withState<T>(_key: string, change: (state: PaceState) => T): Promise<T> {
    return Promise.resolve(change(this.state));
  }
}

describe('limiter recent requests', () => {
  it('at 1,000,000/s over 20,000 requests 1 ms apart, keeps about one window of them, not all', async () => {
    const clock = new FakeClock();
    const store = new InspectableStore();
    const limiter = new RateLimiter('k', { perSecond: 1_000_000, dailyLimit: 1e9, store, clock });
    let longest = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = await limiter.reserve();
      await limiter.settle(r, clock.now());
      clock.t += 1;
      longest = Math.max(longest, store.state.recent.length);
    }
    // A window (1 s) plus the 1 ms margin at one request per ms.
    expect(longest).toBeLessThanOrEqual(1_102);
    expect(longest).toBeGreaterThan(1_000);
    expect(store.state.recent.every((r) => r.arrived !== undefined)).toBe(true);
  });

  it('at 3/s keeps only the requests of the last window', async () => {
    const clock = new FakeClock();
    const store = new InspectableStore();
    const limiter = new RateLimiter('k', { perSecond: 3, dailyLimit: 1e9, store, clock });
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await limiter.reserve();
      ids.push(r.id);
      await limiter.settle(r, clock.now() + 5);
    }
    const kept = store.state.recent.map((r) => r.id);
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(kept.slice(-3)).toEqual(ids.slice(-3));
  });
});
