// Fault injection against the Gong sandbox (src/sandbox): 1,000-call transcript exports (whole
// and streamed), replay-safe writes and plain writes through the real connector while the sandbox
// answers 30% 429s, 20% 5xx (half before the request is applied, half after), resets on either
// side, truncated, malformed and slow bodies, and stalls (the per-request timeout, real and short,
// must end them), all seeded. The per-write log (`fault`, `handled`) is what proves a plain write
// (no idempotency key) is never re-sent once it may have reached Gong. Sleeps are virtual (fake
// clock): no test waits through a Retry-After. Prints its figures.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnector, type Connector } from '../../../src/connector.js';
import { GongError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { startSandbox, type FaultOptions, type Sandbox } from '../../../src/sandbox/index.js';
import { FakeClock } from '../../support/clock.js';

const FAULTS: Omit<FaultOptions, 'seed'> = {
  rate429: 0.3, rate5xx: 0.2, rateReset: 0.05, rateTruncated: 0.05, rateMalformed: 0.03, rateSlow: 0.05,
  retryAfterSeconds: 20, slowChunkDelayMs: 2,
};
/** FAULTS with every kind on both sides of the handler, and stalls. */
const ALL_FAULTS: Omit<FaultOptions, 'seed'> = {
  rate429: 0.3, rate5xx: 0.1, rate5xxAfter: 0.1, rateReset: 0.025, rateResetBefore: 0.025, rateTruncated: 0.04, rateMalformed: 0.02,
  rateSlow: 0.04, rateStall: 0.005, retryAfterSeconds: 5, slowChunkDelayMs: 2,
};

const sandboxes: Sandbox[] = [];
const connectors: Connector[] = [];
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close();
  for (const s of sandboxes.splice(0)) await s.close();
});

