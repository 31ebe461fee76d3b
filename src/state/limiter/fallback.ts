// A shared store that may go away (Redis, src/state/limiter/redis.ts) in front of a local one (the
// state file, or memory). While the shared store answers, it decides. When it is unreachable
// (a ConnectionError: refused, dropped, timed out), the store says so once per outage and paces
// locally at a cautious rate — one request per second by default, so even many machines falling
// back at once do not flood Gong — and tries the shared store again after a while. With
// `required`, it refuses instead: nothing is sent without the shared state.
//
// A reservation never spans both stores: ids from the local store are negative (and stay local),
// and a shared reservation that must be confirmed while the shared store is away is re-planned
// locally under its own id, so its confirm, settle and release all go where it now lives.
import { ConnectionError } from '../../http/errors.js';
import { redactText } from '../../http/redact.js';
import type { BudgetRequest, BudgetResult, ConfirmRequest, ConfirmResult, LimiterStore, Pace, PaceSnapshot, ReserveRequest, ReserveResult, SettleRequest } from './types.js';

/** The local pace while the shared store is away: one request per second. */
export const CAUTIOUS_PACE = { intervalMs: 1_000, windowCount: 1, windowMs: 1_000 } as const;
/** How long to pace locally before trying the shared store again (ms). */
const RETRY_SHARED_MS = 30_000;
/** Shared reservations re-planned locally that this process keeps track of, at most. */
const MAX_MOVED = 1_000;

export interface FallbackOptions {
  /** Told once per outage (the message names host:port, never a password). */
  onFallback?: (message: string) => void;
  /** Fail closed: throw when the shared store is unreachable instead of pacing locally. */
  required?: boolean;
  /** How long to stay local before trying the shared store again (ms); default 30 s. */
  retryMs?: number;
  /** The local pace (default CAUTIOUS_PACE); the daily limit stays the caller's. */
  cautiousPace?: Omit<Pace, 'dailyLimit'>;
  /** This process's clock for the retry timer (default Date.now). */
  clock?: () => number;
}

type Stamped = { now: number; pace: Pace };

export class FallbackLimiterStore implements LimiterStore {
  /** When to try the shared store again; undefined while it answers. */
  private retryAt: number | undefined;
  /** Shared reservations (`key`\n`id`) re-planned in the local store, with their local ids. */
  private readonly moved = new Map<string, number>();
  /** Budget leases (`key`\n`lease`) this process took in the local store. */
  private readonly localLeases = new Set<string>();
  private readonly retryMs: number;
  private readonly cautious: Omit<Pace, 'dailyLimit'>;
  private readonly clock: () => number;

  constructor(private readonly shared: LimiterStore, private readonly local: LimiterStore, private readonly options: FallbackOptions = {}) {
    this.retryMs = options.retryMs ?? RETRY_SHARED_MS;
    this.cautious = options.cautiousPace ?? CAUTIOUS_PACE;
    this.clock = options.clock ?? Date.now;
  }

  /** The shared store's kind, or e.g. `redis→file` while pacing locally. */
  get kind(): string {
    return this.retryAt === undefined ? this.shared.kind : `${this.shared.kind}→${this.local.kind}`;
  }

  /** Whether operations currently go to the local store. */
  get fallingBack(): boolean {
    return this.retryAt !== undefined;
  }

  async reserve(key: string, request: ReserveRequest): Promise<ReserveResult> {
    const result = await this.either(
      () => this.shared.reserve(key, request),
      () => this.local.reserve(key, this.slowed(request)),
    );
    return result.local && result.value.kind === 'ok' ? { ...result.value, id: -result.value.id } : result.value;
  }

  async confirm(key: string, id: number, request: ConfirmRequest): Promise<ConfirmResult> {
    const localId = this.localId(key, id);
    if (localId !== undefined) return this.confirmLocally(key, id, localId, request);
    const answer = await this.tryShared(() => this.shared.confirm(key, id, request));
    if (answer.ok) return answer.value;
    // Planned in the shared store, due while it is away: planned again here, under the same id.
    // Today's budget already counted it: no daily limit here.
    const slowed = this.slowed(request);
    const slot = await this.local.reserve(key, { ...slowed, pace: { ...slowed.pace, dailyLimit: Number.MAX_SAFE_INTEGER }, leaseTtlMs: 0 });
    if (slot.kind === 'budget') throw new Error('unreachable: a reservation without a daily limit was refused for its budget');
    if (slot.kind !== 'ok') return slot;
    this.remember(key, id, slot.id);
    return slot.sent ? { kind: 'ok', waitMs: slot.waitMs } : { kind: 'wait', waitMs: slot.waitMs };
  }

  async settle(key: string, id: number, request: SettleRequest): Promise<void> {
    const localId = this.localId(key, id);
    if (localId !== undefined) {
      this.moved.delete(`${key}\n${id}`);
      return this.local.settle(key, localId, request);
    }
    // The answer came back: a shared store that is away only loses a better arrival estimate.
    await this.bestEffort(() => this.shared.settle(key, id, request));
  }

