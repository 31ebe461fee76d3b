// The self-contained skill bundle (src/skill/runtime.ts): its size — the runtime file, the bundle
// directory and its ZIP — and the runtime's cold start run from a copy in an empty temporary
// folder (`--version`, `tools` and a sandbox call), beside the package's launcher and `node -e 0`:
// each spawned fresh, interleaved, stdout to /dev/null, medians. Reported without goals.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSkill } from '../dist/skill/build.js';
import { RUNTIME_PATH } from '../dist/skill/runtime.js';
import { figure, median, now, round, type Section } from './lib.js';

const BIN = resolve(import.meta.dirname, '../bin/gong-connector.js');

function timeSpawn(args: string[], cwd: string, devNull: number): number {
  const t0 = now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', devNull, 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: cwd } });
  const ms = now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

export async function measureBundle(opts: { runs?: number } = {}): Promise<Section> {
  const runs = opts.runs ?? 15;
  const work = mkdtempSync(join(tmpdir(), 'gong-bench-bundle-'));
  const devNull = openSync('/dev/null', 'w');
  try {
    const built = buildSkill({ outDir: work });
    const runtime = join(built.dir, RUNTIME_PATH);
    const runtimeBytes = readFileSync(runtime);
    const cases: Record<string, string[]> = {
      node_e_0: ['-e', '0'],
      bundle_version: [runtime, '--version'],
      bin_version: [BIN, '--version'],
      bundle_tools: [runtime, 'tools'],
      bin_tools: [BIN, 'tools'],
      bundle_sandbox_call: [runtime, 'call', 'gong_users_list', '{}', '--sandbox'],
      bin_sandbox_call: [BIN, 'call', 'gong_users_list', '{}', '--sandbox'],
    };
    const times = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]]));
    for (const args of Object.values(cases)) timeSpawn(args, work, devNull);
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? Object.keys(cases) : Object.keys(cases).reverse();
      for (const k of order) times[k]!.push(timeSpawn(cases[k]!, work, devNull));
    }
    const ms = (k: string) => round(median(times[k]!), 1);
    const kib = (n: number) => round(n / 1024, 1);
    return {
      name: 'bundle',
      figures: [
        figure({
          id: 'bundle.runtime_bytes', label: `skill bundle: ${RUNTIME_PATH} size`, value: kib(runtimeBytes.length), unit: 'KiB', goal: '—',
          detail: { bytes: runtimeBytes.length, gzip_bytes: gzipSync(runtimeBytes, { level: 9 }).length },
        }),
        figure({
          id: 'bundle.zip_bytes', label: 'skill bundle: directory / ZIP archive', value: kib(built.archive.bytes), unit: 'KiB (zip)', goal: '—',
          detail: { files: built.files.length, directory_bytes: built.bytes, zip_bytes: built.archive.bytes },
        }),
        figure({
          id: 'bundle.cold_start_version', label: 'skill bundle: `node gong-connector.mjs --version` (median)', value: ms('bundle_version'), unit: 'ms', goal: '—',
          detail: { runs, node_e_0_ms: ms('node_e_0'), bin_version_ms: ms('bin_version'), added_over_bin_ms: round(ms('bundle_version') - ms('bin_version'), 1) },
        }),
        figure({
          id: 'bundle.cold_start_tools', label: 'skill bundle: `node gong-connector.mjs tools` (median)', value: ms('bundle_tools'), unit: 'ms', goal: '—',
          detail: { runs, node_e_0_ms: ms('node_e_0'), bin_tools_ms: ms('bin_tools'), ratio_to_node_e_0: round(ms('bundle_tools') / ms('node_e_0'), 2) },
        }),
        figure({
          id: 'bundle.sandbox_call', label: 'skill bundle: `call gong_users_list {} --sandbox` (median)', value: ms('bundle_sandbox_call'), unit: 'ms', goal: '—',
          detail: { runs, bin_sandbox_call_ms: ms('bin_sandbox_call') },
        }),
      ],
    };
  } finally {
    closeSync(devNull);
    rmSync(work, { recursive: true, force: true });
  }
}
