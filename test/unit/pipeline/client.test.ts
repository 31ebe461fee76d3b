// Every rule of the request pipeline (src/pipeline/client.ts + retry.ts + limiter.ts) against real
// loopback servers, with a fake clock: nothing here sleeps through a Retry-After.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sdk from '@scalekit-sdk/node';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerCredential } from '../../../src/auth/credentials.js';
import {
  AbortedError, ConflictError, ConnectionError, InvalidInputError, MalformedResponseError, RateLimitError,
  ResponseTooLargeError, ServerError, TimeoutError,
} from '../../../src/http/errors.js';
import { registerSecret } from '../../../src/http/redact.js';
import { mayHaveReachedGong, NEVER_SENT_CODES, transportFailureError } from '../../../src/pipeline/failures.js';
import { DirectTransport } from '../../../src/transport/direct.js';
import { TransportFailure } from '../../../src/transport/failure.js';
import { ScalekitTransport } from '../../../src/transport/scalekit.js';
import type { Transport } from '../../../src/transport/types.js';
import { startServer, writeJson, type RawHandler, type TestServer } from '../../support/server.js';
import { LIMITS, pipeline, type PipelineOptions } from '../../support/pipeline.js';
import { fakeActions } from '../../support/fake-actions.js';

const servers: TestServer[] = [];
const closers: Array<() => Promise<unknown> | undefined> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const s of servers.splice(0)) await s.close();
});

async function setup(handler: RawHandler, options: PipelineOptions = {}) {
  const server = await startServer(handler);
  servers.push(server);
  const p = pipeline(server.url, options);
  closers.push(p.close);
  return { server, ...p };
}

const ok = (res: ServerResponse) => writeJson(res, 200, { requestId: 'r1', calls: [] });

