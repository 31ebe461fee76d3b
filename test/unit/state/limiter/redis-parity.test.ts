// The Redis store runs the pacer's rules in Lua (src/state/limiter/redis-scripts.ts); the memory
// store runs them in TypeScript (src/state/limiter/pace.ts). One long seeded sequence of every
// operation — several companies, leases, refusals, pauses, time jumps across UTC midnight — goes
// through both on the same clock (the Redis store's callerClock), and every answer and the whole
// state after every step must be identical. A second test runs on Redis's own TIME.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../../support/redis-server.js';
import { openRedis, type SharedRedis } from '../../../../src/state/redis.js';
import { mulberry32 } from '../../../../src/sandbox/random.js';
import { MemoryLimiterStore } from '../../../../src/state/limiter/memory.js';
import type { PaceState } from '../../../../src/state/limiter/pace.js';
import { RedisLimiterStore, redisLimiterKey } from '../../../../src/state/limiter/redis.js';
import type { LimiterStore, Pace } from '../../../../src/state/limiter/types.js';

const skip = redisServerMissing();

/** The memory store with its state in view. */
class InspectableMemoryStore extends MemoryLimiterStore {
  stateOf(key: string): Promise<PaceState> {
    return this.withState(key, (s) => structuredClone(s));
  }
}

const GONG: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 60 };
const SLOW: Pace = { intervalMs: 400, windowCount: 2, windowMs: 800, dailyLimit: 25 };
const ROOMY: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 10_000 };
const KEYS = ['https://api.gong.io#one', 'https://api.gong.io#two', 'https://eu.api.gong.io#three'];
const OWN_PACE = [GONG, SLOW, ROOMY];
const LEASES = ['job-a', 'job-b', 'job "c"/ü', ''];
const STEPS = 4_000;

