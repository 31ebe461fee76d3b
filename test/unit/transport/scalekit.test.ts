// ScalekitTransport with a fake `actions` object: priming, re-authentication (the pipeline
// resends), request mapping, SDK exception → status recovery or a TransportFailure, auth_required
// with the link. What the caller sees is checked through the shared pipeline, as in production.
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitTransport } from '../../../src/transport/scalekit.js';
import { TransportFailure } from '../../../src/transport/failure.js';
import { createConnector } from '../../../src/connector.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import type { GongResponse } from '../../../src/pipeline/client.js';
import {
  AbortedError,
  AuthRequiredError,
  ConfigurationError,
  ConnectionError,
  PermissionError,
  ResponseTooLargeError,
  TimeoutError,
} from '../../../src/http/errors.js';
import { LIMITS, pipeline, transportGet, type PipelineOptions } from '../../support/pipeline.js';
import { exceptionOf, fakeActions, LINK, sdkException, type FakeActions } from '../../support/fake-actions.js';

const GET = transportGet();
const gongBody = (status: number) => ({ requestId: `r${status}`, errors: [`gong says ${status}`] });

function transportWith(fake: FakeActions, reauthenticate?: () => Promise<void>) {
  return new ScalekitTransport({ actions: fake, connectionName: 'gong', identifier: 'u1', environmentUrl: 'https://acme.scalekit.test', reauthenticate });
}

/** One read of /v2/users through the shared pipeline over this transport. */
async function viaPipeline(t: ScalekitTransport, options: PipelineOptions = {}) {
  const p = pipeline(t, options);
  const call = p.newCall();
  const outcome: { res?: GongResponse; error?: unknown } = await p.client.request(p.read('/v2/users'), call).then((res) => ({ res }), (error: unknown) => ({ error }));
  return { ...p, call, ...outcome };
}

/** The failure a transport reports, for tests of what it says on its own. */
async function failureOf(pending: Promise<unknown>): Promise<TransportFailure> {
  const error = await pending.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportFailure);
  return error as TransportFailure;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-sku-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('priming', () => {
  it('looks the account up once before the first request, also under concurrency', async () => {
    const fake = fakeActions();
    const order: string[] = [];
    const account = fake.getConnectedAccount.bind(fake);
    fake.getConnectedAccount = async (o) => { order.push('account'); return account(o); };
    const request = fake.request.bind(fake);
    fake.request = async (p) => { order.push('request'); return request(p); };
    const t = transportWith(fake);
    await Promise.all([t.send(GET), t.send(GET), t.send(GET)]);
    expect(order[0]).toBe('account');
    expect(fake.accountCalls).toBe(1);
    expect(fake.calls).toHaveLength(3);
  });

  it.each([
    ['EXPIRED', 2],
    ['PENDING_AUTH', 3],
    ['DISCONNECTED', 5],
    ['NOT_FOUND', 'missing'],
  ] as const)('a %s account → auth_required with the authorization link, nothing proxied', async (name, status) => {
    const fake = fakeActions({ status });
    const error = await transportWith(fake).send(GET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).authorizationLink).toBe(LINK);
    expect((error as AuthRequiredError).message).toContain(name === 'NOT_FOUND' ? 'does not exist' : name);
    expect((error as AuthRequiredError).hint).toContain(LINK);
    expect((error as AuthRequiredError).exitCode).toBe(3);
    expect(fake.calls).toHaveLength(0);
  });

  it('checks again after a failed priming (the user may have connected meanwhile)', async () => {
    const fake = fakeActions({ status: 3 });
    const t = transportWith(fake);
    await expect(t.send(GET)).rejects.toBeInstanceOf(AuthRequiredError);
    fake.status = 1;
    expect((await t.send(GET)).status).toBe(200);
    expect(fake.accountCalls).toBe(2);
  });
});

