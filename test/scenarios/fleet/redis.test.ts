// Two "machines" — two state dirs, nothing in common but one Redis (a real redis-server on a free
// loopback port) — export one company's calls at once with GONG_LIMITER=redis: together they
// keep Gong's 3 requests per second (0 × 429 at the sandbox), nobody sends a page more than needed
// and every process gets every record exactly once. Then a Retry-After of 1200 s seen by a
// process of one machine stops the exporters of both at once, and a process started afterwards
// on either machine sends nothing. Skipped, with the reason, where redis-server is missing (never
// in CI: test/support/redis-server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { cliError, fleetEnv, requestsOf, rest, runExport, runExports, stateDir } from '../../support/fleet.js';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process.js';

const missing = redisServerMissing();
const PAGES = 6;

describe.skipIf(missing !== undefined)(`fleet over Redis: two machines, one company${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let redis: RedisServer;
  let sandbox: SandboxProcess;
  const machine = () => fleetEnv(sandbox, stateDir(), { GONG_LIMITER: 'redis', GONG_REDIS_URL: redis.url });

  beforeAll(async () => {
    redis = await startRedisServer();
    sandbox = await startSandboxProcess({ seed: 1, callCount: PAGES * 100, rateLimit: { perSecond: 3, daily: false } });
  });
  afterAll(async () => {
    await sandbox?.close();
    await redis?.stop();
  });

  it('2 machines × 2 exporters: no 429, the fewest requests, every record exactly once', async () => {
    const runs = (await Promise.all([runExports(2, machine(), 0), runExports(2, machine(), 2)])).flat();
    const log = await sandbox.log();
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    const all = sandbox.calls.map((c) => c.id).sort();
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.ids).toHaveLength(all.length);
      expect([...new Set(run.ids)].sort()).toEqual(all);
      expect(requestsOf(log, run.index)).toHaveLength(PAGES);
    }
    // Separate state dirs: only Redis kept them at one pace. Span ÷ that floor, measured: 1.115 (twice) at
    // this size (start-up dominates, as on one machine); two machines each at 3/s would be near 0.5.
    const at = log.map((e) => e.at).sort((a, b) => a - b);
    expect((at.at(-1)! - at[0]!) / (((at.length - 3) / 3) * 1000)).toBeLessThan(1.5);
  }, 60_000);

  it('a Retry-After of 1200 s seen on one machine stops the exporters of both', async () => {
    // A company of its own (another sandbox: other credentials) with long exports and every /v2/users answered 429, Retry-After 1200.
    await sandbox.close();
    sandbox = await startSandboxProcess({
      seed: 2, callCount: 3000, rateLimit: { perSecond: 3, daily: false },
      faults: { routes: ['/v2/users'], rate429: 1, retryAfterSeconds: 1200 },
    });
    const a = machine();
    const b = machine();
    const running = Promise.all([runExport(10, a), runExport(11, b)]);
    for (let tries = 0; tries < 200; tries++) {
      const now = await sandbox.log();
      if (requestsOf(now, 10).length >= 1 && requestsOf(now, 11).length >= 1) break;
      await rest(50);
    }
    const probe = await runCli(['call', 'gong_users_list', '{}'], { env: a, timeoutMs: 30_000 });
    expect(cliError(probe)).toMatchObject({ error: 'rate_limited', retry_after: 1200 });
    const exporters = await running;
    const later = await runExport(12, machine());
    const log = await sandbox.log();
    const paused = log.find((e) => e.status === 429)!;
    for (const run of exporters) {
      expect(requestsOf(log, run.index).filter((e) => e.at > paused.at).length).toBeLessThanOrEqual(1);
      expect(run.code, run.stderr).toBe(5);
      expect(cliError(run)?.error).toBe('rate_limited');
      expect(cliError(run)?.retry_after).toBeGreaterThanOrEqual(1190);
      expect(run.endedMs - paused.at).toBeLessThan(10_000);
    }
    expect(requestsOf(log, later.index)).toEqual([]);
    expect(cliError(later)?.error).toBe('rate_limited');
  }, 60_000);
});
