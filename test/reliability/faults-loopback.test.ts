// Fault injection against a small loopback Gong fake (test/support/fault-server.ts, seeded), the
// complement of faults-sandbox.test.ts: besides 30% 429s, 20% 5xx, resets, slow, truncated and
// malformed bodies, it stalls requests (the per-request timeout must end them) and fails writes
// both before and after applying them (5xx and resets on either side), with a per-write count of
// applications — what proves a plain write (no idempotency key) is never repeated once it may have
// reached Gong. Sleeps are virtual (fake clock); the per-request timeout is real and short.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnector, type Connector } from '../../src/connector.js';
import type { ConnectorOptions } from '../../src/connection/options.js';
import { GongError } from '../../src/http/errors.js';
import { MemoryLimiterStore } from '../../src/pipeline/limiter.js';
import { CANARY } from '../support/canary.js';
import { FakeClock } from '../support/clock.js';
import { startFaultServer, type Fault, type FaultRates, type FaultServer } from '../support/fault-server.js';

const FAULTS: Omit<FaultRates, 'seed'> = {
  rate429: 0.3, rate5xx: 0.2, rateReset: 0.05, rateTruncated: 0.04, rateMalformed: 0.02, rateSlow: 0.04, rateStall: 0.005,
  retryAfterSeconds: [1, 2, 5, 20], slowMs: 15, pageSize: 20,
};

const servers: FaultServer[] = [];
const connectors: Connector[] = [];
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function faulty(seed: number): Promise<{ server: FaultServer; clock: FakeClock; connector: Connector }> {
  const server = await startFaultServer({ seed, ...FAULTS });
  servers.push(server);
  const clock = new FakeClock({ random: [0.1, 0.7, 0.4, 0.9] });
  const options: ConnectorOptions = {
    accessToken: CANARY, baseUrl: server.url, env: {}, clock, limiterStore: new MemoryLimiterStore(),
    // Enough attempts for 68% faulty answers; virtual time, so a generous deadline costs nothing.
    maxAttempts: 30, timeoutMs: 400, deadlineMs: 24 * 3600_000, maxRetryAfterMs: 60_000,
  };
  const connector = createConnector(options);
  connectors.push(connector);
  return { server, clock, connector };
}

