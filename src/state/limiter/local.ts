// The stores that run the pacer's rules in this process (pace.ts) on a state they hold or load:
// each operation is one atomic change of one company's state.
import * as rules from './pace.js';
import type { PaceState } from './pace.js';
import type { BudgetRequest, BudgetResult, ConfirmRequest, ConfirmResult, LimiterStore, PaceSnapshot, ReserveRequest, ReserveResult, SettleRequest } from './types.js';

export abstract class LocalLimiterStore implements LimiterStore {
  abstract readonly kind: string;
  /** Atomically load one company's state, apply `change`, and keep the result. */
  protected abstract withState<T>(key: string, change: (state: PaceState) => T): Promise<T>;

  reserve(key: string, request: ReserveRequest): Promise<ReserveResult> {
    return this.withState(key, (s) => rules.reserve(s, request));
  }
  confirm(key: string, id: number, request: ConfirmRequest): Promise<ConfirmResult> {
    return this.withState(key, (s) => rules.confirm(s, id, request));
  }
  settle(key: string, id: number, request: SettleRequest): Promise<void> {
    return this.withState(key, (s) => rules.settle(s, id, request));
  }
  release(key: string, id: number): Promise<void> {
    return this.withState(key, (s) => rules.release(s, id));
  }
  pause(key: string, ms: number, request: { now: number }): Promise<void> {
    return this.withState(key, (s) => rules.pause(s, request.now, ms));
  }
  read(key: string, request: { now: number; pace: ReserveRequest['pace']; lease?: string | undefined }): Promise<PaceSnapshot> {
    return this.withState(key, (s) => rules.read(s, request.now, request.pace, request.lease));
  }
  reserveBudget(key: string, request: BudgetRequest): Promise<BudgetResult> {
    return this.withState(key, (s) => rules.reserveBudget(s, request));
  }
  releaseBudget(key: string, lease: string): Promise<void> {
    return this.withState(key, (s) => rules.releaseBudget(s, lease));
  }
}
