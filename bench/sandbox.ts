// The Gong sandbox's own speed (moved here from the test suite, which asserts no timing): start-up
// time (wall and CPU, 2,000 calls and 40 users generated) and throughput on loopback, 32 requests
// in flight over 8 keep-alive connections, a mix of lists, a filtered extensive page and a call
// by id, client in the same process. Medians of a few rounds; goals are the sandbox's own targets.
import { Pool } from 'undici';
import { figure, median, now, round, type Section } from './lib.js';

/** What a load run needs to know about a running sandbox. */
export interface LoadTarget {
  baseUrl: string;
  authorization: string;
  /** The id of one call the sandbox holds. */
  callId: string;
}

/** `total` requests, `inFlight` at a time; how many were answered 200 and how long it took. */
export async function driveLoad(target: LoadTarget, total: number, inFlight: number): Promise<{ ok: number; seconds: number }> {
  const pool = new Pool(target.baseUrl, { connections: 8, pipelining: 1 });
  const headers = { authorization: target.authorization, 'content-type': 'application/json' };
  const reqs = [
    { method: 'GET' as const, path: '/v2/workspaces' },
    { method: 'GET' as const, path: '/v2/users' },
    { method: 'GET' as const, path: '/v2/calls?fromDateTime=2025-05-01T00:00:00Z&toDateTime=2025-05-08T00:00:00Z' },
    { method: 'POST' as const, path: '/v2/calls/extensive', body: JSON.stringify({ filter: { fromDateTime: '2025-05-01T00:00:00Z', toDateTime: '2025-05-03T00:00:00Z' } }) },
    { method: 'GET' as const, path: `/v2/calls/${target.callId}` },
  ];
  try {
    // Warm up caches and JIT, then measure.
    for (const r of reqs) await (await pool.request({ ...r, headers })).body.dump();
    let next = 0;
    let ok = 0;
    const worker = async () => {
      while (next < total) {
        const r = reqs[next++ % reqs.length]!;
        const res = await pool.request({ ...r, headers });
        await res.body.dump();
        if (res.statusCode === 200) ok++;
      }
    };
    const t = now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { ok, seconds: (now() - t) / 1000 };
  } finally {
    await pool.close();
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function measureSandbox(opts: { rounds?: number } = {}): Promise<Section> {
  const { startSandbox } = await import('../dist/sandbox/index.js');
  const rounds = opts.rounds ?? 5;
  const startWall: number[] = [];
  const startCpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const wall = now();
    const cpu = cpuMs();
    const sb = await startSandbox({ rateLimit: false, anchor: new Date('2025-06-01T00:00:00Z'), seed: 11 + i });
    startWall.push(now() - wall);
    startCpu.push(cpuMs() - cpu);
    await sb.close();
  }
  const sb = await startSandbox({ rateLimit: false, anchor: new Date('2025-06-01T00:00:00Z') });
  const basic = Buffer.from(`${sb.credentials.accessKey}:${sb.credentials.accessKeySecret}`).toString('base64');
  const target = { baseUrl: sb.baseUrl, authorization: `Basic ${basic}`, callId: String(sb.data.calls[100]!.metaData.id) };
  const total = 3000;
  const rates: number[] = [];
  let failed = 0;
  try {
    for (let i = 0; i < rounds; i++) {
      const run = await driveLoad(target, total, 32);
      rates.push(total / run.seconds);
      failed += total - run.ok;
    }
  } finally {
    await sb.close();
  }
  return {
    name: 'sandbox',
    figures: [
      figure({
        id: 'sandbox.start_ms', label: 'sandbox: start-up, wall (2,000 calls, 40 users; median)', value: round(median(startWall), 0), unit: 'ms',
        goal: '< 1000', check: (v) => v < 1000, detail: { wall_ms: startWall.map((v) => round(v, 0)), cpu_ms: startCpu.map((v) => round(v, 0)) },
      }),
      figure({
        id: 'sandbox.requests_per_second', label: 'sandbox: requests/s on loopback, 32 in flight (median)', value: round(median(rates), 0), unit: 'req/s',
        goal: '> 1000', check: (v) => v > 1000, detail: { per_round: rates.map((v) => round(v, 0)), requests_per_round: total },
      }),
      figure({ id: 'sandbox.failed_requests', label: 'sandbox: requests not answered 200 under that load', value: failed, unit: '', goal: '0', check: (v) => v === 0 }),
    ],
  };
}
