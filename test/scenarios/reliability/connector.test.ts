// Reliability at the library and CLI surface: the limiter state on every result, the daily
// budget's refusal and its estimate, redaction of --dry-run and debug lines, exit code 5.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../../src/connector.js';
import { BudgetExceededError, InvalidInputError, RateLimitError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { CANARY } from '../../support/canary.js';
import { ownStateDir, runCli } from '../../support/cli.js';
import { FakeClock } from '../../support/clock.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';

let server: ReplyServer;
beforeAll(async () => { server = await startReplyServer(() => ({ body: { requestId: 'r1' } })); });
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(() => ({ body: { requestId: 'r1', records: { totalRecords: 1, currentPageSize: 1, currentPageNumber: 0 }, calls: [{ id: '1' }], users: [{ id: '2' }] } }));
});

const connect = (extra: Parameters<typeof createConnector>[0] = {}) =>
  createConnector({ accessToken: CANARY, baseUrl: server.url, env: {}, limiterStore: new MemoryLimiterStore(), clock: new FakeClock(), ...extra });

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(7782342274025937000n + BigInt(i)));

describe('the limiter state', () => {
  it('every executeTool result carries rate_limit; rateLimitState() reads the same state', async () => {
    const clock = new FakeClock();
    const connector = connect({ clock, dailyLimit: 100 });
    const results = [
      await connector.executeTool('gong_calls_list', { from_date_time: '2026-01-01T00:00:00Z' }),
      await connector.executeTool('gong_users_list', {}),
      await connector.executeTool('gong_call_get', { id: '7782342274025937895' }),
      await connector.executeTool('gong_calls_list', { from_date_time: '2026-01-01T00:00:00Z' }),
    ];
    expect(results.map((r) => r.rate_limit)).toEqual([
      { used_today: 1, remaining_today: 99, daily_limit: 100, rate_per_second: 3, current_wait_ms: 0, requests: 1, waited_ms: 0 },
      { used_today: 2, remaining_today: 98, daily_limit: 100, rate_per_second: 3, current_wait_ms: 0, requests: 1, waited_ms: 0 },
      { used_today: 3, remaining_today: 97, daily_limit: 100, rate_per_second: 3, current_wait_ms: 1001, requests: 1, waited_ms: 0 },
      { used_today: 4, remaining_today: 96, daily_limit: 100, rate_per_second: 3, current_wait_ms: 333, requests: 1, waited_ms: 1001 },
    ]);
    // Pacing: an empty window lets three go at once; the fake clock answers at once, so the 4th
    // request went out one window (1 s + 1 ms) after the 1st's answer: no 4th in any one second.
    expect(clock.slept).toBe(1001);
    expect(await connector.rateLimitState()).toMatchObject({ used_today: 4, remaining_today: 96 });
    await connector.close();
  });

  it('GONG_RATE_LIMIT_PER_SECOND and GONG_DAILY_LIMIT configure it', async () => {
    const connector = createConnector({ accessToken: CANARY, baseUrl: server.url, limiterStore: new MemoryLimiterStore(), env: { GONG_RATE_LIMIT_PER_SECOND: '2', GONG_DAILY_LIMIT: '50' } });
    expect(await connector.rateLimitState()).toMatchObject({ rate_per_second: 2, daily_limit: 50, used_today: 0 });
    await connector.close();
  });
});

