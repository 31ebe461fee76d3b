// What a failed write says about Gong's state (src/pipeline/failures.ts `stateWriteOutcome`, the
// 401 and 409 branches of src/pipeline/client.ts), through the real pipeline and the direct
// transport against loopback servers: a write that may have been applied is `uncertain` and never
// told to retry; one refused unapplied is `not_applied`; a missing-scope 401 is not refreshed and
// resent; a 409 after a refresh-and-resend is a conflict, not "applied once".
import { afterEach, describe, expect, it } from 'vitest';
import { bearerCredential, type Credential } from '../../../src/auth/credentials.js';
import { AbortedError, ConflictError, ConnectionError, type GongError, PermissionError, ServerError, TimeoutError } from '../../../src/http/errors.js';
import { DirectTransport } from '../../../src/transport/direct.js';
import { CANARY } from '../../support/canary.js';
import { pipeline, type PipelineOptions } from '../../support/pipeline.js';
import { startServer, writeJson, type RawHandler, type TestServer } from '../../support/server.js';

const servers: TestServer[] = [];
const closers: Array<() => Promise<unknown> | undefined> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const s of servers.splice(0)) await s.close();
});

/** A bearer credential that can be refreshed (as an OAuth token can), counting its refreshes. */
function refreshable(): Credential & { refreshes: number } {
  const credential = Object.assign(bearerCredential(CANARY, 'test'), { refreshes: 0 });
  credential.refresh = async () => {
    credential.refreshes += 1;
    return true;
  };
  return credential;
}

async function setup(handler: RawHandler, options: PipelineOptions & { credential?: Credential } = {}) {
  const server = await startServer(handler);
  servers.push(server);
  const target = options.credential
    ? new DirectTransport({ baseUrl: server.url, credential: options.credential, userAgent: 'test' })
    : server.url;
  const p = pipeline(target, options);
  closers.push(p.close);
  return { server, ...p };
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as GongError);

describe('a write that may have been applied is uncertain, never "retry"', () => {
  it.each([
    ['a 503', ServerError, ((_, res) => writeJson(res, 503, { errors: ['busy'] })) as RawHandler],
    ['a reset after the request was sent', ConnectionError, ((_, res) => { res.socket?.destroy(); }) as RawHandler],
    ['a body cut short of its Content-Length', ConnectionError, ((_, res) => { res.writeHead(200, { 'content-length': '100' }); res.end('{"id":'); res.socket?.destroy(); }) as RawHandler],
  ])('%s', async (_what, kind, handler) => {
    const w = await setup(handler);
    const error = await failure(w.client.request(w.write(), w.newCall()));
    expect(error).toBeInstanceOf(kind);
    expect(error.outcome).toBe('uncertain');
    expect(error.message).toMatch(/may have applied the write/);
    expect(error.hint).not.toMatch(/retry/i);
    expect(error.toJSON()).toMatchObject({ outcome: 'uncertain' });
    expect(w.server.requests).toHaveLength(1);
  });

  it('a timeout after the request was sent', async () => {
    const w = await setup(() => undefined, { policy: { timeoutMs: 200 } });
    const error = await failure(w.client.request(w.write(), w.newCall()));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.outcome).toBe('uncertain');
    expect(error.hint).not.toMatch(/retry/i);
  });

  it('a cancellation while the write was in flight', async () => {
    const w = await setup(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    const error = await failure(w.client.request(w.write(), w.newCall(controller.signal)));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.outcome).toBe('uncertain');
    expect(w.server.requests).toHaveLength(1);
  });

  it('a cancellation before the write was sent is not_applied', async () => {
    const w = await setup(() => undefined);
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    const error = await failure(w.client.request(w.write(), w.newCall(controller.signal)));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.outcome).toBe('not_applied');
    expect(w.server.requests).toHaveLength(0);
  });

  it('a replay-safe write retried after a 503 until attempts ran out says a resend with its key is safe', async () => {
    const w = await setup((_, res, n) => (n === 1 ? writeJson(res, 503, {}) : writeJson(res, 429, {}, { 'retry-after': '1' })), { policy: { maxAttempts: 2 } });
    const error = await failure(w.client.request(w.write('/v2/calls', { replaySafe: true }), w.newCall()));
    // The last answer was a 429 (refused unapplied), but the first attempt may have been applied.
    expect(error.status).toBe(429);
    expect(error.outcome).toBe('uncertain');
    expect(error.message).toMatch(/earlier attempt of this write may have been applied/);
    expect(error.hint).toMatch(/same idempotency key/);
  });

  it('reads carry no outcome', async () => {
    const r = await setup((_, res) => writeJson(res, 400, { errors: ['bad'] }));
    const error = await failure(r.client.request(r.read(), r.newCall()));
    expect(error.outcome).toBeUndefined();
    expect(error.toJSON().outcome).toBeUndefined();
  });
});

describe('a write refused unapplied is not_applied', () => {
  it('a 400 keeps its hint and says not_applied', async () => {
    const w = await setup((_, res) => writeJson(res, 400, { errors: ['Flow not found'] }));
    const error = await failure(w.client.request(w.write(), w.newCall()));
    expect(error.outcome).toBe('not_applied');
    expect(error.hint).toMatch(/not applied/);
  });
});

describe('401 and 409 after a credential refresh', () => {
  it('a 401 naming a missing scope is not refreshed and resent', async () => {
    const credential = refreshable();
    const w = await setup((_, res) => writeJson(res, 401, { requestId: 'r', errors: ["You don't have permission to use 'api:flows:write' in your app."] }), { credential });
    const error = await failure(w.client.request(w.write('/v2/flows/prospects/assign'), w.newCall()));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toMatch(/api:flows:write/);
    expect(credential.refreshes).toBe(0);
    expect(w.server.requests).toHaveLength(1);
    expect(error.outcome).toBe('not_applied');
  });

  it('an expired token is refreshed and the write resent once', async () => {
    const credential = refreshable();
    const w = await setup((_, res, n) => (n === 1 ? writeJson(res, 401, { errors: ['The access token has expired'] }) : writeJson(res, 201, { requestId: 'ok' })), { credential });
    const res = await w.client.request(w.write(), w.newCall());
    expect(res.status).toBe(201);
    expect(credential.refreshes).toBe(1);
    expect(w.server.requests).toHaveLength(2);
  });

  it('a 409 on the resend after a refresh is a conflict: the 401 attempt was not applied', async () => {
    const credential = refreshable();
    const w = await setup((_, res, n) => (n === 1
      ? writeJson(res, 401, { errors: ['The access token has expired'] })
      : writeJson(res, 409, { errors: ['Event was already reported in the past'] })), { credential });
    const error = await failure(w.client.request(w.write('/v2/digital-interaction', { replaySafe: true, conflictOnReplayIsSuccess: true }), w.newCall()));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.outcome).toBe('not_applied');
    expect(credential.refreshes).toBe(1);
    expect(w.server.requests).toHaveLength(2);
  });
});
