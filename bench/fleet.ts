// Fleet: many processes of one Gong company. N concurrent CLI exports (`call gong_calls_list …
// --all --jsonl`, `GONG_BENCH_FLEET_PAGES` pages each, default 15) against the sandbox in its own
// process (3 requests per second like Gong), every process of a "machine" sharing its limiter state
// through one GONG_STATE_DIR: requests ÷ minimum, 429s, wall ÷ floor (floor = the fewest requests
// ÷ 3/s), records lost or duplicated, and where the wall time goes (start-up before the first
// arrival, the arrivals' span, the tail after the last). Then the daily budget across processes,
// a long Retry-After seen by one process, and the latency of a 2-request call. With redis-server
// installed: 2 "machines" × 4 processes sharing only a Redis, and the Redis store's cost per
// operation (bench/fleet-redis.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliError, fleetEnv, requestsOf, rest, runExport, runExports, stateDir, type FleetRun } from '../test/support/fleet.js';
import { runCli } from '../test/support/cli.js';
import { redisServerMissing, startRedisServer } from '../test/support/redis-server.js';
import { startSandboxProcess, type ArrivalEntry, type SandboxProcess } from '../test/support/sandbox-process.js';
import { measureFleetRedis } from './fleet-redis.js';
import { atMost, figure, median, quantile, round, type Figure, type Section } from './lib.js';

const PAGES = Number(process.env.GONG_BENCH_FLEET_PAGES ?? 15);

/** One machine's processes: how many, and what each adds to its environment (Redis, say). */
export interface Machine { processes: number; env?: Record<string, string> }

interface ExportResult {
  label: string;
  processes: number;
  requests: number;
  minimum: number;
  status429: number;
  wallS: number;
  floorS: number;
  lost: number;
  duplicated: number;
  failed: number;
  trace: Record<string, number>;
}

