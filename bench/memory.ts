// Peak memory of a streamed export: `gong-connector call gong_calls_extensive_list … --all --jsonl`
// as a child process against the sandbox (own process, 10 calls per page so pages and records grow
// together), at 1×, 10× and 100× the pages (2, 20, 200 pages; 20, 200, 2,000 calls — the
// sandbox's whole data set). Peak RSS from /usr/bin/time -v (else /proc VmHWM). The same export
// without --jsonl (one JSON document: everything held) is shown for contrast.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { figure, round, type Section } from './lib.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-child.js';

const BIN = resolve(import.meta.dirname, '../bin/gong-connector.js');
const TIME = '/usr/bin/time';

interface Run { peakKb: number; records: number; bytes: number; ms: number }

function runExport(sandbox: SandboxProcess, calls: number, jsonl: boolean): Promise<Run> {
  const from = new Date(sandbox.calls[0]!.at).toISOString();
  const to = new Date(calls < sandbox.calls.length ? sandbox.calls[calls]!.at : sandbox.calls.at(-1)!.at + 1).toISOString();
  // Gong's records as they come (detailed), so both runs carry the same bytes per record as before
  // concise results existed and the contrast keeps showing what holding a whole export costs.
  const args = [BIN, 'call', 'gong_calls_extensive_list', JSON.stringify({ from_date_time: from, to_date_time: to, response_format: 'detailed' }), '--all', ...(jsonl ? ['--jsonl'] : [])];
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
    GONG_API_BASE_URL: sandbox.baseUrl, GONG_ACCESS_KEY: sandbox.credentials.accessKey, GONG_ACCESS_KEY_SECRET: sandbox.credentials.accessKeySecret,
    GONG_RATE_LIMIT_PER_SECOND: '1000',
  };
  const useTime = existsSync(TIME);
  const started = Date.now();
  const child = useTime
    ? spawn(TIME, ['-v', process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let peakKb = 0;
  let poll: NodeJS.Timeout | undefined;
  if (!useTime) {
    poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch { /* exited */ }
    }, 20);
  }
  let records = 0;
  let bytes = 0;
  let stderr = '';
  // Count what arrives and keep none of it.
  child.stdout!.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records += 1;
  });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolvePromise, reject) => {
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) peakKb = Number(m[1]);
      if (code !== 0) return reject(new Error(`export exited ${code}: ${stderr.slice(-500)}`));
      resolvePromise({ peakKb, records: jsonl ? records : -1, bytes, ms: Date.now() - started });
    });
  });
}

export async function measureMemory(): Promise<Section> {
  const sandbox = await startSandboxProcess({ seed: 1, rateLimit: false, pageSize: 10 });
  try {
    const scales = [1, 10, 100] as const;
    const streamed: Record<number, Run> = {};
    const whole: Record<number, Run> = {};
    for (const k of scales) {
      streamed[k] = await runExport(sandbox, 20 * k, true);
      whole[k] = await runExport(sandbox, 20 * k, false);
    }
    const mb = (kb: number) => round(kb / 1024, 1);
    const growth = streamed[100]!.peakKb / streamed[10]!.peakKb - 1;
    return {
      name: 'memory',
      figures: [
        figure({
          id: 'memory.streamed_growth_10x_to_100x',
          label: 'memory: --all --jsonl peak RSS, 100× vs 10× pages',
          value: round(growth * 100, 1), unit: '%', goal: 'flat (≤ +10%)', check: (v) => v <= 10,
          detail: Object.fromEntries(scales.map((k) => [`${k}x`, { pages: 2 * k, records: streamed[k]!.records, jsonl_mb: mb(streamed[k]!.bytes / 1024), peak_rss_mb: mb(streamed[k]!.peakKb), seconds: round(streamed[k]!.ms / 1000, 1) }])),
        }),
        figure({
          id: 'memory.whole_growth_10x_to_100x',
          label: 'memory contrast: --all as one document, 100× vs 10×',
          value: round((whole[100]!.peakKb / whole[10]!.peakKb - 1) * 100, 1), unit: '%', goal: '— (contrast)', check: undefined,
          detail: Object.fromEntries(scales.map((k) => [`${k}x`, { peak_rss_mb: mb(whole[k]!.peakKb), output_mb: mb(whole[k]!.bytes / 1024) }])),
        }),
      ],
    };
  } finally {
    await sandbox.close();
  }
}
