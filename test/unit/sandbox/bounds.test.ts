// The sandbox bounds what one request may cost it: credentials are checked before a body is read
// (an unauthenticated body is never read, parsed or logged), bodies have a size cap told before
// reading by Content-Length, and a stats range from 1970 answers quickly with a bounded page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
});
afterAll(() => sb.close());

describe('request bounds', () => {
  it('answers 401 to an unauthenticated body without parsing or logging it', async () => {
    const reply = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { callIds: ['1'] } }, auth: 'Basic bm9wZTpub3Bl' });
    expect(reply.status).toBe(401);
    expect(sb.log.at(-1)?.body).toBeUndefined();
  });

  it('refuses a body over the cap with 413 before reading it', async () => {
    const raw = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const reply = await api(sb, 'POST', '/v2/calls/extensive', { raw, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(413);
    expect(reply.json.errors[0]).toMatch(/too large/);
  });

  it.each([
    ['day-by-day', 'DAY', 200], ['aggregate-by-period', 'MONTH', 200], ['aggregate-by-period', 'DAY', 400],
  ] as const)('answers a 1970-to-today %s (%s) query quickly with a bounded answer', async (route, period, status) => {
    const started = Date.now();
    const reply = await api(sb, 'POST', `/v2/stats/activity/${route}`, { body: { filter: { fromDate: '1970-01-01', toDate: '2025-06-01' }, aggregationPeriod: period } });
    const elapsed = Date.now() - started;
    expect(reply.status).toBe(status);
    if (status === 400) expect(reply.json.errors[0]).toMatch(/at most 3660 per request/);
    expect(reply.text.length).toBeLessThan(8 * 1024 * 1024);
    expect(elapsed).toBeLessThan(3_000);
  });
});