async function withSandbox<T>(calls: number, options: Parameters<typeof startSandboxProcess>[0], run: (sandbox: SandboxProcess) => Promise<T>): Promise<T> {
  const sandbox = await startSandboxProcess({ seed: 1, callCount: calls, ...options });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

/** Where the wall time of a run went, from the sandbox's arrivals. */
function trace(log: readonly ArrivalEntry[], t0: number, runs: readonly FleetRun[]): Record<string, number> {
  const at = log.map((e) => e.at).sort((a, b) => a - b);
  const windows = at.slice(3).map((t, i) => t - at[i]!);
  const span = at.at(-1)! - at[0]!;
  return {
    startup_ms: at[0]! - t0,
    span_ms: span,
    tail_ms: Math.max(...runs.map((r) => r.endedMs)) - at.at(-1)!,
    // The span over the ideal: the first three may arrive together, then one per 333 ms.
    span_vs_ideal: round(span / (((at.length - 3) / 3) * 1000), 3),
    // Four consecutive arrivals span at least Gong's second; what they span beyond it is slack.
    window4_p50_ms: median(windows),
    window4_p90_ms: quantile(windows, 0.9),
    window4_max_ms: Math.max(...windows),
    // Time lost to gaps: consecutive arrivals more than 500 ms apart (the pace is 333 ms).
    gaps_over_500ms: at.slice(1).filter((t, i) => t - at[i]! > 500).length,
    gap_excess_ms: at.slice(1).reduce((sum, t, i) => sum + Math.max(0, t - at[i]! - 333), 0),
    // When the 429s came, if any: ms after spawning.
    ...Object.fromEntries(log.filter((e) => e.status === 429).map((e, i) => [`status429_${i + 1}_at_ms`, e.at - t0])),
  };
}

/** Concurrent exports spread over `machines` (each its own state dir), all of one company. */
export async function measureExports(label: string, machines: readonly Machine[], pages = PAGES): Promise<ExportResult> {
  return withSandbox(pages * 100, { rateLimit: { perSecond: 3, daily: false } }, async (sandbox) => {
    const all = new Set(sandbox.calls.map((c) => c.id));
    await rest(1100);
    await sandbox.clearLog();
    let index = 0;
    const total = machines.reduce((sum, m) => sum + m.processes, 0);
    const t0 = Date.now();
    const runs = (await Promise.all(machines.map((m) => {
      const first = index;
      index += m.processes;
      // Twice the floor of the whole run, and start-up: a stuck process fails the run, a slow one does not.
      const timeoutMs = 30_000 + (2 * total * pages * 1000) / 3;
      return runExports(m.processes, fleetEnv(sandbox, stateDir(), m.env), first, timeoutMs);
    }))).flat();
    const wallS = (Math.max(...runs.map((r) => r.endedMs)) - t0) / 1000;
    const log = (await sandbox.log()).filter((e) => e.path === '/v2/calls');
    // GONG_BENCH_FLEET_TRACE=<dir>: every arrival of the run (ms after spawning, status, exporter), to see where time goes.
    const traceDir = process.env.GONG_BENCH_FLEET_TRACE;
    if (traceDir) {
      const rows = log.map((e) => `${e.at - t0}\t${e.status}\t${runs.find((r) => requestsOf([e], r.index).length > 0)?.index ?? '?'}`);
      writeFileSync(join(traceDir, `${label.replace(/[^a-z0-9]+/gi, '-')}.tsv`), `${rows.join('\n')}\n`);
    }
    let lost = 0;
    let duplicated = 0;
    for (const run of runs) {
      const seen = new Set(run.ids);
      duplicated += run.ids.length - seen.size;
      for (const id of all) if (!seen.has(id)) lost++;
    }
    const minimum = runs.length * pages;
    return {
      label, processes: runs.length, requests: log.length, minimum, status429: log.filter((e) => e.status === 429).length,
      wallS: round(wallS, 2), floorS: round(minimum / 3, 2), lost, duplicated, failed: runs.filter((r) => r.code !== 0).length,
      trace: trace(log, t0, runs),
    };
  });
}

export function exportFigures(r: ExportResult, id: string): Figure[] {
  const detail = { requests: r.requests, minimum: r.minimum, wall_s: r.wallS, floor_s: r.floorS, failed_processes: r.failed, ...r.trace };
  return [
    figure({ id: `${id}.wall_vs_floor`, label: `fleet: ${r.label}, wall ÷ floor`, value: round(r.wallS / r.floorS, 3), unit: '×', goal: '≤ 1.05', check: atMost(1.05), detail }),
    figure({ id: `${id}.429s`, label: `fleet: ${r.label}, 429s provoked`, value: r.status429, unit: '', goal: '0', check: (v) => v === 0 }),
    figure({ id: `${id}.requests_vs_minimum`, label: `fleet: ${r.label}, requests ÷ minimum`, value: round(r.requests / r.minimum, 3), unit: '×', goal: '1.00', check: atMost(1) }),
    figure({ id: `${id}.records_lost`, label: `fleet: ${r.label}, records lost + duplicated`, value: r.lost + r.duplicated, unit: '', goal: '0', check: (v) => v === 0, detail: { lost: r.lost, duplicated: r.duplicated, of: r.minimum * 100 } }),
  ];
}

/** GONG_DAILY_LIMIT=50, 4 processes × 20 pages: together, then one after another. */
async function measureBudget(): Promise<Figure[]> {
  return withSandbox(2000, { rateLimit: false }, async (sandbox) => {
    const env = (dir: string) => fleetEnv(sandbox, dir, { GONG_DAILY_LIMIT: '50', GONG_RATE_LIMIT_PER_SECOND: '20' });
    const together = await runExports(4, env(stateDir()));
    const sentTogether = (await sandbox.log()).length;
    await sandbox.clearLog();
    const dir = stateDir();
    const cron: FleetRun[] = [];
    for (let i = 0; i < 4; i++) cron.push(await runExport(10 + i, env(dir)));
    const sentCron = (await sandbox.log()).length;
    const outcome = (runs: FleetRun[]) => ({
      completed: runs.filter((r) => r.code === 0 && r.ids.length === 2000).length,
      refused_up_front: runs.filter((r) => r.code === 5 && cliError(r)?.error === 'budget_exceeded' && r.ids.length === 0).length,
      refusal: runs.map((r) => cliError(r)).find((e) => e?.error === 'budget_exceeded')?.message,
    });
    return [
      figure({ id: 'fleet.budget.concurrent', label: 'fleet: GONG_DAILY_LIMIT=50, 4 concurrent × 20 pages, requests sent', value: sentTogether, unit: '', goal: '≤ 50', check: atMost(50), detail: outcome(together) }),
      figure({ id: 'fleet.budget.cron', label: 'fleet: GONG_DAILY_LIMIT=50, 4 runs one after another, requests sent', value: sentCron, unit: '', goal: '≤ 50', check: atMost(50), detail: outcome(cron) }),
    ];
  });
}

/** 3 exporters running when a 4th process is answered 429 with Retry-After: 1200. */
async function measurePause(): Promise<Figure[]> {
  const pages = 30;
  return withSandbox(pages * 100, { rateLimit: { perSecond: 3, daily: false }, faults: { routes: ['/v2/users'], rate429: 1, retryAfterSeconds: 1200 } }, async (sandbox) => {
    const env = fleetEnv(sandbox, stateDir());
    const running = runExports(3, env);
    for (let tries = 0; tries < 200; tries++) {
      const log = await sandbox.log();
      if ([0, 1, 2].every((i) => requestsOf(log, i).length >= 2)) break;
      await rest(50);
    }
    const probe = await runCli(['call', 'gong_users_list', '{}'], { env, timeoutMs: 30_000 });
    const exporters = await running;
    const later = await runExport(9, env);
    const log = await sandbox.log();
    const paused = log.find((e) => e.status === 429);
    const after = paused === undefined ? Number.NaN : log.filter((e) => e.at > paused.at && e.path === '/v2/calls').length;
    const stoppedS = paused === undefined ? Number.NaN : (Math.max(...exporters.map((r) => r.endedMs)) - paused.at) / 1000;
    const detail = {
      probe: cliError(probe)?.error, probe_retry_after: cliError(probe)?.retry_after,
      exporters: exporters.map((r) => ({ code: r.code, error: cliError(r)?.error, retry_after: cliError(r)?.retry_after, records: r.ids.length })),
      later: { code: later.code, error: cliError(later)?.error, requests: requestsOf(log, 9).length },
    };
    return [
      figure({ id: 'fleet.pause.requests_after', label: 'fleet: Retry-After 1200 seen by 1 of 4 processes, requests the 3 others sent after it', value: after, unit: '', goal: '≤ 3 (one each)', check: atMost(3), detail }),
      figure({ id: 'fleet.pause.stopped_s', label: 'fleet: … until all 3 stopped with rate_limited', value: round(stoppedS, 2), unit: 's', goal: '≤ 2 (not 1200)', check: atMost(2) }),
      figure({ id: 'fleet.pause.later_requests', label: 'fleet: … requests of a process started afterwards', value: requestsOf(log, 9).length, unit: '', goal: '0', check: (v) => v === 0 }),
    ];
  });
}

/** A 2-page export on an empty window: the gap between its two arrivals at the sandbox. */
async function measureShortCall(rounds = 5): Promise<Figure[]> {
  return withSandbox(200, { rateLimit: { perSecond: 3, daily: false } }, async (sandbox) => {
    const gaps: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await rest(1100);
      const run = await runExport(i, fleetEnv(sandbox, stateDir()));
      const at = requestsOf(await sandbox.log(), i).map((e) => e.at);
      if (run.code === 0 && at.length === 2) gaps.push(at[1]! - at[0]!);
      walls.push(run.endedMs - run.startedMs);
    }
    return [
      figure({
        id: 'fleet.short_call.gap_ms', label: 'fleet: 2-request call, gap between its arrivals (median; the old spacing: 333 ms)', value: median(gaps), unit: 'ms', goal: '< 333', check: (v) => v < 333,
        detail: { gaps_ms: gaps, cli_wall_ms: walls },
      }),
    ];
  });
}

