// A fleet's limiter state in Redis: every machine's processes share one company's pace, daily
// count, 429 pause and job reservations, each operation one Lua script run atomically by Redis
// (src/state/limiter/redis-scripts.ts, the rules of pace.ts) on Redis's own clock. Redis is
// reached through src/state/redis.ts (node-redis loaded only when used, or the caller's client);
// when it is away, operations fail with RedisUnavailableError, which src/state/limiter/fallback.ts
// turns into a cautious local pace or a clear refusal.
import { fingerprint } from '../../util/fingerprint.js';
import { defineLua, openRedis, RedisUnavailableError, type OpenRedisOptions, type RedisCommands, type SharedRedis } from '../redis.js';
import { parseRedisUrl } from '../redis-url.js';
import { PACE_LUA, type PaceOp } from './redis-scripts.js';
import type { BudgetRequest, BudgetResult, ConfirmRequest, ConfirmResult, LimiterStore, Pace, PaceSnapshot, ReserveRequest, ReserveResult, SettleRequest } from './types.js';

const SCRIPT = defineLua(PACE_LUA);

export interface RedisLimiterStoreOptions {
  /**
   * Keep time by the caller's `now` instead of Redis's TIME. Only for tests that replay one clock
   * through this store and a local one: a fleet needs one clock, Redis's.
   */
  callerClock?: boolean;
  /**
   * Give up on one operation, connecting included, after this long (ms; default 3000): a Redis
   * that accepts connections but stops answering (stopped, overloaded, a dropped link) is then
   * unavailable instead of holding every request. node-redis's own command timeout does not cover
   * a reply that never comes.
   */
  operationTimeoutMs?: number;
  /** How messages name this Redis (default `Redis`; the factory says `Redis at host:port`). */
  name?: string;
}

const OPERATION_TIMEOUT_MS = 3_000;

/** The Redis key of one company's state: a digest of its key (base URL and credential fingerprint) in a hash tag. */
export function redisLimiterKey(key: string): string {
  return `gong:limits:{${fingerprint(key)}}`;
}

type Stamped = { now: number; pace: Pace };

/** A number as the script reads it back exactly (String() round-trips a double). */
const arg = (n: number): string => String(n);

export class RedisLimiterStore implements LimiterStore {
  readonly kind = 'redis';
  private connection: Promise<SharedRedis> | undefined;

  /** `redis`: an open SharedRedis, or how to open one (tried again on the next operation when it fails). */
  constructor(private readonly redis: SharedRedis | (() => Promise<SharedRedis>), private readonly options: RedisLimiterStoreOptions = {}) {}

  async reserve(key: string, r: ReserveRequest): Promise<ReserveResult> {
    const [kind, a, b, c] = await this.run('reserve', key, r, [arg(r.maxPauseMs), arg(r.deadlineInMs), r.lease ?? '', arg(r.leaseTtlMs), r.allowanceMs === undefined ? '' : arg(r.allowanceMs)]);
    if (kind === 'ok') return { kind: 'ok', id: Number(a), waitMs: Number(b), sent: c === '1' };
    if (kind === 'budget') return { kind: 'budget', remaining: Number(a) };
    return { kind: kind === 'paused' ? 'paused' : 'late', waitMs: Number(a) };
  }

  async confirm(key: string, id: number, r: ConfirmRequest): Promise<ConfirmResult> {
    const [kind, wait] = await this.run('confirm', key, r, [arg(id), arg(r.maxPauseMs), arg(r.deadlineInMs)]);
    const waitMs = Number(wait);
    if (kind === 'ok' || kind === 'wait' || kind === 'paused' || kind === 'late') return { kind, waitMs };
    throw new Error(`The Redis limiter script answered confirm with ${String(kind)}.`);
  }

  async settle(key: string, id: number, r: SettleRequest): Promise<void> {
    await this.run('settle', key, r, [arg(id), arg(r.departedLateMs), arg(r.elapsedMs), r.warm ? '1' : '0']);
  }

  async release(key: string, id: number, r: Stamped): Promise<void> {
    await this.run('release', key, r, [arg(id)]);
  }

