// Pacing: a paged transcript export with speaker names under Gong's 3 requests per second —
// every call of a 3,000-call sandbox, listed with their parties by
// gong_calls_extensive_list --all, then read as text by gong_calls_transcript_text 100 ids at a
// time. The sandbox (own process) enforces 3/s like Gong and counts 429s; the connector runs
// at its default pace. Floor = (requests − 1) / 3 s: the first request goes at once.
import { createConnector } from '../dist/connector.js';
import { MemoryLimiterStore } from '../src/state/limiter/memory.js';
import { figure, now, round, type Section } from './lib.js';
import { startSandboxProcess } from './sandbox-child.js';

export async function measurePacing(): Promise<Section> {
  const sandbox = await startSandboxProcess({ seed: 1, callCount: 3000, rateLimit: { perSecond: 3, daily: false } });
  const connector = createConnector({
    accessKey: sandbox.credentials.accessKey, accessKeySecret: sandbox.credentials.accessKeySecret, baseUrl: sandbox.baseUrl,
    env: {}, limiterStore: new MemoryLimiterStore(),
  });
  try {
    const ids = sandbox.calls.map((c) => c.id);
    const from = new Date(sandbox.calls[0]!.at).toISOString();
    const to = new Date(sandbox.calls.at(-1)!.at + 1).toISOString();
    // A second's rest so the sandbox's window holds nothing from start-up.
    await new Promise((r) => setTimeout(r, 1100));
    await sandbox.clearLog();
    const before = await sandbox.stats();
    const t0 = now();
    let requests = 0;
    for await (const item of connector.iterate('gong_calls_extensive_list', { from_date_time: from, to_date_time: to })) {
      if (item.kind === 'envelope') requests += (item.envelope.rate_limit as { requests: number }).requests;
    }
    let rendered = 0;
    let sentences = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const text = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids.slice(i, i + 100) });
      requests += (text.rate_limit as { requests: number }).requests;
      rendered += Number(text.calls);
      sentences += Number(text.sentences);
    }
    const wallS = (now() - t0) / 1000;
    const after = await sandbox.stats();
    const served = after.requests - before.requests;
    const status429 = after.status429 - before.status429;
    const pages = Math.ceil(ids.length / 100);
    const minimum = pages /* listing with parties, 100 per page */ + pages /* transcripts, 100 ids per request */;
    const floorS = (served - 1) / 3;
    return {
      name: 'pacing',
      figures: [
        figure({
          id: 'pacing.wall_vs_floor', label: `pacing: export of ${ids.length} transcripts at 3/s, wall ÷ floor`,
          value: round(wallS / floorS, 3), unit: '×', goal: '≤ 1.05', check: (v) => v <= 1.05,
          detail: { calls: ids.length, transcripts_rendered: rendered, sentences, wall_s: round(wallS, 2), floor_s: round(floorS, 2), requests_served: served },
        }),
        figure({ id: 'pacing.429s', label: 'pacing: 429 responses provoked', value: status429, unit: '', goal: '0', check: (v) => v === 0 }),
        figure({
          id: 'pacing.requests_vs_minimum', label: 'pacing: requests made ÷ minimum possible', value: round(served / minimum, 3), unit: '×', goal: '1.00', check: (v) => v <= 1,
          detail: { requests: served, counted_by_connector: requests, minimum, minimum_is: `${pages} listing pages with parties + ${pages} transcript requests (Gong's 100-per-page cap)` },
        }),
      ],
    };
  } finally {
    await connector.close();
    await sandbox.close();
  }
}
