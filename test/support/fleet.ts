// Many CLI processes of one Gong company against one sandbox (in its own process,
// test/support/sandbox-process.ts): what the fleet scenarios (test/scenarios/fleet) and the fleet
// benchmark (bench/fleet.ts) start and read back. Each exporter asks for the same calls with its
// own `from_date_time` (a few seconds apart, before every call), so its records are the same as
// everyone's but the sandbox's log tells its requests apart (`query.fromDateTime`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './cli.js';
import type { ArrivalEntry, SandboxProcess } from './sandbox-process.js';

const FROM_MS = Date.UTC(2020, 0, 1);
const TO = '2030-01-01T00:00:00Z';

export interface FleetRun extends CliRun {
  /** Which exporter this was (its `from_date_time` offset in seconds). */
  index: number;
  /** Record ids in output order (one per JSONL line). */
  ids: string[];
  startedMs: number;
  endedMs: number;
}

/** A fresh state directory: the "machine" whose processes share one limiter state file. */
export function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'gong-fleet-'));
}

/** The environment of one CLI process of the sandbox's company, sharing state through `dir`. */
export function fleetEnv(sandbox: SandboxProcess, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: dir, GONG_STATE_DIR: dir, GONG_API_BASE_URL: sandbox.baseUrl,
    GONG_ACCESS_KEY: sandbox.credentials.accessKey, GONG_ACCESS_KEY_SECRET: sandbox.credentials.accessKeySecret,
    ...extra,
  };
}

export function fromDateTime(index: number): string {
  return new Date(FROM_MS + index * 1000).toISOString().replace('.000Z', 'Z');
}

/** `call gong_calls_list … --all --jsonl` as exporter `index`: every call of the sandbox. */
export async function runExport(index: number, env: Record<string, string>, timeoutMs = 60_000): Promise<FleetRun> {
  const input = JSON.stringify({ from_date_time: fromDateTime(index), to_date_time: TO });
  const startedMs = Date.now();
  const run = await runCli(['call', 'gong_calls_list', input, '--all', '--jsonl'], { env, timeoutMs });
  const ids = run.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => String((JSON.parse(l) as { id: unknown }).id));
  return { ...run, index, ids, startedMs, endedMs: Date.now() };
}

/** Exporters `first … first + n − 1` started together. */
export function runExports(n: number, env: Record<string, string>, first = 0, timeoutMs?: number): Promise<FleetRun[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => runExport(first + i, env, timeoutMs)));
}

/** The requests of exporter `index` in the sandbox's log. */
export function requestsOf(log: readonly ArrivalEntry[], index: number): ArrivalEntry[] {
  const from = fromDateTime(index);
  return log.filter((e) => e.path === '/v2/calls' && e.query.fromDateTime === from);
}

export interface CliErrorJson {
  error: string;
  message: string;
  retry_after?: number;
  rate_limit?: { used_today: number; requests: number };
}

/** The error a failed CLI run printed (its JSON on stderr), if any. */
export function cliError(run: CliRun): CliErrorJson | undefined {
  const start = run.stderr.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(run.stderr.slice(start)) as CliErrorJson;
  } catch {
    return undefined;
  }
}

/** Wait `ms` (the sandbox's window empties in a second). */
export const rest = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
