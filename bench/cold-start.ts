// `gong-connector tools` cold start against `node -e 0`: each spawned fresh, interleaved, stdout
// to /dev/null, medians of repeated runs. The ratio is what docs/contracts.md#cold-start bounds; the difference is
// what the CLI adds to a bare Node start. `tools` is served by the CommonJS launcher from the list
// prebuilt at build time; the full CLI path (ES module loader + catalogue) is shown beside it.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { figure, median, now, round, type Section } from './lib.js';

const BIN = resolve(import.meta.dirname, '../bin/gong-connector.js');

function timeSpawn(args: string[], devNull: number): number {
  const t0 = now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', devNull, 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } });
  const ms = now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

export async function measureColdStart(opts: { runs?: number } = {}): Promise<Section> {
  const runs = opts.runs ?? 21;
  const devNull = openSync('/dev/null', 'w');
  try {
    for (let i = 0; i < 3; i++) { timeSpawn(['-e', '0'], devNull); timeSpawn([BIN, 'tools'], devNull); }
    const bare: number[] = [];
    const tools: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { bare.push(timeSpawn(['-e', '0'], devNull)); tools.push(timeSpawn([BIN, 'tools'], devNull)); }
      else { tools.push(timeSpawn([BIN, 'tools'], devNull)); bare.push(timeSpawn(['-e', '0'], devNull)); }
    }
    // The same list through the full CLI (a filter bypasses the prebuilt list): shown, not bounded.
    const full: number[] = [];
    const { catalog } = await import('../dist/catalog/catalog.generated.js');
    const everyToolset = [...new Set(catalog.tools.map((t) => t.toolset))].join(',');
    for (let i = 0; i < Math.min(runs, 11); i++) full.push(timeSpawn([BIN, 'tools', '--toolsets', everyToolset], devNull));
    const ratio = median(tools) / median(bare);
    return {
      name: 'cold start',
      figures: [figure({
        id: 'cold_start.ratio',
        label: 'cold start: `gong-connector tools` ÷ `node -e 0`',
        value: round(ratio, 3), unit: '×', goal: '≤ 1.5', check: (v) => v <= 1.5,
        detail: { runs, node_e_0_ms: round(median(bare), 1), tools_ms: round(median(tools), 1), added_ms: round(median(tools) - median(bare), 1), full_cli_path_ms: round(median(full), 1), full_cli_path_ratio: round(median(full) / median(bare), 3) },
      })],
    };
  } finally {
    closeSync(devNull);
  }
}