describe('429 and Retry-After', () => {
  it('429 with Retry-After: 7 → slept 7000 ms, then retried once', async () => {
    const { server, client, clock, newCall } = await setup((_, res, n) => (n === 1 ? writeJson(res, 429, { errors: ['Too many'] }, { 'retry-after': '7' }) : ok(res)));
    const call = newCall();
    const res = await client.request({ method: 'GET', path: '/v2/calls', query: [], readOnly: true }, call);
    expect(res.status).toBe(200);
    expect(clock.sleeps).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(call.waitedMs).toBe(7000);
    expect(res.attempts).toBe(2);
  });

  it('Retry-After: 1200 over the cap → no sleep, RateLimitError with retry_after 1200; the company is held', async () => {
    const { server, client, clock, limiter, newCall, read } = await setup((_, res) => writeJson(res, 429, { errors: ['Too many'] }, { 'retry-after': '1200' }));
    const error = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const rate = error as RateLimitError;
    expect(rate.retryAfterMs).toBe(1_200_000);
    expect(rate.toJSON().retry_after).toBe(1200);
    expect(rate.exitCode).toBe(5);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
    // Every later request of this company is refused locally, without waiting and without sending.
    expect((await limiter.state()).current_wait_ms).toBe(1_200_000);
    clock.t += 200_000;
    const again = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RateLimitError);
    expect((again as RateLimitError).retryAfterMs).toBe(1_000_000);
    expect(server.requests).toHaveLength(1);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    let retryAt = '';
    const { client, clock, newCall, read } = await setup((_, res, n) => (n === 1 ? writeJson(res, 429, {}, { 'retry-after': retryAt }) : ok(res)));
    retryAt = new Date(clock.now() + 9000).toUTCString();
    await client.request(read(), newCall());
    expect(clock.sleeps).toEqual([9000]);
  });

  it('a 429 is retried even for writes (Gong refused it unprocessed); attempts are bounded', async () => {
    const { server, client, clock, newCall, write } = await setup((_, res) => writeJson(res, 429, {}, { 'retry-after': '2' }), { policy: { maxAttempts: 3 } });
    const error = await client.request(write(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([2000, 2000]);
  });

  it('a 429 whose Retry-After passes the call deadline is returned at once', async () => {
    const { server, client, clock, newCall, read } = await setup((_, res) => writeJson(res, 429, {}, { 'retry-after': '30' }), { deadlineMs: 10_000 });
    const error = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries: decided in one place, never blind for writes', () => {
  it('jitter comes from random(): exponential backoff with equal jitter', async () => {
    for (const [random, expected] of [[[0], [250, 500, 1000]], [[1], [500, 1000, 2000]]] as const) {
      const delays: number[] = [];
      const { client, clock, newCall, read } = await setup((_, res) => writeJson(res, 503, {}), {
        clock: { random: [...random] }, hooks: { onRetry: (e) => delays.push(e.delayMs) },
      });
      await expect(client.request(read(), newCall())).rejects.toBeInstanceOf(ServerError);
      expect(delays).toEqual(expected);
      expect(clock.randomCalls).toBe(3);
      // The clock slept each backoff (plus pacing where the backoff was shorter than the 340 ms slot).
      expect(clock.sleeps.filter((ms) => (expected as readonly number[]).includes(ms))).toEqual(expected);
    }
  });

  it('a POST write answered 503 is not retried; a read-only POST is', async () => {
    const write = await setup((_, res) => writeJson(res, 503, { errors: ['busy'] }));
    const error = await write.client.request(write.write(), write.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(write.server.requests).toHaveLength(1);

    const read = await setup((_, res, n) => (n === 1 ? writeJson(res, 503, {}) : ok(res)));
    const res = await read.client.request(read.write('/v2/calls/extensive', { readOnly: true }), read.newCall());
    expect(res.status).toBe(200);
    expect(read.server.requests).toHaveLength(2);
  });

  it('a replay-safe write (idempotency key) is retried on 503 with the same body', async () => {
    const { server, client, newCall, write } = await setup((_, res, n) => (n === 1 ? writeJson(res, 503, {}) : writeJson(res, 200, { callId: '1' })));
    const body = { kind: 'json' as const, text: '{"clientUniqueId":"gc-abc"}' };
    await client.request(write('/v2/calls', { replaySafe: true, body }), newCall());
    expect(server.requests.map((r) => r.text)).toEqual([body.text, body.text]);
  });

  it('a 503 Retry-After is honoured for reads when within the longest wait', async () => {
    const { client, clock, newCall, read } = await setup((_, res, n) => (n === 1 ? writeJson(res, 503, {}, { 'retry-after': '4' }) : ok(res)));
    await client.request(read(), newCall());
    expect(clock.sleeps).toEqual([4000]);
  });

  it('ECONNREFUSED before anything was sent → retried even for writes', async () => {
    // A port that refuses: bind, note the port, close. The server comes up during the first backoff.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    let late: TestServer | undefined;
    const p = pipeline(`http://127.0.0.1:${port}`, {
      clock: {
        random: [0],
        onSleep: async () => {
          if (late) return;
          late = await startServer((_, res) => writeJson(res, 201, { ok: true }));
          servers.push(late);
          // Move the late server onto the refused port.
          await new Promise<void>((r) => late!.server.close(() => r()));
          await new Promise<void>((r) => late!.server.listen(port, '127.0.0.1', r));
        },
      },
    });
    closers.push(p.close);
    const res = await p.client.request(p.write(), p.newCall());
    expect(res.status).toBe(201);
    expect(res.attempts).toBe(2);
    expect(late!.requests).toHaveLength(1);
  });

  it('a connection reset after the request was sent → a write is not retried; a read is', async () => {
    const resetFirst: RawHandler = (req, res, n) => {
      if (n === 1) res.socket?.destroy();
      else ok(res);
    };
    const w = await setup(resetFirst);
    const error = await w.client.request(w.write(), w.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reached).toBe(true);
    expect(w.server.requests).toHaveLength(1);

    const r = await setup(resetFirst);
    expect((await r.client.request(r.read(), r.newCall())).status).toBe(200);
    expect(r.server.requests).toHaveLength(2);
  });

  it('409 on the second attempt of a replay-safe write → success, marked replayed', async () => {
    const { server, client, newCall, write } = await setup((_, res, n) => {
      if (n === 1) res.socket?.destroy();
      else writeJson(res, 409, { errors: ['Event already reported'] });
    });
    const res = await client.request(write('/v2/digital-interaction', { replaySafe: true, conflictOnReplayIsSuccess: true }), newCall());
    expect(res.replayed).toBe(true);
    expect(res.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('409 on the first attempt stays a conflict', async () => {
    const { client, newCall, write } = await setup((_, res) => writeJson(res, 409, { errors: ['Event already reported'] }));
    await expect(client.request(write('/v2/digital-interaction', { replaySafe: true, conflictOnReplayIsSuccess: true }), newCall())).rejects.toBeInstanceOf(ConflictError);
  });

  it('a hook that throws does not break the request', async () => {
    const boom = () => { throw new Error('hook failure'); };
    const { client, newCall, read } = await setup((_, res) => ok(res), { hooks: { onRequest: boom, onResponse: boom, onRetry: boom } });
    expect((await client.request(read(), newCall())).status).toBe(200);
  });
});

describe('timeouts, deadline and cancellation', () => {
  it('an AbortSignal stops a Retry-After wait at once, and nothing more is sent', async () => {
    const { server, client, newCall, read } = await setup((_, res) => writeJson(res, 429, {}, { 'retry-after': '30' }), { clock: { random: [0], hold: (ms) => ms >= 1000 } });
    const controller = new AbortController();
    const pending = client.request(read(), newCall(controller.signal));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    controller.abort(new Error('user cancelled'));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).message).toContain('user cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('an AbortSignal stops an in-flight request', async () => {
    const { server, client, newCall, read } = await setup(() => { /* never answers */ });
    const controller = new AbortController();
    const pending = client.request(read(), newCall(controller.signal));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it('the call deadline stops retries: no request is sent after it', async () => {
    const { server, client, newCall, read } = await setup((_, res) => writeJson(res, 503, {}), { deadlineMs: 1_000, policy: { maxAttempts: 10 } });
    const error = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    // t=0 first attempt; backoff 250 + pacing 83 → t=333 second; backoff 500 → t=833 third;
    // the next backoff (1000) would pass the deadline at t=1000, so no fourth request.
    expect(server.requests).toHaveLength(3);
  });

  it('a server that trickles bytes → TimeoutError within the per-request timeout', async () => {
    const { client, newCall, read } = await setup((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"calls":[');
      const timer = setInterval(() => { if (!res.destroyed) res.write(' '); }, 20);
      res.on('close', () => clearInterval(timer));
    }, { policy: { timeoutMs: 300, maxAttempts: 1 } });
    const started = Date.now();
    const error = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a server that never closes the body → TimeoutError', async () => {
    const { client, newCall, read } = await setup((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"calls":[');
    }, { policy: { timeoutMs: 300, maxAttempts: 1 } });
    await expect(client.request(read(), newCall())).rejects.toBeInstanceOf(TimeoutError);
  });

  it('a transport that ignores its timeout and signal is abandoned by the watchdog', async () => {
    const hanging: Transport = { kind: 'test', describe: () => 'hanging', companyKey: () => 'hanging', send: () => new Promise(() => undefined) };
    const p = pipeline(hanging, { policy: { timeoutMs: 100, maxAttempts: 1 } });
    await expect(p.client.request(p.read(), p.newCall())).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('bodies: size, truncation, malformation', () => {
  it('a response over maxResponseBytes → ResponseTooLargeError (declared or streamed), not retried', async () => {
    const big = JSON.stringify({ calls: 'x'.repeat(5_000) });
    const declared = await setup((_, res) => writeJson(res, 200, JSON.parse(big)), { policy: { maxResponseBytes: 1_000 } });
    await expect(declared.client.request(declared.read(), declared.newCall())).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(declared.server.requests).toHaveLength(1);
    const streamed = await setup((_, res) => { res.writeHead(200); res.end(big); }, { policy: { maxResponseBytes: 1_000 } });
    await expect(streamed.client.request(streamed.read(), streamed.newCall())).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('truncated JSON → MalformedResponseError, retried for reads', async () => {
    const truncated: RawHandler = (_, res, n) => {
      if (n === 1) { res.writeHead(200, { connection: 'close' }); res.end('{"calls":[{"id":"1"'); } else ok(res);
    };
    const r = await setup(truncated);
    expect((await r.client.request(r.read(), r.newCall())).status).toBe(200);
    expect(r.server.requests).toHaveLength(2);
    const w = await setup(truncated);
    const error = await w.client.request(w.write(), w.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    // Gong answered 2xx, but what it did cannot be read: the outcome is stated, never guessed.
    expect((error as MalformedResponseError).outcome).toBe('uncertain');
    expect((error as MalformedResponseError).message).toMatch(/may have applied the write/);
    expect((error as MalformedResponseError).hint).not.toMatch(/retry/i);
    expect(w.server.requests).toHaveLength(1);
  });

  it('a body cut short of its Content-Length → a connection error, retried for reads', async () => {
    const { server, client, newCall, read } = await setup((_, res, n) => {
      if (n === 1) { res.writeHead(200, { 'content-length': '100' }); res.end('{"calls":'); res.socket?.destroy(); } else ok(res);
    });
    expect((await client.request(read(), newCall())).status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('an HTML error page or garbage → a clear error, never a crash', async () => {
    const { client, newCall, read } = await setup((_, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>oops</html>'); }, { policy: { maxAttempts: 2 } });
    const error = await client.request(read(), newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it('keeps int64 digits', async () => {
    const { client, newCall, read } = await setup((_, res) => { res.writeHead(200); res.end('{"integrationId":2271307570613351879}'); });
    expect((await client.request(read(), newCall())).data).toEqual({ integrationId: '2271307570613351879' });
  });
});

describe('the path guard', () => {
  it.each([
    '/v2/%2e%2e/admin', '/v2/%2E%2e', '/v2/calls/../../x', '/v2/./calls', '/v2/a%2Fb', '/v2/a%5cb', '/v2/calls?x=1',
    '/v2/calls#f', '/v3/calls', '//evil.com/v2/calls', '/v2//evil.com', '/v2//', '/v2/a%zz', '/v2/@evil.com:80',
    '/v2/a b', '/v2/\u0000', '/v2/%00', '/v2/%C0%AE%C0%AE',
  ])('refuses %j without sending anything', async (path) => {
    const { server, client, newCall } = await setup((_, res) => ok(res));
    const error = await client.request({ method: 'GET', path, query: [], readOnly: true }, newCall()).catch((e: unknown) => e);
    expect(error, path).toBeInstanceOf(InvalidInputError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('"did it reach Gong?": one rule for every transport', () => {
  const SCALEKIT = { name: 'Scalekit', setting: 'SCALEKIT_ENVIRONMENT_URL' };
  const rows: Array<[string, { answered?: boolean; code?: string }, boolean]> = [
    ['connection refused', { code: 'ECONNREFUSED' }, false],
    ['host name not found', { code: 'ENOTFOUND' }, false],
    ['name lookup failed for now', { code: 'EAI_AGAIN' }, false],
    ['host unreachable', { code: 'EHOSTUNREACH' }, false],
    ['network unreachable', { code: 'ENETUNREACH' }, false],
    ['no connection in time', { code: 'UND_ERR_CONNECT_TIMEOUT' }, false],
    ['connection reset', { code: 'ECONNRESET' }, true],
    ['socket closed by the server', { code: 'UND_ERR_SOCKET' }, true],
    ['no answer headers in time', { code: 'UND_ERR_HEADERS_TIMEOUT' }, true],
    ['no code at all', {}, true],
    ['an answer had begun', { answered: true, code: 'ECONNREFUSED' }, true],
  ];

  it('the never-sent codes are exactly the ones the table treats as not reached', () => {
    expect([...NEVER_SENT_CODES].sort()).toEqual(rows.filter(([, f, reached]) => !reached && !f.answered).map(([, f]) => f.code).sort());
  });

  it.each(rows)('%s (%o) → reached %s, the same for a direct and a proxied failure', (_what, facts, reached) => {
    expect(mayHaveReachedGong({ answered: facts.answered ?? false, code: facts.code })).toBe(reached);
    for (const proxy of [undefined, SCALEKIT]) {
      const error = transportFailureError(new TransportFailure({ kind: 'network', ...facts, proxy }), { method: 'POST', path: '/v2/calls' }, LIMITS);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).reached).toBe(reached);
    }
  });

  // Through the real transports: a plain write is sent again only when it cannot have reached Gong.
  const codes = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'];
  it.each(codes)('%s: the direct and the Scalekit transport decide the same retry of a write', async (code) => {
    const reached = !NEVER_SENT_CODES.has(code);
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('http://gong.test');
    pool.intercept({ path: '/v2/calls', method: 'POST' }).replyWithError(Object.assign(new Error(`connect ${code}`), { code }));
    pool.intercept({ path: '/v2/calls', method: 'POST' }).reply(201, '{"requestId":"ok"}');
    const direct = new DirectTransport({ baseUrl: 'http://gong.test', credential: bearerCredential('direct-token', 'test'), userAgent: 'test', dispatcher: agent });
    const fake = fakeActions({ responses: [new sdk.ScalekitException(new Error(`connect ${code} 10.0.0.1:443`))] });
    const scalekit = new ScalekitTransport({ actions: fake, connectionName: 'gong', identifier: 'u1' });
    const outcomes = [];
    for (const transport of [direct, scalekit] as Transport[]) {
      const p = pipeline(transport);
      const call = p.newCall();
      const outcome = await p.client.request(p.write(), call).then(
        (res) => ({ status: res.status, requests: call.requests }),
        (error: unknown) => ({ reached: (error as ConnectionError).reached, message: (error as Error).message, requests: call.requests }),
      );
      outcomes.push(outcome);
    }
    expect(outcomes[0]).toEqual(reached
      ? { reached: true, message: `The connection to Gong failed during POST /v2/calls (${code}). Gong may have applied the write.`, requests: 1 }
      : { status: 201, requests: 2 });
    expect(outcomes[1]).toEqual(reached
      ? { reached: true, message: `The connection to Scalekit failed during POST /v2/calls (${code}). Gong may have applied the write.`, requests: 1 }
      : { status: 200, requests: 2 });
    await agent.close();
  });
});

describe('debug lines (createPipeline)', () => {
  it('→ request, ← response and ↻ retry reach the sink, redacted, beside the caller\'s hooks', async () => {
    const secret = `dbgsecret${Date.now()}`;
    registerSecret(secret);
    const lines: string[] = [];
    const seen: string[] = [];
    const { client, newCall, read } = await setup((_, res, n) => (n === 1 ? writeJson(res, 503, {}) : ok(res)), {
      debug: (line) => lines.push(line),
      hooks: { onRequest: (e) => seen.push(`request ${e.attempt}`), onRetry: () => seen.push('retry'), onResponse: (e) => seen.push(`response ${e.status}`) },
    });
    await client.request(read(`/v2/calls/${secret}`), newCall());
    expect(seen).toEqual(['request 1', 'response 503', 'retry', 'request 2', 'response 200']);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^→ GET \/v2\/calls\/\S* \(attempt 1\)$/);
    expect(lines[1]).toMatch(/^← 503 GET \/v2\/calls\/\S* in \d+ ms$/);
    expect(lines[2]).toMatch(/^↻ retry GET \/v2\/calls\/\S* in \d+ ms: /);
    expect(lines.join('\n')).not.toContain(secret);
  });
});
