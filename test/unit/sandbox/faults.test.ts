import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api, basicAuth } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
});
afterAll(() => sb.close());
beforeEach(() => sb.setFaults(undefined));

async function raw(path: string, init: { method?: string; body?: string; signal?: AbortSignal } = {}) {
  const res = await request(new URL(path, sb.baseUrl), {
    method: (init.method ?? 'GET') as 'GET',
    headers: { authorization: basicAuth(sb), 'content-type': 'application/json' },
    body: init.body ?? null,
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return res;
}

describe('fault injection', () => {
  it('429 with the configured Retry-After', async () => {
    sb.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const res = await api(sb, 'GET', '/v2/workspaces');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json.errors).toEqual(['API calls limit exceeded']);
  });

  it('5xx (500, 502 or 503) before the handler runs: nothing is applied', async () => {
    sb.setFaults({ rate5xx: 1 });
    const before = sb.writes().applied.addDigitalInteraction ?? 0;
    const res = await api(sb, 'POST', '/v2/digital-interaction', {
      body: { eventId: 'fault-5xx', timestamp: '2025-05-01T00:00:00Z', eventType: 'view', content: { contentTitle: 't' }, trackingId: 'x' },
    });
    expect([500, 502, 503]).toContain(res.status);
    expect(res.json.errors).toEqual(['Internal server error occurred']);
    expect(sb.writes().applied.addDigitalInteraction ?? 0).toBe(before);
  });

  it('5xx-after: the write is applied, then answered 500, 502 or 503 (its answer lost)', async () => {
    sb.setFaults({ rate5xxAfter: 1 });
    const before = sb.writes().applied.addDigitalInteraction ?? 0;
    const body = { eventId: 'fault-5xx-after', timestamp: '2025-05-01T00:00:00Z', eventType: 'view', content: { contentTitle: 't' }, trackingId: 'x' };
    const res = await api(sb, 'POST', '/v2/digital-interaction', { body });
    expect([500, 502, 503]).toContain(res.status);
    expect(sb.writes().applied.addDigitalInteraction).toBe(before + 1);
    expect(sb.log.at(-1)).toMatchObject({ fault: '5xx-after', handled: 200, status: res.status });
    sb.setFaults(undefined);
    expect((await api(sb, 'POST', '/v2/digital-interaction', { body })).status).toBe(409);
  });

  it('reset-before: the socket is destroyed before the request is applied', async () => {
    sb.setFaults({ rateResetBefore: 1 });
    const before = sb.writes().applied.addDigitalInteraction ?? 0;
    const body = JSON.stringify({ eventId: 'fault-reset-before', timestamp: '2025-05-01T00:00:00Z', eventType: 'view', content: { contentTitle: 't' }, trackingId: 'x' });
    await expect(raw('/v2/digital-interaction', { method: 'POST', body })).rejects.toThrow();
    expect(sb.writes().applied.addDigitalInteraction ?? 0).toBe(before);
    expect(sb.log.at(-1)).toMatchObject({ fault: 'reset-before', status: 0 });
    expect(sb.log.at(-1)?.handled).toBeUndefined();
    sb.setFaults(undefined);
    expect((await raw('/v2/digital-interaction', { method: 'POST', body })).statusCode).toBe(200);
  });

  it('stall: a drawn share of requests is accepted and never answered; the rest are', async () => {
    sb.setFaults({ seed: 5, rateStall: 0.5 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => raw('/v2/workspaces', { signal: AbortSignal.timeout(300) })
      .then(async (r) => { await r.body.dump(); return r.statusCode; }, () => 'stalled' as const)));
    expect(outcomes.filter((o) => o === 'stalled').length).toBe(sb.stats().faults.stall);
    expect(outcomes.filter((o) => o === 200).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'stalled').length).toBeGreaterThan(0);
  });

  it('reset: the socket is destroyed without an answer, after the write was applied', async () => {
    sb.setFaults({ rateReset: 1 });
    const body = JSON.stringify({ eventId: 'fault-reset', timestamp: '2025-05-01T00:00:00Z', eventType: 'view', content: { contentTitle: 't' }, trackingId: 'x' });
    await expect(raw('/v2/digital-interaction', { method: 'POST', body })).rejects.toThrow();
    expect(sb.writes().applied.addDigitalInteraction).toBeGreaterThanOrEqual(1);
    sb.setFaults(undefined);
    // The retry is recognised: Gong says the event was already reported.
    expect((await raw('/v2/digital-interaction', { method: 'POST', body })).statusCode).toBe(409);
    expect(sb.log[sb.log.length - 2]?.status).toBe(0);
  });

  it('truncated: Content-Length promised, body cut short', async () => {
    sb.setFaults({ rateTruncated: 1 });
    const res = await raw('/v2/users');
    expect(res.statusCode).toBe(200);
    const promised = Number(res.headers['content-length']);
    expect(promised).toBeGreaterThan(1000);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    sb.setFaults({ rateMalformed: 1 });
    const res = await raw('/v2/workspaces');
    expect(res.statusCode).toBe(200);
    const text = await res.body.text();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text)).toThrow();
  });

  it('slow: the body trickles in small chunks but arrives whole', async () => {
    sb.setFaults({ rateSlow: 1, slowChunkDelayMs: 2 });
    const res = await raw('/v2/workspaces');
    let chunks = 0;
    let text = '';
    for await (const chunk of res.body) {
      chunks++;
      text += chunk.toString();
    }
    expect(chunks).toBeGreaterThan(2);
    expect(JSON.parse(text).workspaces.length).toBeGreaterThanOrEqual(3);
  });

  it('hang: the request is accepted and never answered', async () => {
    sb.setFaults({ hang: true });
    await expect(raw('/v2/workspaces', { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(sb.log[sb.log.length - 1]?.status).toBe(0);
  });

  it('latency delays answers', async () => {
    sb.setFaults({ latencyMs: 60 });
    const t = performance.now();
    expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
  });

  it('hits only the configured route prefixes, and never the OAuth endpoints', async () => {
    sb.setFaults({ rate5xx: 1, routes: ['/v2/calls'] });
    expect((await api(sb, 'GET', '/v2/users')).status).toBe(200);
    expect((await api(sb, 'GET', '/v2/calls')).status).toBeGreaterThanOrEqual(500);
    sb.setFaults({ rate5xx: 1 });
    expect((await api(sb, 'POST', '/oauth2/generate-customer-token', { auth: null })).status).toBe(401);
  });

  it('follows a deterministic schedule from its seed', async () => {
    const run = async () => {
      sb.setFaults({ seed: 42, rate5xx: 0.3, rate429: 0.2 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await api(sb, 'GET', '/v2/workspaces')).status);
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(b).toEqual(a);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(a.filter((s) => s >= 500).length).toBeGreaterThan(0);
  });
});