const injected = (faults: Record<Fault, number>) => Object.entries(faults).filter(([f]) => f !== 'none' && f !== 'slow').reduce((a, [, n]) => a + n, 0);
const fmt = (faults: Record<Fault, number>) => Object.entries(faults).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n}`).join(', ');

describe('a 1,000-call transcript export under faults', () => {
  it('returns every record exactly once: nothing lost, nothing duplicated', async () => {
    const { server, clock, connector } = await faulty(20260302);
    const callIds = Array.from({ length: 1000 }, (_, i) => String(7_782_342_274_025_000_000n + BigInt(i * 7919)));
    const started = Date.now();
    const result = await connector.executeTool('gong_calls_transcript_get', { call_ids: callIds }, { all: true });
    const elapsed = Date.now() - started;
    const transcripts = result.callTranscripts as Array<{ callId: string }>;
    const seen = new Map<string, number>();
    for (const t of transcripts) seen.set(t.callId, (seen.get(t.callId) ?? 0) + 1);
    const duplicated = [...seen.values()].filter((n) => n > 1).length;
    const lost = callIds.filter((id) => !seen.has(id)).length;
    const requests = server.requests.length;
    const rate = result.rate_limit as { requests: number; waited_ms: number };
    console.log(
      `[faults/loopback] transcript export: ${callIds.length} call ids, ${transcripts.length} records, ${lost} lost, ${duplicated} duplicated; ` +
      `${requests} requests for ${result.pages as number} pages; ${injected(server.faults)} faults survived (${fmt(server.faults)}); ` +
      `virtual wait ${Math.round(clock.slept / 1000)} s, real ${elapsed} ms`,
    );
    expect(transcripts).toHaveLength(1000);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(result.record_count).toBe(1000);
    expect(result.pages).toBe(50);
    expect(rate.requests).toBe(requests);
    // The faults really happened, in roughly the configured proportions.
    expect(server.faults['429'] / requests).toBeGreaterThan(0.2);
    expect((server.faults['5xx-before'] + server.faults['5xx-after']) / requests).toBeGreaterThan(0.12);
    for (const f of ['reset-before', 'reset-after', 'truncated', 'malformed', 'slow', 'stall'] as const) expect(server.faults[f], f).toBeGreaterThan(0);
  });

  it('streams the same export page by page (iterate) with the same guarantees', async () => {
    const { server, connector } = await faulty(7);
    const callIds = Array.from({ length: 1000 }, (_, i) => String(1_000_000 + i));
    const seen = new Map<string, number>();
    let result: Record<string, unknown> = {};
    for await (const item of connector.iterate('gong_calls_transcript_get', { call_ids: callIds })) {
      if (item.kind === 'envelope') result = item.envelope;
      else for (const r of item.records as Array<{ callId: string }>) seen.set(r.callId, (seen.get(r.callId) ?? 0) + 1);
    }
    console.log(`[faults/loopback] streamed export: ${seen.size} distinct records of ${callIds.length}, ${server.requests.length} requests, ${injected(server.faults)} faults survived`);
    expect(result.record_count).toBe(1000);
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('writes under the same faults are never applied twice', () => {
  it('replay-safe writes: gong_calls_create (clientUniqueId) and digital interactions (eventId) land exactly once', async () => {
    const { server, connector } = await faulty(99);
    let replayed = 0;
    let ok = 0;
    const N = 150;
    for (let i = 0; i < N; i++) {
      const created = await connector.executeTool('gong_calls_create', {
        actual_start: '2026-03-01T10:00:00Z', direction: 'Outbound', title: `Call ${i}`,
        parties: [{ user_id: '7782342274025937895', email_address: 'rep@example.com' }, { email_address: `buyer${i}@example.com` }],
      });
      const event = await connector.executeTool('gong_engage_digital_interactions_create', {
        event_name: 'web-visit', event_timestamp: '2026-03-01T10:00:00Z', url: `https://example.com/pricing?${i}`, prospect_email: `buyer${i}@example.com`,
      });
      // Both calls resolved (a failure would have thrown); a registration answers with its callId.
      expect(typeof created.callId).toBe('string');
      ok += 2;
      if (Array.isArray(event.notes) && (event.notes as string[]).some((n) => n.includes('409'))) replayed += 1;
    }
    const applied = [...server.applied.values()];
    const reSent = server.afterApplied.size;
    console.log(
      `[faults/loopback] replay-safe writes: ${2 * N} writes (${N} gong_calls_create, ${N} digital interactions), ${ok} succeeded, ${applied.filter((n) => n === 1).length} applied once, ` +
      `${applied.filter((n) => n > 1).length} applied twice; ${reSent} re-sent with the same key after being applied, ${replayed} answered 409 on a replay (success, noted); ` +
      `${server.requests.length} requests, ${injected(server.faults)} faults (${fmt(server.faults)})`,
    );
    expect(ok).toBe(2 * N);
    expect(server.applied.size).toBe(2 * N);
    expect(applied.every((n) => n === 1)).toBe(true);
    expect(reSent).toBeGreaterThan(0);
    expect(replayed).toBeGreaterThan(0);
    // Every attempt of a call registration carried the same derived clientUniqueId.
    const keys = new Set(server.requests.filter((r) => r.url === '/v2/calls').map((r) => (JSON.parse(r.body) as { clientUniqueId: string }).clientUniqueId));
    expect(keys.size).toBe(N);
  });

  it('plain writes (no idempotency key) are never repeated once they may have reached Gong', async () => {
    const { server, connector } = await faulty(4242);
    const N = 200;
    const outcomes = { ok: 0, failedNotApplied: 0, failedMaybeApplied: 0 };
    const errorCodes = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const input = { method: 'POST', path: '/v2/flows/prospects/assign', body: { crmProspectsIds: [`p${i}`], flowId: '1', flowInstanceOwnerEmail: 'a@b.co' } };
      try {
        await connector.executeTool('gong_api_request', input);
        outcomes.ok += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(GongError);
        const code = (error as GongError).code;
        errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
        const key = `assign:${JSON.stringify(input.body)}`;
        if ((server.applied.get(key) ?? 0) === 0) outcomes.failedNotApplied += 1;
        else outcomes.failedMaybeApplied += 1;
      }
    }
    const applied = [...server.applied.values()];
    // Re-sent at all: only after a 429 or a connection refused before sending (Gong cannot have applied it).
    const resent = [...server.received.values()].filter((n) => n > 1).length;
    const resentAfterApplied = server.afterApplied.size;
    console.log(
      `[faults/loopback] plain writes: ${N} writes, ${outcomes.ok} succeeded, ${outcomes.failedMaybeApplied} failed after Gong had applied them (reported, never repeated), ` +
      `${outcomes.failedNotApplied} failed before being applied; ${resent} re-sent after a 429, ${resentAfterApplied} re-sent after being applied; applied twice: ${applied.filter((n) => n > 1).length}; errors ${[...errorCodes].map(([c, n]) => `${c} ${n}`).join(', ')}; ` +
      `${server.requests.length} requests, ${injected(server.faults)} faults`,
    );
    expect(applied.every((n) => n === 1)).toBe(true);
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.failedMaybeApplied + outcomes.failedNotApplied).toBeGreaterThan(0);
    // Every success was applied exactly once.
    expect(server.applied.size).toBe(outcomes.ok + outcomes.failedMaybeApplied);
    expect(resentAfterApplied).toBe(0);
    expect(resent).toBeGreaterThan(0);
  });
});
