// The same Gong answers through both transports behave the same in the shared pipeline
// (GongClient): results, int64 digits, pagination, pacing, retries and error classes. The direct
// transport talks to the Gong fake on loopback; the Scalekit transport (the real SDK) goes
// through the fake Scalekit proxy to the same Gong fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearerCredential } from '../../../src/auth/credentials.js';
import type { Clock } from '../../../src/http/clock.js';
import type { CallContext, GongClient, GongRequest } from '../../../src/pipeline/client.js';
import { createPipeline } from '../../../src/pipeline/create.js';
import { GongError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { DirectTransport } from '../../../src/transport/direct.js';
import { scalekitTransport } from '../../support/scalekit-transport.js';
import type { Transport } from '../../../src/transport/types.js';
import { ConnectorStatus, startFakeScalekit, type FakeScalekit } from '../../support/fake-scalekit.js';
import { json, startReplyServer, type ReplyHandler, type ReplyServer } from '../../support/server.js';

const BIG = '7782342274025937895';

let gong: ReplyServer;
let sk: FakeScalekit;
const transports: Record<'direct' | 'scalekit', Transport> = {} as never;

beforeAll(async () => {
  gong = await startReplyServer(() => json(200, {}));
  sk = await startFakeScalekit({ clientId: 'id', clientSecret: 'secret', upstream: gong.url });
  sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
  transports.direct = new DirectTransport({ baseUrl: gong.url, credential: bearerCredential('gong-token', 'test'), userAgent: 'parity-test' });
  transports.scalekit = await scalekitTransport({}, {
    SCALEKIT_ENVIRONMENT_URL: sk.url, SCALEKIT_CLIENT_ID: 'id', SCALEKIT_CLIENT_SECRET: 'secret', GONG_IDENTIFIER: 'user_1',
  }, { timeoutMs: 5_000, maxResponseBytes: 1 << 20 });
});

afterAll(async () => {
  await transports.direct.close?.();
  await sk.close();
  await gong.close();
});

beforeEach(() => {
  gong.requests.length = 0;
});

interface Run {
  client: GongClient;
  sleeps: number[];
  call: CallContext;
}

function pipeline(transport: Transport): Run {
  let now = Date.UTC(2026, 0, 5, 12);
  const sleeps: number[] = [];
  const clock: Clock = { now: () => now, random: () => 0.5, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
  const { client } = createPipeline({
    transport, clock, limiterStore: new MemoryLimiterStore(),
    policy: { rateLimitPerSecond: 3, dailyLimit: 10_000, timeoutMs: 5_000, maxAttempts: 3, maxRetryAfterMs: 60_000, maxResponseBytes: 1 << 20 },
  });
  return { client, sleeps, call: { deadlineAt: now + 600_000, waitedMs: 0, requests: 0 } };
}

function errorShape(error: unknown) {
  if (!(error instanceof GongError)) throw error;
  return { class: error.constructor.name, json: error.toJSON() };
}

/** Run one scenario through both transports; returns both outcomes and the upstream request counts. */
async function both<T>(handler: ReplyHandler, scenario: (run: Run) => Promise<T>) {
  const out: Record<string, { outcome: unknown; upstream: number; sleeps: number[] }> = {};
  for (const name of ['direct', 'scalekit'] as const) {
    gong.requests.length = 0;
    gong.setHandler(handler);
    const run = pipeline(transports[name]);
    const outcome = await scenario(run).then((value) => ({ value }), (error: unknown) => ({ error: errorShape(error) }));
    out[name] = { outcome, upstream: gong.requests.length, sleeps: run.sleeps };
  }
  return out as Record<'direct' | 'scalekit', { outcome: unknown; upstream: number; sleeps: number[] }>;
}

const read = (req: Partial<GongRequest> = {}): GongRequest => ({ method: 'POST', path: '/v2/calls/extensive', query: [], readOnly: true, ...req });

describe('direct and Scalekit behave the same through GongClient', () => {
  it('results and int64 digits', async () => {
    const r = await both(
      () => ({ status: 200, text: `{"requestId":"r","calls":[{"id":${BIG},"title":"t"}]}` }),
      async ({ client, call }) => (await client.request(read({ body: { kind: 'json', text: `{"filter":{"callIds":[${BIG}]}}` } }), call)).data,
    );
    expect(r.direct.outcome).toEqual({ value: { requestId: 'r', calls: [{ id: BIG, title: 't' }] } });
    expect(r.scalekit).toEqual(r.direct);
  });

  it('pagination: the cursor in the body, pages in order', async () => {
    const handler: ReplyHandler = (req) => {
      const cursor = (JSON.parse(req.text || '{}') as { cursor?: string }).cursor;
      return cursor === 'p2'
        ? json(200, { requestId: 'b', records: { totalRecords: 3, currentPageSize: 1 }, calls: [{ id: '3' }] })
        : json(200, { requestId: 'a', records: { totalRecords: 3, currentPageSize: 2, cursor: 'p2' }, calls: [{ id: '1' }, { id: '2' }] });
    };
    const r = await both(handler, async ({ client, call }) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const text = JSON.stringify({ filter: {}, ...(cursor ? { cursor } : {}) });
        const { data } = await client.request(read({ body: { kind: 'json', text } }), call);
        const page = data as { records: { cursor?: string }; calls: Array<{ id: string }> };
        ids.push(...page.calls.map((c) => c.id));
        cursor = page.records.cursor;
      } while (cursor);
      return { ids, requests: call.requests };
    });
    expect(r.direct.outcome).toEqual({ value: { ids: ['1', '2', '3'], requests: 2 } });
    expect(r.scalekit).toEqual(r.direct);
  });

  it('pacing: the same waits between requests', async () => {
    const r = await both(() => json(200, { requestId: 'x' }), async ({ client, call }) => {
      for (let i = 0; i < 4; i++) await client.request(read({ method: 'GET', path: '/v2/users' }), call);
      return call.requests;
    });
    // Three go at once into an empty window; the 4th waits for the 1st's window.
    expect(r.direct.sleeps.length).toBe(1);
    expect(r.scalekit).toEqual(r.direct);
  });

  it('retries: a read answered 503 then 200 is sent twice after the same backoff', async () => {
    let n = 0;
    const r = await both(
      () => (n++ % 2 === 0 ? json(503, { requestId: 's', errors: ['busy'] }) : json(200, { requestId: 'ok' })),
      async ({ client, call }) => (await client.request(read(), call)).data,
    );
    expect(r.direct.upstream).toBe(2);
    expect(r.scalekit).toEqual(r.direct);
  });

  it('429 with Retry-After: the same wait, then success', async () => {
    let n = 0;
    const r = await both(
      () => (n++ % 2 === 0 ? json(429, { requestId: 'l', errors: ['slow down'] }, { 'retry-after': '2' }) : json(200, { requestId: 'ok' })),
      async ({ client, call }) => (await client.request(read(), call)).data,
    );
    expect(r.direct.sleeps.some((ms) => ms >= 2000)).toBe(true);
    expect(r.scalekit).toEqual(r.direct);
  });

  it('a body over the size cap: the same ResponseTooLargeError, sent once', async () => {
    const r = await both(() => json(200, { requestId: 'big', pad: 'x'.repeat(1 << 20) }), async ({ client, call }) => client.request(read(), call));
    expect(r.direct.outcome).toMatchObject({ error: { class: 'ResponseTooLargeError', json: {
      error: 'response_too_large',
      message: `Gong's response to POST /v2/calls/extensive exceeded ${1 << 20} bytes and was refused.`,
      hint: 'Narrow the request (fewer ids or a shorter date range) or raise maxResponseBytes.',
    } } });
    expect(r.direct.upstream).toBe(1);
    expect(r.scalekit).toEqual(r.direct);
  });

  const errorCases: Array<[number, string, Record<string, string>?]> = [
    [400, 'InvalidInputError'],
    [401, 'PermissionError'],
    [403, 'PermissionError'],
    [404, 'NotFoundError'],
    [405, 'InvalidInputError'],
    [409, 'ConflictError'],
    [422, 'InvalidInputError'],
    [429, 'RateLimitError', { 'retry-after': '3600' }],
    [500, 'ServerError'],
    [502, 'ServerError'],
  ];
  it.each(errorCases)('Gong %i → the same %s', async (status, cls, headers) => {
    const body = status === 401
      ? { requestId: 'q', errors: ["You don't have permission to use 'api:coaching:read' in your app."] }
      : { requestId: `r${status}`, errors: [`problem ${status}`] };
    const r = await both(() => json(status, body, headers), async ({ client, call }) => client.request(read({ readOnly: false }), call));
    expect(r.direct.outcome).toMatchObject({ error: { class: cls, json: { status, request_id: body.requestId, errors: body.errors } } });
    if (status === 429) expect(r.direct.outcome).toMatchObject({ error: { json: { retry_after: 3600 } } });
    if (status === 403) {
      // The one intended difference: through Scalekit the hint gives the user's reconnect link
      // (the transport's authorizationLink, which the pipeline reads as in production).
      const hint = (r.scalekit.outcome as { error: { json: { hint: string } } }).error.json.hint;
      expect(hint).toBe(`The connected Gong user or key lacks access to this API (some APIs need a Gong admin, an Engage licence or a limited-release feature). Ask the user to open this Scalekit authorization link to connect Gong, then retry: ${sk.url}/magic-link/gong/user_1`);
      (r.scalekit.outcome as { error: { json: { hint: string } } }).error.json.hint = (r.direct.outcome as { error: { json: { hint: string } } }).error.json.hint;
    }
    expect(r.scalekit).toEqual(r.direct);
  });
});