async function setup(seed: number, pageSize = 100, faults = FAULTS): Promise<{ sandbox: Sandbox; clock: FakeClock; connector: Connector }> {
  const sandbox = await startSandbox({ seed: 3, rateLimit: false, pageSize, faults: { seed, ...faults } });
  sandboxes.push(sandbox);
  const clock = new FakeClock({ random: [0.2, 0.9, 0.5] });
  const connector = createConnector({
    accessToken: sandbox.credentials.bearerToken, baseUrl: sandbox.baseUrl, env: {}, clock, limiterStore: new MemoryLimiterStore(),
    // Two answers in three are faults: enough attempts to outlast them; virtual time, so the deadline
    // is generous. The per-request timeout is real: short where requests stall.
    maxAttempts: 30, timeoutMs: faults.rateStall ? 400 : 2_000, deadlineMs: 24 * 3600_000, maxRetryAfterMs: 60_000,
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

const fmt = (faults: Record<string, number>) => Object.entries(faults).map(([f, n]) => `${f} ${n}`).join(', ');

describe('sandbox: every fault kind, stalls and both sides of the handler included', () => {
  it('a 1,000-call transcript export returns every record exactly once', async () => {
    const { sandbox, clock, connector } = await setup(20260302, 20, ALL_FAULTS);
    const callIds = sandbox.data.calls.slice(0, 1000).map((c) => c.metaData.id);
    const started = Date.now();
    const result = await connector.executeTool('gong_calls_transcript_get', { call_ids: callIds }, { all: true });
    const transcripts = result.callTranscripts as Array<{ callId: string }>;
    const seen = new Map<string, number>();
    for (const t of transcripts) seen.set(String(t.callId), (seen.get(String(t.callId)) ?? 0) + 1);
    const stats = sandbox.stats();
    console.log(
      `[faults/sandbox] transcript export, every fault kind: ${transcripts.length} records, ${stats.requests} requests for ${String(result.pages)} pages; ` +
      `faults ${fmt(stats.faults)}; virtual wait ${Math.round(clock.slept / 1000)} s, real ${Date.now() - started} ms`,
    );
    expect(callIds.filter((id) => !seen.has(id))).toEqual([]);
    expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
    expect(transcripts).toHaveLength(1000);
    expect(result.record_count).toBe(1000);
    expect(result.pages).toBe(50);
    expect((result.rate_limit as { requests: number }).requests).toBe(stats.requests);
    // The faults really happened, in roughly the configured proportions.
    expect((stats.faults['429'] ?? 0) / stats.requests).toBeGreaterThan(0.2);
    expect(((stats.faults['5xx'] ?? 0) + (stats.faults['5xx-after'] ?? 0)) / stats.requests).toBeGreaterThan(0.12);
    for (const f of ['5xx-after', 'reset', 'reset-before', 'truncated', 'malformed', 'slow', 'stall'] as const) expect(stats.faults[f] ?? 0, f).toBeGreaterThan(0);
  });

  it('the same export streamed page by page (connector.iterate) keeps the same guarantees', async () => {
    const { sandbox, connector } = await setup(7, 20, ALL_FAULTS);
    const callIds = sandbox.data.calls.slice(0, 1000).map((c) => c.metaData.id);
    const seen = new Map<string, number>();
    let result: Record<string, unknown> = {};
    for await (const item of connector.iterate('gong_calls_transcript_get', { call_ids: callIds })) {
      if (item.kind === 'envelope') result = item.envelope;
      else for (const r of item.records as Array<{ callId: string }>) seen.set(String(r.callId), (seen.get(String(r.callId)) ?? 0) + 1);
    }
    console.log(`[faults/sandbox] streamed export: ${seen.size} distinct records of ${callIds.length}, ${sandbox.stats().requests} requests, faults ${fmt(sandbox.stats().faults)}`);
    expect(result.record_count).toBe(1000);
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('replay-safe writes land once, and every attempt of a call registration carries one clientUniqueId', async () => {
    const { sandbox, connector } = await setup(99, 100, ALL_FAULTS);
    const user = sandbox.data.users.find((u) => u.active && u.role !== 'avatar')!;
    const N = 100;
    let noted409 = 0;
    for (let i = 0; i < N; i++) {
      const created = await connector.executeTool('gong_calls_create', {
        actual_start: '2026-03-01T10:00:00Z', direction: 'Outbound', title: `All-faults call ${i}`,
        parties: [{ user_id: user.id, email_address: user.emailAddress }, { email_address: `buyer${i}@example.com` }],
      });
      expect(typeof created.callId).toBe('string');
      const event = await connector.executeTool('gong_engage_digital_interactions_create', {
        event_name: 'web-visit', event_timestamp: '2026-03-01T10:00:00Z', url: `https://example.com/pricing?${i}`, prospect_email: `buyer${i}@example.com`,
      });
      if (Array.isArray(event.notes) && (event.notes as string[]).some((n) => n.includes('409'))) noted409 += 1;
    }
    const writes = sandbox.writes();
    const registrations = sandbox.log.filter((e) => e.method === 'POST' && e.path === '/v2/calls');
    // Re-sent after being applied: a 5xx-after, reset, truncated or malformed answer lost the success.
    const resentAfterApplied = writes.replayed.addCall ?? 0;
    console.log(
      `[faults/sandbox] replay-safe writes, every fault kind: applied addCall ${writes.applied.addCall ?? 0}, addDigitalInteraction ${writes.applied.addDigitalInteraction ?? 0}; ` +
      `call registrations re-sent after being applied ${resentAfterApplied}; 409 on a replayed event, noted ${noted409}; faults ${fmt(sandbox.stats().faults)}`,
    );
    expect(writes.applied.addCall).toBe(N);
    expect(writes.applied.addDigitalInteraction).toBe(N);
    expect(resentAfterApplied + (writes.replayed.addDigitalInteraction ?? 0)).toBeGreaterThan(0);
    expect(noted409).toBeGreaterThan(0);
    const keys = new Set(registrations.map((e) => (e.body as { clientUniqueId?: string } | undefined)?.clientUniqueId).filter((k) => k !== undefined));
    expect(keys.size).toBe(N);
  });

  it('plain writes (no idempotency key) are never re-sent once they may have reached Gong', async () => {
    const { sandbox, connector } = await setup(4242, 100, ALL_FAULTS);
    const flow = sandbox.data.flows[0]!;
    const owner = sandbox.data.users.find((u) => u.active && u.role !== 'avatar')!;
    const N = 200;
    const outcomes = { ok: 0, failedNotApplied: 0, failedMaybeApplied: 0 };
    let resent = 0;
    let resentAfterApplied = 0;
    let appliedTwice = 0;
    for (let i = 0; i < N; i++) {
      sandbox.clearLog();
      const input = { method: 'POST', path: '/v2/flows/prospects/assign', body: { crmProspectsIds: [`p${i}`], flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress }, confirm: true };
      let failed = false;
      try {
        await connector.executeTool('gong_api_request', input);
        outcomes.ok += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(GongError);
        failed = true;
      }
      // Every log entry since clearLog() is an attempt of this one write.
      const attempts = sandbox.log.filter((e) => e.path === '/v2/flows/prospects/assign');
      const applied = attempts.filter((e) => e.handled !== undefined && e.handled < 300).length;
      const firstApplied = attempts.findIndex((e) => e.handled !== undefined && e.handled < 300);
      if (attempts.length > 1) resent += 1;
      if (firstApplied >= 0 && firstApplied < attempts.length - 1) resentAfterApplied += 1;
      if (applied > 1) appliedTwice += 1;
      if (failed) {
        if (applied === 0) outcomes.failedNotApplied += 1;
        else outcomes.failedMaybeApplied += 1;
      }
    }
    console.log(
      `[faults/sandbox] plain writes: ${N} writes, ${outcomes.ok} succeeded, ${outcomes.failedMaybeApplied} failed after Gong had applied them (reported, never repeated), ` +
      `${outcomes.failedNotApplied} failed before being applied; ${resent} re-sent (after a 429 or a refusal before sending), ${resentAfterApplied} re-sent after being applied; ` +
      `applied twice: ${appliedTwice}; faults ${fmt(sandbox.stats().faults)}`,
    );
    expect(appliedTwice).toBe(0);
    expect(resentAfterApplied).toBe(0);
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.failedMaybeApplied + outcomes.failedNotApplied).toBeGreaterThan(0);
    expect(resent).toBeGreaterThan(0);
  });
});
