// A `Retry-After: 1200` seen by one process pauses the company for every process of the machine:
// three exporters are running when a fourth process is answered 429 with Retry-After 1200 (the
// sandbox answers every /v2/users that way); each exporter sends at most the one request it had
// already confirmed, then stops at once with rate_limited and retry_after ≈ 1200 (not after 20
// minutes of waiting), and a process started afterwards sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../support/cli.js';
import { cliError, fleetEnv, requestsOf, rest, runExport, stateDir, type FleetRun } from '../../support/fleet.js';
import { startSandboxProcess, type ArrivalEntry, type SandboxProcess } from '../../support/sandbox-process.js';

const EXPORTERS = 3;
const PAGES = 30;

describe('fleet: a long Retry-After seen by one process', () => {
  let sandbox: SandboxProcess;
  let exporters: FleetRun[];
  let probe: CliRun;
  let later: FleetRun;
  let log: ArrivalEntry[];
  let paused: ArrivalEntry;

  beforeAll(async () => {
    sandbox = await startSandboxProcess({
      seed: 1, callCount: PAGES * 100, rateLimit: { perSecond: 3, daily: false },
      faults: { routes: ['/v2/users'], rate429: 1, retryAfterSeconds: 1200 },
    });
    const env = fleetEnv(sandbox, stateDir());
    const running = Promise.all(Array.from({ length: EXPORTERS }, (_, i) => runExport(i, env)));
    // Wait until every exporter is under way (two pages each), then the fourth process calls.
    for (let tries = 0; tries < 200; tries++) {
      const now = await sandbox.log();
      if (Array.from({ length: EXPORTERS }, (_, i) => requestsOf(now, i).length).every((n) => n >= 2)) break;
      await rest(50);
    }
    probe = await runCli(['call', 'gong_users_list', '{}'], { env, timeoutMs: 30_000 });
    exporters = await running;
    later = await runExport(9, env);
    log = await sandbox.log();
    paused = log.find((e) => e.status === 429)!;
  }, 60_000);
  afterAll(async () => { await sandbox?.close(); });

  it('the process that was answered 429 reports rate_limited with retry_after 1200', () => {
    expect(probe.code, probe.stderr).toBe(5);
    expect(cliError(probe)).toMatchObject({ error: 'rate_limited', retry_after: 1200 });
    expect(log.filter((e) => e.status === 429)).toEqual([paused]);
    expect(paused.path).toBe('/v2/users');
  });

  it('every other exporter sends at most one more request, then stops at once with rate_limited', () => {
    for (const run of exporters) {
      const after = requestsOf(log, run.index).filter((e) => e.at > paused.at);
      expect(after.length, `exporter ${run.index} after the 429`).toBeLessThanOrEqual(1);
      expect(run.code, run.stderr).toBe(5);
      const error = cliError(run);
      expect(error?.error).toBe('rate_limited');
      expect(error?.retry_after).toBeGreaterThanOrEqual(1190);
      expect(error?.retry_after).toBeLessThanOrEqual(1200);
      // Not 20 minutes later: within seconds of the pause.
      expect(run.endedMs - paused.at).toBeLessThan(10_000);
      expect(run.ids.length).toBeLessThan(PAGES * 100);
    }
  });

  it('a process started afterwards sends nothing', () => {
    expect(requestsOf(log, later.index)).toEqual([]);
    expect(later.code, later.stderr).toBe(5);
    expect(cliError(later)).toMatchObject({ error: 'rate_limited' });
    expect(cliError(later)?.message).toMatch(/nothing was sent/);
  });
});
