// Cost of the Redis limiter store (src/state/limiter/redis.ts) per operation on loopback: one
// process against a redis-server started here (or `url`), in the steady state of a long job — a
// request every 340 ms (the caller's clock, so the state holds what it holds in production: a
// handful of recent requests), each reserved, confirmed when planned ahead, and settled, with a
// read every tenth. Latency per operation as the caller sees it (one EVALSHA round trip).
import { redisServerMissing, startRedisServer } from '../test/support/redis-server.js';
import { RedisLimiterStore } from '../src/state/limiter/redis.js';
import { openRedis } from '../src/state/redis.js';
import type { LimiterStore, Pace } from '../src/state/limiter/types.js';
import { atMost, figure, median, now, quantile, round, type Section } from './lib.js';

const PACE: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 1_000_000 };

type Op = 'reserve' | 'confirm' | 'settle' | 'read';

/** Per-operation latencies (ms) of `requests` paced requests through `store`. */
export async function timeLimiterOps(store: LimiterStore, requests: number): Promise<Record<Op, number[]>> {
  const times: Record<Op, number[]> = { reserve: [], confirm: [], settle: [], read: [] };
  const timed = async <T>(op: Op, run: () => Promise<T>): Promise<T> => {
    const t0 = now();
    const result = await run();
    times[op].push(now() - t0);
    return result;
  };
  const key = `https://bench.example#${process.pid}-${Date.now()}`;
  let t = Date.UTC(2026, 11, 2, 12);
  for (let i = 0; i < requests; i++) {
    t += 340;
    const limits = { now: t, pace: PACE, maxPauseMs: -1, deadlineInMs: -1, leaseTtlMs: 60_000 };
    const slot = await timed('reserve', () => store.reserve(key, limits));
    if (slot.kind !== 'ok') throw new Error(`the bench's reservation was refused: ${slot.kind}`);
    if (!slot.sent) {
      t += slot.waitMs;
      await timed('confirm', () => store.confirm(key, slot.id, { ...limits, now: t }));
    }
    await timed('settle', () => store.settle(key, slot.id, { now: t + 60, pace: PACE, departedLateMs: 0, elapsedMs: 60, warm: false }));
    if (i % 10 === 0) await timed('read', () => store.read(key, { now: t, pace: PACE }));
  }
  return times;
}

/** The Redis store's p50/p99 per operation; `url`: an existing Redis (default: one started here). */
export async function measureFleetRedis(options: { url?: string; requests?: number } = {}): Promise<Section> {
  const missing = options.url === undefined ? redisServerMissing() : undefined;
  if (missing) return { name: 'fleet-redis', figures: [], skipped: missing };
  const server = options.url === undefined ? await startRedisServer() : undefined;
  const redis = await openRedis(options.url ?? server!.url);
  try {
    const store = new RedisLimiterStore(redis, { callerClock: true });
    await timeLimiterOps(store, 50); // warm-up: connection, script cache, JIT
    const requests = options.requests ?? 2_000;
    const times = await timeLimiterOps(store, requests);
    return {
      name: 'fleet-redis',
      figures: (Object.keys(times) as Op[]).map((op) =>
        figure({
          id: `fleet-redis.${op}.p50`,
          label: `Redis limiter store: ${op}, p50 on loopback`,
          value: round(median(times[op]), 3),
          unit: 'ms',
          goal: '≤ 1 ms (a request costs 2–3 ops against a 333 ms slot)',
          check: atMost(1),
          detail: { calls: times[op].length, p99Ms: round(quantile(times[op], 0.99), 3), meanMs: round(times[op].reduce((a, b) => a + b, 0) / times[op].length, 3) },
        }),
      ),
    };
  } finally {
    await redis.close();
    await server?.stop();
  }
}