describe('401 from the proxy', () => {
  it('re-authenticates exactly once on a non-Gong 401; the pipeline resends, paced and counted', async () => {
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', { error: 'invalid_token' })] });
    let reauths = 0;
    const { res, call, clock, limiter } = await viaPipeline(transportWith(fake, async () => { reauths += 1; }), { perSecond: 1 });
    expect(res?.status).toBe(200);
    expect(res?.attempts).toBe(2);
    expect(reauths).toBe(1);
    expect(fake.calls).toHaveLength(2);
    // Counted like any request, and paced: at 1/s the resend waited for its slot.
    expect(call.requests).toBe(2);
    expect((await limiter.state()).used_today).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(call.waitedMs).toBeGreaterThanOrEqual(1000);
  });

  it('through the connector, the resend shows in rate_limit.requests', async () => {
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', { error: 'invalid_token' })] });
    const connector = createConnector({ transport: 'scalekit', scalekit: { actions: fake, identifier: 'u1' }, env: {}, limiterStore: new MemoryLimiterStore() });
    const result = await connector.executeTool('gong_users_list', {});
    expect(fake.calls).toHaveLength(2);
    expect(fake.accountCalls).toBe(2);
    expect(result.rate_limit).toMatchObject({ requests: 2, used_today: 2 });
    await connector.close();
  });

  it('send() alone never resends: it returns the 401 and leaves the refresh to the pipeline', async () => {
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', { error: 'invalid_token' })] });
    let reauths = 0;
    const t = transportWith(fake, async () => { reauths += 1; });
    const res = await t.send(GET);
    expect(res.status).toBe(401);
    expect(fake.calls).toHaveLength(1);
    expect(reauths).toBe(0);
    expect(await t.refreshCredentials(res)).toBe(true);
    expect(reauths).toBe(1);
    expect(fake.calls).toHaveLength(1);
  });

  it('without a reauthenticate hook, re-authenticates through another getConnectedAccount', async () => {
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', { error: 'invalid_token' })] });
    const { res } = await viaPipeline(transportWith(fake));
    expect(res?.status).toBe(200);
    expect(fake.accountCalls).toBe(2);
  });

  it('a second non-Gong 401 → auth_required with the link after one re-authentication', async () => {
    const fake = fakeActions({ responses: [
      sdkException(401, 'Unauthorized', { message: 'connected account expired' }),
      sdkException(401, 'Unauthorized', { message: 'connected account expired' }),
    ] });
    let reauths = 0;
    const { error, call } = await viaPipeline(transportWith(fake, async () => { reauths += 1; }));
    expect(reauths).toBe(1);
    expect(fake.calls).toHaveLength(2);
    expect(call.requests).toBe(2);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).toJSON()).toMatchObject({ error: 'auth_required', status: 401, authorization_link: LINK, errors: ['connected account expired'] });
  });

  it("passes Gong's own 401 (missing scope) to the pipeline without re-authenticating, and learns the link", async () => {
    const body = { requestId: 'r', errors: ["You don't have permission to use 'api:coaching:read' in your app."] };
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', body)] });
    let reauths = 0;
    const t = transportWith(fake, async () => { reauths += 1; });
    const res = await t.send(GET);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual(body);
    expect(await t.refreshCredentials(res)).toBe(false);
    expect(await t.explainRefusal(res, GET)).toBeUndefined();
    expect(reauths).toBe(0);
    expect(t.authorizationLink()).toBe(LINK);
  });

  it("Gong's own 401 through the pipeline: Gong's error, sent once", async () => {
    const body = { requestId: 'r', errors: ["You don't have permission to use 'api:coaching:read' in your app."] };
    const fake = fakeActions({ responses: [sdkException(401, 'Unauthorized', body)] });
    let reauths = 0;
    const { error } = await viaPipeline(transportWith(fake, async () => { reauths += 1; }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).errors).toEqual(body.errors);
    expect(reauths).toBe(0);
    expect(fake.calls).toHaveLength(1);
  });

  it('a non-Gong 403 is auth_required at once', async () => {
    const fake = fakeActions({ responses: [sdkException(403, 'Forbidden', { message: 'no access' })] });
    const { error } = await viaPipeline(transportWith(fake, async () => undefined));
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('SDK exceptions → status + body text for the shared pipeline', () => {
  const rows: Array<[string, number, string, number]> = [
    ['ScalekitBadRequestException', 400, 'Bad Request', 400],
    ['ScalekitNotFoundException', 404, 'Not Found', 404],
    ['ScalekitConflictException', 409, 'Conflict', 409],
    ['ScalekitTooManyRequestsException', 429, 'Too Many Requests', 429],
    ['ScalekitInternalServerException', 500, 'Internal Server Error', 500],
    ['ScalekitInternalServerException', 422, 'Unprocessable Entity', 422],
    ['ScalekitInternalServerException', 502, 'Bad Gateway', 502],
    ['ScalekitInternalServerException', 405, 'Method Not Allowed', 405],
    ['ScalekitInternalServerException', 599, 'Something Odd', 500],
    ['ScalekitNotImplementedException', 501, 'Not Implemented', 501],
    ['ScalekitServiceUnavailableException', 503, 'Service Unavailable', 503],
    ['ScalekitGatewayTimeoutException', 504, 'Gateway Timeout', 504],
    ['ScalekitUnknownException', 418, "I'm a Teapot", 418],
    ['ScalekitToolException', 502, 'Bad Gateway', 502],
    ['ScalekitToolRateLimitException', 429, 'Too Many Requests', 429],
  ];
  it.each(rows)('%s (%i %s) → %i', async (name, status, statusText, expected) => {
    const cls = (sdk as unknown as Record<string, new (e: never) => Error>)[name]!;
    const body = gongBody(status);
    const error = exceptionOf(cls, status, statusText, body);
    expect(error.name).toBe(name);
    // The SDK's own fields are wrong for multi-word phrases: the reason not to use them.
    if (statusText.includes(' ') && status !== 500) expect((error as unknown as { httpStatus: number }).httpStatus).not.toBe(status);
    const res = await transportWith(fakeActions({ responses: [error] })).send(GET);
    expect(res.status).toBe(expected);
    expect(JSON.parse(res.text)).toEqual(body);
  });

  it('promote() output (what actions.request throws) maps the same way', async () => {
    for (const [status, phrase] of [[400, 'Bad Request'], [422, 'Unprocessable Entity'], [429, 'Too Many Requests'], [502, 'Bad Gateway']] as const) {
      const res = await transportWith(fakeActions({ responses: [sdkException(status, phrase, gongBody(status))] })).send(GET);
      expect(res.status).toBe(status);
    }
  });

  it('an axios timeout, a network failure and a cancellation are reported as facts', async () => {
    const timeout = () => sdk.ScalekitGatewayTimeoutException.fromAxiosTimeout({ message: 'timeout of 5ms exceeded', code: 'ECONNABORTED' } as never);
    expect(await failureOf(transportWith(fakeActions({ responses: [timeout()] })).send(GET))).toMatchObject({ kind: 'timeout', answered: false, proxy: { name: 'Scalekit' } });
    const refused = () => new sdk.ScalekitException(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    expect(await failureOf(transportWith(fakeActions({ responses: [refused()] })).send(GET))).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    const cancelled = () => exceptionOf(sdk.ScalekitCancelledException, 499, 'Client Closed Request', {});
    expect(await failureOf(transportWith(fakeActions({ responses: [cancelled()] })).send(GET))).toMatchObject({ kind: 'aborted' });
  });

  it('…which the pipeline words: TimeoutError, ConnectionError (not reached), AbortedError', async () => {
    const timeout = sdk.ScalekitGatewayTimeoutException.fromAxiosTimeout({ message: 'timeout of 5ms exceeded', code: 'ECONNABORTED' } as never);
    const timedOut = (await viaPipeline(transportWith(fakeActions({ responses: [timeout] })), { policy: { maxAttempts: 1, timeoutMs: 900 } })).error;
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect((timedOut as TimeoutError).message).toBe('Gong (through Scalekit) did not answer GET /v2/users within 900 ms.');
    const refused = new sdk.ScalekitException(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    const error = (await viaPipeline(transportWith(fakeActions({ responses: [refused] })), { policy: { maxAttempts: 1 } })).error;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reached).toBe(false);
    expect((error as Error).message).toBe('The connection to Scalekit failed during GET /v2/users (ECONNREFUSED).');
    expect((error as ConnectionError).hint).toContain('SCALEKIT_ENVIRONMENT_URL');
    const cancelled = exceptionOf(sdk.ScalekitCancelledException, 499, 'Client Closed Request', {});
    expect((await viaPipeline(transportWith(fakeActions({ responses: [cancelled] })))).error).toBeInstanceOf(AbortedError);
  });

  it("the SDK's argument validation errors become configuration errors", async () => {
    const fake = fakeActions({ responses: [new Error('identifier is required')] });
    await expect(transportWith(fake).send(GET)).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('request mapping', () => {
  it('passes path, method, unique query params, timeout and the JSON text body unchanged', async () => {
    const fake = fakeActions();
    const text = '{"filter":{"callIds":[7782342274025937895]},"cursor":"c2"}';
    await transportWith(fake).send({ method: 'POST', path: '/v2/calls/extensive', query: [['workspaceId', '12']], body: { kind: 'json', text }, ...LIMITS, timeoutMs: 1234 });
    const p = fake.calls[0]!;
    expect(p).toMatchObject({ connectionName: 'gong', identifier: 'u1', path: '/v2/calls/extensive', method: 'POST', queryParams: { workspaceId: '12' }, body: text, timeoutMs: 1234 });
    expect(p.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(p.formData).toBeUndefined();
  });

  it('repeated query keys go into the path (axios would write key[]=…)', async () => {
    const fake = fakeActions();
    await transportWith(fake).send(transportGet('/v2/x', { query: [['id', '1'], ['id', '2']] }));
    expect(fake.calls[0]!.path).toBe('/v2/x?id=1&id=2');
    expect(fake.calls[0]!.queryParams).toBeUndefined();
  });

  it('sends a multipart file as FormData, streamed from disk', async () => {
    const file = join(dir, 'm.txt');
    await writeFile(file, 'abc');
    const fake = fakeActions();
    await transportWith(fake).send({ method: 'PUT', path: '/v2/calls/1/media', query: [], ...LIMITS, body: { kind: 'multipart', field: 'mediaFile', filePath: file, fileName: 'm.txt', contentType: 'text/plain', size: statSync(file).size } });
    const form = fake.calls[0]!.formData as FormData;
    expect(form).toBeInstanceOf(FormData);
    const part = form.get('mediaFile') as File;
    expect(part.name).toBe('m.txt');
    expect(await part.text()).toBe('abc');
    expect(fake.calls[0]!.body).toBeUndefined();
  });

  it('returns lower-case headers and text for a parsed response', async () => {
    const fake = fakeActions({ responses: [{ status: 200, headers: { 'Content-Type': 'application/json', 'X-Trace': ['a', 'b'] }, data: { ok: true } }] });
    const res = await transportWith(fake).send(GET);
    expect(res).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'x-trace': 'a, b' }, text: '{"ok":true}' });
  });

  it('a raw text body is returned verbatim', async () => {
    const raw = '{"id":7782342274025937895}';
    const res = await transportWith(fakeActions({ responses: [{ status: 200, headers: {}, data: raw }] })).send(GET);
    expect(res.text).toBe(raw);
  });

  it('bodies above maxResponseBytes are refused by the pipeline, not retried', async () => {
    const fake = fakeActions({ responses: [{ status: 200, headers: {}, data: 'x'.repeat(100) }] });
    const { error } = await viaPipeline(transportWith(fake), { policy: { maxResponseBytes: 10 } });
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe("Gong's response to GET /v2/users exceeded 10 bytes and was refused.");
    expect(fake.calls).toHaveLength(1);
  });

  it("axios's own cut at maxContentLength is a too_large failure", async () => {
    const cut = new sdk.ScalekitException(new Error('maxContentLength size of 10 exceeded'));
    expect(await failureOf(transportWith(fakeActions({ responses: [cut] })).send(GET))).toMatchObject({ kind: 'too_large', answered: true });
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const fake = fakeActions({ responses: [() => new Promise(() => undefined)] });
    const pending = transportWith(fake).send({ ...GET, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect(await failureOf(pending)).toMatchObject({ kind: 'aborted' });
  });
});

describe('describe, companyKey, serialisation', () => {
  it('has no secrets and no SDK client in any form', () => {
    const t = transportWith(fakeActions());
    expect(t.describe()).toBe('scalekit https://acme.scalekit.test (connection gong, identifier u1)');
    expect(t.companyKey()).toBe('scalekit:https://acme.scalekit.test#gong#u1');
    expect(JSON.stringify(t)).not.toContain('CANARY');
    expect(JSON.stringify(t)).toBe(JSON.stringify({ kind: 'scalekit', transport: t.describe() }));
  });
});
