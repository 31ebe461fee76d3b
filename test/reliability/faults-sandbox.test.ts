// Fault injection against the Gong sandbox (src/sandbox): a 1,000-call transcript export and a
// batch of replay-safe writes through the real connector while the sandbox answers 30% 429s,
// 20% 5xx, and resets, truncated, malformed and slow bodies (seeded). Sleeps are virtual (fake
// clock): no test waits through a Retry-After. Prints its figures.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnector, type Connector } from '../../src/connector.js';
import { MemoryLimiterStore } from '../../src/pipeline/limiter.js';
import { startSandbox, type FaultOptions, type Sandbox } from '../../src/sandbox/index.js';
import { FakeClock } from '../support/clock.js';

const FAULTS: Omit<FaultOptions, 'seed'> = {
  rate429: 0.3, rate5xx: 0.2, rateReset: 0.05, rateTruncated: 0.05, rateMalformed: 0.03, rateSlow: 0.05,
  retryAfterSeconds: 20, slowChunkDelayMs: 2,
};

const sandboxes: Sandbox[] = [];
const connectors: Connector[] = [];
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close();
  for (const s of sandboxes.splice(0)) await s.close();
});

async function setup(seed: number, pageSize = 100): Promise<{ sandbox: Sandbox; clock: FakeClock; connector: Connector }> {
  const sandbox = await startSandbox({ seed: 3, rateLimit: false, pageSize, faults: { seed, ...FAULTS } });
  sandboxes.push(sandbox);
  const clock = new FakeClock({ random: [0.2, 0.9, 0.5] });
  const connector = createConnector({
    accessToken: sandbox.credentials.bearerToken, baseUrl: sandbox.baseUrl, env: {}, clock, limiterStore: new MemoryLimiterStore(),
    // Two answers in three are faults: enough attempts to outlast them; virtual time, so the deadline is generous.
    maxAttempts: 30, timeoutMs: 2_000, deadlineMs: 24 * 3600_000,
  });
  connectors.push(connector);
  return { sandbox, clock, connector };
}

function tally(sandbox: Sandbox): { requests: number; faults: string } {
  const stats = sandbox.stats();
  const byStatus = Object.entries(stats.byStatus).map(([s, n]) => `${s === '0' ? 'dropped' : s} ${n}`).join(', ');
  return { requests: stats.requests, faults: byStatus };
}

describe('sandbox: a 1,000-call transcript export under faults', () => {
  it('returns every record exactly once: nothing lost, nothing duplicated', async () => {
    const { sandbox, clock, connector } = await setup(20260302, 20);
    const callIds = sandbox.data.calls.slice(0, 1000).map((c) => c.metaData.id);
    const started = Date.now();
    const result = await connector.executeTool('gong_calls_transcript_get', { call_ids: callIds }, { all: true });
    const transcripts = result.callTranscripts as Array<{ callId: string; transcript: unknown[] }>;
    const seen = new Map<string, number>();
    for (const t of transcripts) seen.set(String(t.callId), (seen.get(String(t.callId)) ?? 0) + 1);
    const lost = callIds.filter((id) => !seen.has(id)).length;
    const duplicated = [...seen.values()].filter((n) => n > 1).length;
    const { requests, faults } = tally(sandbox);
    console.log(
      `[faults/sandbox] transcript export: ${callIds.length} calls, ${transcripts.length} records, ${lost} lost, ${duplicated} duplicated; ` +
      `${requests} requests for ${String(result.pages)} pages (statuses: ${faults}); virtual wait ${Math.round(clock.slept / 1000)} s, real ${Date.now() - started} ms`,
    );
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(transcripts).toHaveLength(1000);
    expect(result.pages).toBe(50);
    expect(transcripts.every((t) => Array.isArray(t.transcript) && t.transcript.length > 0)).toBe(true);
    // The faults really happened.
    const stats = sandbox.stats();
    expect(stats.status429 / stats.requests).toBeGreaterThan(0.2);
    expect(stats.requests).toBeGreaterThan(100);
  });
});

describe('sandbox: writes under the same faults are never applied twice', () => {
  it('gong_calls_create and digital interactions: each applied exactly once, replays recognised', async () => {
    const { sandbox, connector } = await setup(77);
    const user = sandbox.data.users.find((u) => u.active && u.role !== 'avatar')!;
    const N = 100;
    let succeeded = 0;
    const callIds = new Set<string>();
    for (let i = 0; i < N; i++) {
      const created = await connector.executeTool('gong_calls_create', {
        actual_start: '2026-03-01T10:00:00Z', direction: 'Outbound', title: `Fault suite call ${i}`,
        parties: [{ user_id: user.id, email_address: user.emailAddress }, { email_address: `buyer${i}@example.com` }],
      });
      callIds.add(String(created.callId));
      await connector.executeTool('gong_engage_digital_interactions_create', {
        event_name: 'web-visit', event_timestamp: '2026-03-01T10:00:00Z', url: `https://example.com/pricing/${i}`, prospect_email: `buyer${i}@example.com`,
      });
      succeeded += 2;
    }
    const writes = sandbox.writes();
    const { requests, faults } = tally(sandbox);
    console.log(
      `[faults/sandbox] writes: ${2 * N} writes (${N} gong_calls_create, ${N} digital interactions), ${succeeded} succeeded; ` +
      `applied addCall ${writes.applied.addCall ?? 0}, addDigitalInteraction ${writes.applied.addDigitalInteraction ?? 0}; ` +
      `replays recognised (same clientUniqueId / eventId) ${(writes.replayed.addCall ?? 0) + (writes.replayed.addDigitalInteraction ?? 0)}; ${requests} requests (statuses: ${faults})`,
    );
    expect(succeeded).toBe(2 * N);
    expect(callIds.size).toBe(N);
    expect(writes.applied.addCall).toBe(N);
    expect(writes.applied.addDigitalInteraction).toBe(N);
    // Answers were lost after the write was applied, and the retry was recognised as a replay.
    expect((writes.replayed.addCall ?? 0) + (writes.replayed.addDigitalInteraction ?? 0)).toBeGreaterThan(0);
  });
});
