import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
let now = Date.parse('2025-06-01T10:00:00Z');
beforeAll(async () => {
  // Default limits (3/s, 10,000/day), on an injected clock: nothing here sleeps.
  sb = await startSandbox({ anchor: ANCHOR, clock: () => now });
});
afterAll(() => sb.close());

describe('rate limits', () => {
  it('allows 3 requests per second, then 429 with Retry-After in seconds; the window slides', async () => {
    for (let i = 0; i < 3; i++) expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
    const limited = await api(sb, 'GET', '/v2/workspaces');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json.errors).toEqual(['API calls limit exceeded']);
    expect(limited.json.requestId).toBeTypeOf('string');

    now += 999;
    expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(429);
    now += 1;
    expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
    expect(sb.stats().status429).toBe(2);
  });

  it('counts a daily quota and answers with the wait until the next UTC day', async () => {
    sb.setRateLimit({ perSecond: false, daily: 5 });
    now = Date.parse('2025-06-02T22:00:00Z');
    for (let i = 0; i < 5; i++) expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
    const over = await api(sb, 'GET', '/v2/workspaces');
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe(String(2 * 3600));
    expect(over.json.errors).toEqual(['Daily API call quota exceeded']);
    now = Date.parse('2025-06-03T00:00:01Z');
    expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
  });

  it('can send a fixed, long Retry-After, and can be turned off', async () => {
    sb.setRateLimit({ perSecond: 1, retryAfterSeconds: 1200 });
    expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
    const limited = await api(sb, 'GET', '/v2/workspaces');
    expect(limited.headers['retry-after']).toBe('1200');
    sb.setRateLimit(false);
    for (let i = 0; i < 10; i++) expect((await api(sb, 'GET', '/v2/workspaces')).status).toBe(200);
  });

  it('does not limit the OAuth endpoints, and counts every request in stats', async () => {
    sb.setRateLimit({ perSecond: 1 });
    now += 10_000;
    await api(sb, 'GET', '/v2/workspaces');
    const before = sb.stats();
    const oauth = await api(sb, 'POST', '/oauth2/generate-customer-token', { auth: null });
    expect(oauth.status).toBe(401);
    const after = sb.stats();
    expect(after.requests).toBe(before.requests + 1);
    expect(after.byStatus[401]).toBe((before.byStatus[401] ?? 0) + 1);
    expect(after.status429).toBe(before.status429);
  });
});
