// GONG_DAILY_LIMIT is the company's, not each process's: 4 CLI exports of 20 pages started
// together with a budget of 50 send at most 50 requests; a job reserves what it still needs once its
// first page says how many pages remain, so the ones that start finish complete and the others are
// refused up front (exit 5, budget_exceeded, the estimate, nothing more sent). Run one after
// another (cron), the day's count carries over from process to process. The sandbox's per-second
// limit is off and the connector paces at 20/s, so only the budget matters and the file stays quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliError, fleetEnv, requestsOf, runExport, runExports, stateDir, type FleetRun } from '../../support/fleet.js';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process.js';

const PAGES = 20;
const LIMIT = 50;
const budgetEnv = (sandbox: SandboxProcess, dir: string) => fleetEnv(sandbox, dir, { GONG_DAILY_LIMIT: String(LIMIT), GONG_RATE_LIMIT_PER_SECOND: '20' });

function expectCompleteOrRefused(run: FleetRun, all: string[]): void {
  if (run.code === 0) {
    expect([...new Set(run.ids)].sort()).toEqual(all);
    expect(run.ids).toHaveLength(all.length);
    return;
  }
  expect(run.code, run.stderr).toBe(5);
  const error = cliError(run);
  expect(error?.error).toBe('budget_exceeded');
  expect(error?.message).toMatch(/needs at least \d+ Gong requests? \(about .+\), but only \d+ of today's 50 remain/);
  expect(error?.message).toMatch(/nothing more was sent \(this call sent 1 request first/);
  // Refused as a whole: no partial export.
  expect(run.ids).toEqual([]);
}

describe('fleet: the daily budget across processes', () => {
  let sandbox: SandboxProcess;
  let all: string[];

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ seed: 1, callCount: PAGES * 100, rateLimit: false });
    all = sandbox.calls.map((c) => c.id).sort();
  });
  afterAll(async () => { await sandbox?.close(); });

  it('4 concurrent exports send at most 50; the ones that start finish, the others are refused up front', async () => {
    await sandbox.clearLog();
    const runs = await runExports(4, budgetEnv(sandbox, stateDir()));
    const log = await sandbox.log();
    expect(log.length).toBeLessThanOrEqual(LIMIT);
    for (const run of runs) {
      expectCompleteOrRefused(run, all);
      // A refused job stopped after the page that told it how many remain.
      expect(requestsOf(log, run.index)).toHaveLength(run.code === 0 ? PAGES : 1);
    }
    const completed = runs.filter((r) => r.code === 0).length;
    // 4 first pages + 19 reserved per job: two fit in 50, a third would not.
    expect(completed).toBe(2);
  }, 60_000);

  it('4 runs one after another (cron) share the day\'s count: at most 50 in all', async () => {
    await sandbox.clearLog();
    const dir = stateDir();
    const runs: FleetRun[] = [];
    for (let i = 0; i < 4; i++) runs.push(await runExport(10 + i, budgetEnv(sandbox, dir)));
    const log = await sandbox.log();
    expect(log.length).toBeLessThanOrEqual(LIMIT);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 5, 5]);
    for (const run of runs) expectCompleteOrRefused(run, all);
    // The third run knew what the first two had used.
    expect(cliError(runs[2]!)?.rate_limit?.used_today).toBe(2 * PAGES + 1);
  }, 60_000);
});