  async release(key: string, id: number, request: Stamped): Promise<void> {
    const localId = this.localId(key, id);
    if (localId !== undefined) {
      this.moved.delete(`${key}\n${id}`);
      return this.local.release(key, localId, this.slowed(request));
    }
    await this.bestEffort(() => this.shared.release(key, id, request));
  }

  async pause(key: string, ms: number, request: Stamped): Promise<void> {
    // Kept locally too: if the shared store goes away during the pause, the local pace still holds it.
    await this.local.pause(key, ms, this.slowed(request));
    await this.bestEffort(() => this.shared.pause(key, ms, request));
  }

  async read(key: string, request: Stamped & { lease?: string | undefined }): Promise<PaceSnapshot> {
    return (await this.either(() => this.shared.read(key, request), () => this.local.read(key, this.slowed(request)))).value;
  }

  async reserveBudget(key: string, request: BudgetRequest): Promise<BudgetResult> {
    const result = await this.either(() => this.shared.reserveBudget(key, request), () => this.local.reserveBudget(key, this.slowed(request)));
    if (result.local) this.localLeases.add(`${key}\n${request.lease}`);
    return result.value;
  }

  async releaseBudget(key: string, lease: string, request: Stamped): Promise<void> {
    // A lease taken during an outage lives in the local store; one taken before, in the shared one.
    if (this.localLeases.delete(`${key}\n${lease}`)) await this.local.releaseBudget(key, lease, this.slowed(request));
    await this.bestEffort(() => this.shared.releaseBudget(key, lease, request));
  }

  /** The local store's id of a reservation: a negative id, or a shared one re-planned here. */
  private localId(key: string, id: number): number | undefined {
    return id < 0 ? -id : this.moved.get(`${key}\n${id}`);
  }

  private async confirmLocally(key: string, id: number, localId: number, request: ConfirmRequest): Promise<ConfirmResult> {
    const result = await this.local.confirm(key, localId, this.slowed(request));
    if (result.kind === 'paused' || result.kind === 'late') this.moved.delete(`${key}\n${id}`);
    return result;
  }

  private remember(key: string, id: number, localId: number): void {
    if (this.moved.size >= MAX_MOVED) this.moved.delete(this.moved.keys().next().value!);
    this.moved.set(`${key}\n${id}`, localId);
  }

  /** The request with the cautious pace (and the caller's daily limit). */
  private slowed<R extends Stamped>(request: R): R {
    return { ...request, pace: { ...this.cautious, dailyLimit: request.pace.dailyLimit } };
  }

  /** The shared store's answer; `ok: false` while it is away (and stays away until the retry). */
  private async tryShared<T>(shared: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.retryAt !== undefined && this.clock() < this.retryAt && !this.options.required) return { ok: false };
    try {
      const value = await shared();
      this.retryAt = undefined;
      return { ok: true, value };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      this.wentAway(error);
      if (this.options.required) throw this.refusal(error);
      return { ok: false };
    }
  }

  /** The shared store's answer, or (while it is away) the local one's. */
  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<{ value: T; local: boolean }> {
    const answer = await this.tryShared(shared);
    return answer.ok ? { value: answer.value, local: false } : { value: await local(), local: true };
  }

  /** Write to the shared store when it is there; its absence is already known or said by the next reserve. */
  private async bestEffort(write: () => Promise<void>): Promise<void> {
    if (this.retryAt !== undefined && this.clock() < this.retryAt) return;
    try {
      await write();
      this.retryAt = undefined;
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      if (!this.options.required) this.wentAway(error);
    }
  }

  private wentAway(error: ConnectionError): void {
    const first = this.retryAt === undefined;
    this.retryAt = this.clock() + this.retryMs;
    if (first && !this.options.required) {
      const pace = `${Math.round((1000 / this.cautious.intervalMs) * 100) / 100} request${this.cautious.intervalMs === 1000 ? '' : 's'} per second`;
      this.options.onFallback?.(
        redactText(
          `${error.message.replace(/\.?$/, '.')} Pacing Gong requests with this machine's ${this.local.kind} state at ${pace} until it answers again (retried every ${Math.round(this.retryMs / 100) / 10} s).`,
        ),
      );
    }
  }

  private refusal(error: ConnectionError): ConnectionError {
    return new ConnectionError({
      message: redactText(`${error.message.replace(/\.?$/, '.')} The shared rate-limit state is required (Redis), so nothing was sent.`),
      hint: 'Start or reach Redis at GONG_REDIS_URL, or allow the local fallback pace (do not require Redis).',
      field: 'GONG_REDIS_URL',
      reached: false,
      cause: error,
    });
  }
}

function isUnreachable(error: unknown): error is ConnectionError {
  return error instanceof ConnectionError;
}
