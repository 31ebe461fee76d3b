// executeTool's per-call overhead over raw undici on the same loopback server: N sequential
// calls of gong_call_get vs undici.request + JSON.parse of the same URL, pacing effectively off,
// rounds interleaved (raw, connector, raw, …) after warm-up; the figure is the median of the
// per-round ratios (paired rounds cancel the machine's drift).
import { Agent, request } from 'undici';
import { createConnector } from '../dist/connector.js';
import { MemoryLimiterStore } from '../src/state/limiter/memory.js';
import { figure, median, now, round, type Section } from './lib.js';
import { startFixedServer } from './server.js';

const CALL_ID = '7782342274025937895';
const CALL = {
  requestId: '4al018gzaztcr8nbukw',
  call: {
    id: CALL_ID, url: `https://app.gong.io/call?id=${CALL_ID}`, title: 'Acme / Globex — renewal review', scheduled: '2026-03-02T16:00:00Z',
    started: '2026-03-02T16:01:12Z', duration: 2710, primaryUserId: '234599484848423', direction: 'Conference', system: 'Zoom',
    scope: 'External', media: 'Video', language: 'eng', workspaceId: '623457276584334', sdrDisposition: null, clientUniqueId: null,
    customData: null, purpose: 'Renewal', meetingUrl: 'https://zoom.us/j/99999999999', isPrivate: false, calendarEventId: 'abc123',
  },
};

export async function measureOverhead(opts: { calls?: number; rounds?: number } = {}): Promise<Section> {
  const calls = opts.calls ?? 400;
  const rounds = opts.rounds ?? 21;
  const server = await startFixedServer(JSON.stringify(CALL));
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8, pipelining: 1 });
  const auth = `Basic ${Buffer.from('bench-key:bench-secret').toString('base64')}`;
  const connector = createConnector({
    accessKey: 'bench-key', accessKeySecret: 'bench-secret', baseUrl: server.baseUrl, env: {},
    rateLimitPerSecond: 1e9, dailyLimit: 1e12, limiterStore: new MemoryLimiterStore(),
  });
  const raw = async () => {
    const res = await request(`${server.baseUrl}/v2/calls/${CALL_ID}`, { method: 'GET', headers: { accept: 'application/json', authorization: auth }, dispatcher: agent });
    const data = JSON.parse(await res.body.text()) as typeof CALL;
    if (data.call.id !== CALL_ID) throw new Error('raw: wrong body');
  };
  const tool = async () => {
    const result = await connector.executeTool('gong_call_get', { id: CALL_ID });
    if ((result.call as { id: string }).id !== CALL_ID) throw new Error('connector: wrong body');
  };
  const cpu: { raw: number[]; tool: number[] } = { raw: [], tool: [] };
  const timeRound = async (fn: () => Promise<void>, cpuOut?: number[]) => {
    const c0 = process.cpuUsage();
    const t0 = now();
    for (let i = 0; i < calls; i++) await fn();
    const ms = (now() - t0) / calls;
    const c = process.cpuUsage(c0);
    cpuOut?.push((c.user + c.system) / calls);
    return ms;
  };
  try {
    for (let w = 0; w < 3; w++) { await timeRound(raw); await timeRound(tool); }
    const rawMs: number[] = [];
    const toolMs: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first so neither always runs on the warmer machine.
      let rawRound: number;
      let toolRound: number;
      if (r % 2 === 0) {
        rawRound = await timeRound(raw, cpu.raw);
        toolRound = await timeRound(tool, cpu.tool);
      } else {
        toolRound = await timeRound(tool, cpu.tool);
        rawRound = await timeRound(raw, cpu.raw);
      }
      rawMs.push(rawRound);
      toolMs.push(toolRound);
      ratios.push(toolRound / rawRound);
    }
    const ratio = median(ratios);
    return {
      name: 'overhead',
      figures: [figure({
        id: 'overhead.ratio',
        label: 'overhead: executeTool ÷ raw undici+JSON.parse, per call',
        value: round(ratio, 3), unit: '×', goal: '≤ 1.10', check: (v) => v <= 1.10,
        detail: {
          calls_per_round: calls, rounds,
          raw_us_per_call: round(median(rawMs) * 1000, 1), execute_tool_us_per_call: round(median(toolMs) * 1000, 1),
          added_us_per_call: round((median(toolMs) - median(rawMs)) * 1000, 1),
          cpu_us_per_call: { raw: round(median(cpu.raw), 1), execute_tool: round(median(cpu.tool), 1) },
          round_ratios: ratios.map((x) => round(x, 3)),
        },
        note: 'The per-call work left is the features: input validation, the path guard and final-URL check, limiter reserve/settle/report, the watchdog and transport timers, the lossless-JSON prescan and result shaping (~9 µs hot over a no-op transport, 2–3× that between loopback round trips). Against a Gong round trip (≥ 50 ms) it is under 0.1%.',
      })],
    };
  } finally {
    await connector.close();
    await agent.close();
    await server.close();
  }
}
