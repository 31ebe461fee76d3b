// A short call is not slowed down for nothing: Gong's window is per second, so when it is empty a
// 2-request call (a 2-page `--all` export: the second request needs the first's cursor) sends its
// second request as soon as the first is answered — no 333 ms spacing. The gap is measured at the
// sandbox (its own process), and the CLI's own report says it waited 0 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliError, fleetEnv, requestsOf, runExport, stateDir, type FleetRun } from '../../support/fleet.js';
import { startSandboxProcess, type ArrivalEntry, type SandboxProcess } from '../../support/sandbox-process.js';

describe('fleet: a 2-request call on an empty window', () => {
  let sandbox: SandboxProcess;
  let run: FleetRun;
  let arrivals: ArrivalEntry[];

  beforeAll(async () => {
    sandbox = await startSandboxProcess({ seed: 1, callCount: 200, rateLimit: { perSecond: 3, daily: false } });
    run = await runExport(0, fleetEnv(sandbox, stateDir()));
    arrivals = requestsOf(await sandbox.log(), 0);
  });
  afterAll(async () => { await sandbox?.close(); });

  it('sends its second request without waiting for a 333 ms slot', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.ids).toHaveLength(200);
    expect(arrivals).toHaveLength(2);
    expect(arrivals.every((e) => e.status === 200)).toBe(true);
    // Measured here: 5–40 ms (the first page's round trip on a loaded machine); paced, it was ≥ 333.
    expect(arrivals[1]!.at - arrivals[0]!.at).toBeLessThan(250);
    expect(cliError(run)?.rate_limit).toMatchObject({ requests: 2, waited_ms: 0 });
  });
});
