// Four CLI processes export every call of one company at once (`--all --jsonl`), sharing this
// machine's limiter state file: together they keep Gong's 3 requests per second (the sandbox, in
// its own process, enforces it and logs each arrival), so none is answered 429, each gets every
// record exactly once, nobody sends a request more than its pages, and the arrivals are spread at
// about the shared pace — not 3/s per process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetEnv, requestsOf, runExports, stateDir, type FleetRun } from '../../support/fleet.js';
import { startSandboxProcess, type ArrivalEntry, type SandboxProcess } from '../../support/sandbox-process.js';

const N = 4;
const PAGES = 6;

describe('fleet: concurrent exports of one company on one machine', () => {
  let sandbox: SandboxProcess;
  let runs: FleetRun[];
  let log: ArrivalEntry[];

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ seed: 1, callCount: PAGES * 100, rateLimit: { perSecond: 3, daily: false } });
    runs = await runExports(N, fleetEnv(sandbox, stateDir()));
    log = await sandbox.log();
  }, 60_000);
  afterAll(async () => { await sandbox?.close(); });

  it('provokes no 429 and sends exactly the pages needed', () => {
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(log.filter((e) => e.path === '/v2/calls')).toHaveLength(N * PAGES);
    for (let i = 0; i < N; i++) expect(requestsOf(log, i), `exporter ${i}`).toHaveLength(PAGES);
  });

  it('gives every process every record exactly once', () => {
    const all = sandbox.calls.map((c) => c.id).sort();
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.ids).toHaveLength(all.length);
      expect([...new Set(run.ids)].sort()).toEqual(all);
    }
  });

  it('spreads the arrivals at the shared pace of 3 per second', () => {
    // The first three may arrive together (an empty window), then one per 333 ms for everyone.
    const at = log.map((e) => e.at).sort((a, b) => a - b);
    const floorMs = ((at.length - 3) / 3) * 1000;
    const spanMs = at.at(-1)! - at[0]!;
    // Measured on this 2-core machine under load (4 × 6 pages): span ÷ that floor 1.11 (3 runs;
    // 1.12–1.15 on an earlier build) — processes starting up on busy cores leave one gap of ~0.6 s
    // early on, and steady windows of four arrivals span ~1.007 s at the median. 1.5 leaves room
    // for a noisier machine; without shared state each process would go at 3/s (far below 1, with 429s).
    expect(spanMs / floorMs).toBeLessThan(1.5);
  });
});