/** 2 "machines" (state dirs) × 4 processes with only a Redis (started here) in common; and the store's cost per operation. */
async function measureRedisFleet(): Promise<Figure[]> {
  const missing = redisServerMissing();
  if (missing !== undefined) return [figure({ id: 'fleet.redis_2x4.skipped', label: `fleet over Redis: not run (${missing})`, value: null, unit: '', goal: '' })];
  const server = await startRedisServer();
  try {
    const env = { GONG_LIMITER: 'redis', GONG_REDIS_URL: server.url };
    const r = await measureExports(`2 machines × 4 processes × ${PAGES} pages, Redis`, [{ processes: 4, env }, { processes: 4, env }]);
    return [...exportFigures(r, 'fleet.redis_2x4'), ...(await measureFleetRedis({ url: server.url })).figures];
  } finally {
    await server.stop();
  }
}

export async function measureFleet(): Promise<Section> {
  const figures: Figure[] = [];
  for (const n of [1, 2, 4, 8]) {
    const r = await measureExports(`${n} process${n === 1 ? '' : 'es'} × ${PAGES} pages, one machine`, [{ processes: n }]);
    figures.push(...exportFigures(r, `fleet.n${n}`));
  }
  figures.push(...(await measureRedisFleet()), ...(await measureBudget()), ...(await measurePause()), ...(await measureShortCall()));
  return { name: 'fleet', figures };
}
