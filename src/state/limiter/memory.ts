// One process's limiter state, in memory: for tests, for GONG_LIMITER=memory, and for connectors
// that share nothing with other processes.
import { LocalLimiterStore } from './local.js';
import { emptyPaceState, type PaceState } from './pace.js';

export class MemoryLimiterStore extends LocalLimiterStore {
  readonly kind = 'memory';
  private readonly states = new Map<string, PaceState>();

  protected withState<T>(key: string, change: (state: PaceState) => T): Promise<T> {
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = emptyPaceState()));
    return Promise.resolve(change(state));
  }
}