  async pause(key: string, ms: number, r: Stamped): Promise<void> {
    await this.run('pause', key, r, [arg(ms)]);
  }

  async read(key: string, r: Stamped & { lease?: string | undefined }): Promise<PaceSnapshot> {
    const [used, remaining, wait, paused] = await this.run('read', key, r, [r.lease ?? '']);
    return { usedToday: Number(used), remainingToday: Number(remaining), waitMs: Number(wait), pausedMs: Number(paused) };
  }

  async reserveBudget(key: string, r: BudgetRequest): Promise<BudgetResult> {
    const [kind, remaining] = await this.run('reserveBudget', key, r, [r.lease, arg(r.requests), arg(r.ttlMs)]);
    return kind === 'ok' ? { kind: 'ok' } : { kind: 'insufficient', remaining: Number(remaining) };
  }

  async releaseBudget(key: string, lease: string, r: Stamped): Promise<void> {
    await this.run('releaseBudget', key, r, [lease]);
  }

  /**
   * Close the connection this store opened (a caller's own client stays open). Waits at most the
   * operation timeout: a graceful close waits for replies a stalled Redis may never send.
   */
  async close(): Promise<void> {
    const opening = this.connection;
    this.connection = undefined;
    const redis = typeof this.redis === 'function' ? opening : Promise.resolve(this.redis);
    if (!redis) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((r) => (timer = setTimeout(r, this.options.operationTimeoutMs ?? OPERATION_TIMEOUT_MS)));
    const closing = redis.then((r) => r.close()).catch(() => undefined);
    await Promise.race([closing, bound]).finally(() => clearTimeout(timer));
  }

  private async run(op: PaceOp, key: string, r: Stamped, rest: string[]): Promise<(string | undefined)[]> {
    const { now, pace } = r;
    const args = [op, this.options.callerClock ? arg(now) : '', arg(pace.intervalMs), arg(pace.windowCount), arg(pace.windowMs), arg(pace.dailyLimit), ...rest];
    const opening = this.open();
    const reply = await this.withinDeadline((async () => (await opening).run(SCRIPT, [redisLimiterKey(key)], args))(), opening);
    return Array.isArray(reply) ? reply.map((v) => (v === undefined || v === null ? undefined : String(v))) : [];
  }

  /** `work`, or RedisUnavailableError when it takes too long (a connect that hangs is then forgotten). */
  private withinDeadline<T>(work: Promise<T>, opening: Promise<SharedRedis>): Promise<T> {
    const ms = this.options.operationTimeoutMs ?? OPERATION_TIMEOUT_MS;
    let opened = false;
    opening.then(() => (opened = true), () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (!opened && this.connection === opening) {
          // Forgotten, and closed if it ever opens, so no stray connection keeps the process alive.
          this.connection = undefined;
          opening.then((late) => late.close(), () => undefined).catch(() => undefined);
        }
        reject(new RedisUnavailableError({
          message: `${this.options.name ?? 'Redis'} did not answer within ${ms} ms.`,
          hint: 'Check that Redis is running and reachable at GONG_REDIS_URL.',
        }));
      }, ms);
    });
    work.catch(() => undefined); // a late failure after the deadline is nobody's
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  private open(): Promise<SharedRedis> {
    if (typeof this.redis !== 'function') return Promise.resolve(this.redis);
    if (!this.connection) {
      const opening = this.redis();
      this.connection = opening;
      // A failed connect is tried again on the next operation, not remembered.
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
    }
    return this.connection;
  }
}

/**
 * The Redis store for `target` (GONG_REDIS_URL, or a caller's client with `sendCommand`). The URL
 * is checked (ConfigurationError) and its password registered as a secret now; the connection is
 * opened on the first operation, and opened again after a failed attempt.
 */
export function redisLimiterStore(target: string | RedisCommands, options: OpenRedisOptions & RedisLimiterStoreOptions = {}): RedisLimiterStore {
  const name = typeof target === 'string' ? `Redis at ${parseRedisUrl(target).where}` : 'the Redis client passed in code';
  return new RedisLimiterStore(() => openRedis(target, options), { name, ...options });
}