describe('the daily budget', () => {
  it('refuses a long paged job after its first page, with the estimate from Gong\'s totalRecords', async () => {
    server.setHandler(() => ({ body: { requestId: 'r', records: { totalRecords: 1000, currentPageSize: 100, currentPageNumber: 0, cursor: 'c1' }, calls: [{ id: '1' }] } }));
    const connector = connect({ dailyLimit: 5 });
    const error = await connector.executeTool('gong_calls_list', { from_date_time: '2026-01-01T00:00:00Z' }, { all: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toBe(
      "gong_calls_list (1000 records in all) needs at least 9 Gong requests (about 3 s at 3/s), but only 4 of today's 5 remain (UTC day, including what other running jobs reserved); nothing more was sent (this call sent 1 request first, to learn how many pages remain).",
    );
    expect((error as BudgetExceededError).exitCode).toBe(5);
    expect(server.requests).toHaveLength(1);
    await connector.close();
  });

  it('a limit is estimated by what it still asks for, not by the whole data set', async () => {
    server.setHandler(() => ({ body: { requestId: 'r', records: { totalRecords: 1000, currentPageSize: 100, currentPageNumber: 0, cursor: `c${server.requests.length}` }, calls: Array.from({ length: 100 }, (_, i) => ({ id: String(i) })) } }));
    const connector = connect({ dailyLimit: 5 });
    const result = await connector.executeTool('gong_calls_list', { from_date_time: '2026-01-01T00:00:00Z', limit: 300 });
    expect(server.requests).toHaveLength(3);
    expect((result.calls as unknown[]).length).toBe(300);
    await connector.close();
  });

  it('refuses 1,000 ids (10 batches) before sending anything when only 5 requests remain', async () => {
    const connector = connect({ dailyLimit: 5 });
    const error = await connector.executeTool('gong_calls_transcript_get', { call_ids: ids(1000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toMatch(/^gong_calls_transcript_get \(10 id batches\) needs at least 10 Gong requests \(about 3 s at 3\/s\), but only 5 of today's 5 remain/);
    expect(server.requests).toHaveLength(0);
    await connector.close();
  });
});

describe('redaction on every output path', () => {
  it('--dry-run never shows a credential, even one passed as input; body fields are shown as sent whatever their name', async () => {
    const connector = connect();
    const result = await connector.executeTool('gong_api_request', {
      method: 'POST', path: '/v2/calls/extensive', body: { filter: {}, note: `x${CANARY}y`, authorization: 'Bearer abc' }, query: { token: CANARY }, confirm: true,
    }, { dryRun: true });
    const text = JSON.stringify(result);
    expect(text).not.toContain(CANARY);
    // `authorization` here is the caller's own body field, sent to Gong as written: the dry run
    // shows it (secrets are left out by value, never fields by name).
    expect(result.requests).toEqual([{ method: 'POST', url: `${server.url}/v2/calls/extensive?token=`, body: { filter: {}, note: 'xy', authorization: 'Bearer abc' } }]);
    expect(server.requests).toHaveLength(0);
    await connector.close();
  });

  it('debug lines (GONG_DEBUG or hooks.onDebug) pass the guard', async () => {
    const lines: string[] = [];
    const connector = connect({ hooks: { onDebug: (line) => lines.push(line) } });
    await connector.executeTool('gong_api_request', { method: 'GET', path: `/v2/x${CANARY}` });
    expect(lines).toEqual(['→ GET /v2/x (attempt 1)', expect.stringMatching(/^← 200 GET \/v2\/x in \d+ ms$/)]);
    await connector.close();
  });
});

describe('unknown inputs', () => {
  it('nested unknown inputs get a suggestion from their own object', async () => {
    const connector = connect();
    const error = await connector.executeTool('gong_calls_create', {
      actual_start: '2026-03-01T10:00:00Z', direction: 'Outbound', primary_user: '1', parties: [{ userid: '1' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("parties[0].userid is not an input of gong_calls_create (did you mean 'userId' or 'user_id'?)");
    expect(server.requests).toHaveLength(0);
    await connector.close();
  });

  it('are rejected with a "did you mean" suggestion and nothing is sent', async () => {
    const connector = connect();
    const error = await connector.executeTool('gong_calls_transcript_get', { call_id: ['1'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("call_id is not an input of gong_calls_transcript_get (did you mean 'call_ids'?)");
    expect(server.requests).toHaveLength(0);
    await connector.close();
  });
});

describe('CLI', () => {
  it('exits 5 with retry_after when Gong asks for a wait over the longest wait', async () => {
    server.setHandler(() => ({ status: 429, body: { requestId: 'r', errors: ['API rate limit exceeded'] }, headers: { 'retry-after': '1200' } }));
    const env = { GONG_API_BASE_URL: server.url, GONG_ACCESS_TOKEN: CANARY, ...ownStateDir() };
    const run = await runCli(['call', 'gong_users_list'], { env });
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    const line = JSON.parse(run.stderr) as Record<string, unknown>;
    expect(line).toMatchObject({ error: 'rate_limited', status: 429, retry_after: 1200, errors: ['API rate limit exceeded'], request_id: 'r' });
    expect(server.requests).toHaveLength(1);
    // The pause is the company's: the next process (a new CLI call) waits it out without sending.
    server.setHandler(() => ({ body: { requestId: 'r2', users: [] } }));
    const next = await runCli(['call', 'gong_users_list'], { env });
    expect(next.code).toBe(5);
    expect(JSON.parse(next.stderr)).toMatchObject({ error: 'rate_limited' });
    expect(JSON.parse(next.stderr).message).toContain('nothing was sent');
    expect((JSON.parse(next.stderr) as { retry_after: number }).retry_after).toBeGreaterThan(1190);
    expect(server.requests).toHaveLength(1);
    // Another machine's state (here: another state dir) knows nothing of it.
    expect((await runCli(['call', 'gong_users_list'], { env: { ...env, ...ownStateDir() } })).code).toBe(0);
  });

  it('used_today counts across CLI invocations of one company (the state file)', async () => {
    const env = { GONG_API_BASE_URL: server.url, GONG_ACCESS_TOKEN: CANARY, ...ownStateDir() };
    const used: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['call', 'gong_users_list'], { env });
      used.push((JSON.parse(run.stdout) as { rate_limit: { used_today: number } }).rate_limit.used_today);
    }
    expect(used).toEqual([1, 2, 3]);
    // GONG_LIMITER=memory: each process counts alone.
    const alone = await runCli(['call', 'gong_users_list'], { env: { ...env, GONG_LIMITER: 'memory' } });
    expect((JSON.parse(alone.stdout) as { rate_limit: { used_today: number } }).rate_limit.used_today).toBe(1);
  });

  it('exits 5 when the daily budget is spent, and GONG_DEBUG lines on stderr carry no secret', async () => {
    const run = await runCli(['call', 'gong_calls_transcript_get', JSON.stringify({ call_ids: ids(300) })], {
      env: { GONG_API_BASE_URL: server.url, GONG_ACCESS_TOKEN: CANARY, GONG_DAILY_LIMIT: '2', GONG_DEBUG: '1', ...ownStateDir() },
    });
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stderr.trim().split('\n').pop()!)).toMatchObject({ error: 'budget_exceeded' });
  });

  it('GONG_DEBUG prints request lines on stderr, without the credential', async () => {
    const run = await runCli(['call', 'gong_users_list'], { env: { GONG_API_BASE_URL: server.url, GONG_ACCESS_TOKEN: CANARY, GONG_DEBUG: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\[gong-connector\] → GET \/v2\/users \(attempt 1\)\n\[gong-connector\] ← 200 GET \/v2\/users in \d+ ms\n$/);
  });

  it('a RateLimitError from the library is the same class the CLI maps to 5', () => {
    expect(new RateLimitError({ message: 'x' }).exitCode).toBe(5);
  });
});