describe.skipIf(skip !== undefined)(`the Redis limiter store on a real redis-server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: RedisServer;
  let redis: SharedRedis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await openRedis(server.url);
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });

  it(`answers exactly as the memory store, with the same state, over ${STEPS} random operations`, async () => {
    const memory = new InspectableMemoryStore();
    const store = new RedisLimiterStore(redis, { callerClock: true });
    const random = mulberry32(13);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const chance = (p: number) => random() < p;
    const ids = new Map<string, number[]>(KEYS.map((k) => [k, []]));
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    // Ten seconds before a UTC midnight, with fractions of a millisecond as a real clock has them.
    let now = Date.UTC(2026, 11, 2, 23, 59, 50) + 0.123456789;

    for (let step = 0; step < STEPS; step++) {
      const advance = random();
      if (advance < 0.7) now += random() * 120;
      else if (advance < 0.85) now += random() * 1_000;
      else if (advance < 0.93) now += 1_000 + random() * 14_000;
      else if (advance < 0.97) now += 600_000 + random() * 1_200_000;
      else if (advance < 0.99) {
        const midnight = (Math.floor(now / 86_400_000) + 1) * 86_400_000;
        now = midnight - random() * 1_500;
        count('near midnight');
      } else now += 86_400_000;
      if (chance(0.05)) {
        // Onto a rule's edge: just past an unsent reservation's abandonment, or exactly when a sent
        // one leaves the window (the strict and non-strict comparisons of the rules).
        const recent = (await memory.stateOf(pick(KEYS))).recent;
        const e = recent.length > 0 ? pick(recent) : undefined;
        const edge = e && (e.sent === undefined ? e.start + 10_000 + pick([0, 0.5]) : (e.arrived ?? e.sent + 100) + pick([800, 1_000]) + 1);
        if (edge !== undefined && edge > now) {
          now = edge;
          count('edge');
        }
      }

      const k = Math.floor(random() * KEYS.length);
      const key = KEYS[k]!;
      const pace = chance(0.9) ? OWN_PACE[k]! : pick(OWN_PACE);
      const known = ids.get(key)!;
      const someId = () => (known.length > 0 && chance(0.9) ? pick(known.slice(-8)) : 1 + Math.floor(random() * 400));
      const limit = (p: number, max: number) => (chance(p) ? -1 : Math.floor(random() * max));
      const op = random();
      let step_: (s: LimiterStore) => Promise<unknown>;
      let name: string;
      if (op < 0.3) {
        const request = { now, pace, maxPauseMs: limit(0.5, 6_000), deadlineInMs: limit(0.4, 3_000), lease: chance(0.4) ? pick(LEASES) : undefined, leaseTtlMs: 1_000 + Math.floor(random() * 60_000), allowanceMs: chance(0.3) ? 300 : chance(0.1) ? 100 : undefined };
        name = 'reserve';
        step_ = (s) => s.reserve(key, request);
      } else if (op < 0.5) {
        const id = someId();
        const request = { now, pace, maxPauseMs: limit(0.5, 6_000), deadlineInMs: limit(0.4, 3_000) };
        name = 'confirm';
        step_ = (s) => s.confirm(key, id, request);
      } else if (op < 0.65) {
        const id = someId();
        const request = { now, pace, departedLateMs: random() * 40 - 5, elapsedMs: chance(0.1) ? 0 : random() * 400 - 5, warm: chance(0.6) };
        name = 'settle';
        step_ = (s) => s.settle(key, id, request);
      } else if (op < 0.72) {
        const id = someId();
        name = 'release';
        step_ = (s) => s.release(key, id, { now, pace });
      } else if (op < 0.77) {
        const ms = chance(0.1) ? 1_200_000 : random() * 5_000;
        name = 'pause';
        step_ = (s) => s.pause(key, ms, { now, pace });
      } else if (op < 0.87) {
        const lease = chance(0.5) ? pick(LEASES) : undefined;
        name = 'read';
        step_ = (s) => s.read(key, { now, pace, lease });
      } else if (op < 0.95) {
        const request = { now, pace, lease: pick(LEASES), requests: Math.floor(random() * 30), ttlMs: 1_000 + Math.floor(random() * 600_000) };
        name = 'reserveBudget';
        step_ = (s) => s.reserveBudget(key, request);
      } else {
        const lease = pick(LEASES);
        name = 'releaseBudget';
        step_ = (s) => s.releaseBudget(key, lease, { now, pace });
      }

      const expected = await step_(memory);
      const actual = await step_(store);
      expect(actual, `step ${step}: ${name} on ${key}`).toEqual(expected);
      const kind = (expected as { kind?: string } | undefined)?.kind;
      count(kind ? `${name} ${kind}` : name);
      if (name === 'reserve' && kind === 'ok') known.push((expected as { id: number }).id);

      const stored = (await redis.command(['GET', redisLimiterKey(key)])) as string | null;
      expect(stored === null ? undefined : JSON.parse(stored), `state after step ${step}: ${name} on ${key}`).toEqual(await memory.stateOf(key));
    }

    // The sequence reached every branch worth comparing (a vacuous replay would prove nothing).
    for (const what of [
      'reserve ok', 'reserve budget', 'reserve paused', 'reserve late', 'confirm ok', 'confirm wait', 'confirm paused', 'confirm late',
      'settle', 'release', 'pause', 'read', 'reserveBudget ok', 'reserveBudget insufficient', 'releaseBudget', 'near midnight', 'edge',
    ]) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(0);
    }
  });

  it("keeps time by Redis's TIME: a burst of three, then the window's spacing, a pause, and a key that expires in two days", async () => {
    const store = new RedisLimiterStore(redis);
    const key = 'https://api.gong.io#time';
    // A caller clock a day off: Redis's clock decides, so the waits are still the short ones.
    const now = Date.now() - 86_400_000;
    const request = { now, pace: GONG, maxPauseMs: -1, deadlineInMs: -1, leaseTtlMs: 60_000 };
    const first = [await store.reserve(key, request), await store.reserve(key, request), await store.reserve(key, request)];
    for (const r of first) expect(r).toMatchObject({ kind: 'ok', sent: true, waitMs: 0 });
    const fourth = await store.reserve(key, request);
    expect(fourth.kind).toBe('ok');
    // A window after the first three arrive (100 ms allowance each): about 1.1 s from now.
    expect((fourth as { waitMs: number }).waitMs).toBeGreaterThan(1_000);
    expect((fourth as { waitMs: number }).waitMs).toBeLessThan(1_200);
    await store.pause(key, 5_000, { now, pace: GONG });
    const snapshot = await store.read(key, { now, pace: GONG });
    expect(snapshot.usedToday).toBe(4);
    expect(snapshot.pausedMs).toBeGreaterThan(4_500);
    expect(snapshot.pausedMs).toBeLessThanOrEqual(5_000);
    const redisKey = redisLimiterKey(key);
    expect(redisKey).toMatch(/^gong:limits:\{[0-9a-f]{16}\}$/);
    const ttl = Number(await redis.command(['PTTL', redisKey]));
    expect(ttl).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
    // The day counted is Redis's UTC day, not the caller's (a day behind).
    const state = JSON.parse((await redis.command(['GET', redisKey])) as string) as PaceState;
    expect(state.day).toBe(Math.floor(Date.now() / 86_400_000));
  });
});
