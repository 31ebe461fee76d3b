// The real @scalekit-sdk/node against a local fake Scalekit environment (h2c gRPC + HTTP/1.1
// token and proxy on one loopback port), proxying to a loopback Gong fake. What the transport
// does alone is checked through send(); what the caller sees (re-authentication and its resend,
// auth_required, the size cap) through the shared pipeline, as in production.
import { statSync } from 'node:fs';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scalekitTransport } from '../../support/scalekit-transport.js';
import { ScalekitTransport } from '../../../src/transport/scalekit.js';
import { AuthRequiredError, ConfigurationError, ResponseTooLargeError } from '../../../src/http/errors.js';
import { ConnectorStatus, startFakeScalekit, type FakeScalekit } from '../../support/fake-scalekit.js';
import { LIMITS, pipeline, transportGet } from '../../support/pipeline.js';
import { json, startReplyServer, type ReplyServer } from '../../support/server.js';
import { CANARY } from '../../support/canary.js';

const CLIENT_ID = 'skc_test';
const CLIENT_SECRET = `sk-secret-${CANARY}`;
const GONG_CANARY = 'gong-token-CANARY-91b2';
const BIG = '7782342274025937895123'.slice(0, 19); // 19 digits, beyond 2^53

let gong: ReplyServer;
let sk: FakeScalekit;
let dir: string;

const env = () => ({
  SCALEKIT_ENVIRONMENT_URL: sk.url,
  SCALEKIT_CLIENT_ID: CLIENT_ID,
  SCALEKIT_CLIENT_SECRET: CLIENT_SECRET,
  GONG_IDENTIFIER: 'user_1',
});

beforeAll(async () => {
  gong = await startReplyServer(() => json(200, { requestId: 'r1', users: [] }));
  sk = await startFakeScalekit({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, upstream: gong.url, gongTokenCanary: GONG_CANARY });
  dir = await mkdtemp(join(tmpdir(), 'gc-sk-'));
});

afterAll(async () => {
  await sk.close();
  await gong.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  sk.log.length = 0;
  gong.requests.length = 0;
  sk.setAccount('gong', 'user_1', undefined);
  sk.stripHeaders.clear();
  sk.proxyReply = undefined;
  gong.setHandler(() => json(200, { requestId: 'r1', users: [] }));
});

describe('Scalekit transport with the real SDK', () => {
  it('primes the token with getConnectedAccount before the first proxy request', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const transport = await scalekitTransport({}, env(), LIMITS);
    const res = await transport.send(transportGet('/v2/users', { query: [['cursor', 'c1']] }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ requestId: 'r1', users: [] });
    // gRPC without a token → Unauthenticated → token → gRPC again → then the proxy with the token.
    expect(sk.log.map((e) => e.kind)).toEqual(['grpc', 'token', 'grpc', 'proxy']);
    const proxy = sk.log.at(-1)!;
    const token = sk.tokensIssued.at(-1)!;
    expect(proxy.authorization).toBe(`Bearer ${token}`);
    expect(proxy.request!.headers.connection_name).toBe('gong');
    expect(proxy.request!.headers.identifier).toBe('user_1');
    expect(proxy.request!.path).toBe('/proxy/v2/users');
    expect(gong.requests[0]!.url).toBe('/v2/users?cursor=c1');
  });

  it('keeps int64 digits both ways: raw JSON body out, raw text back', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    gong.setHandler(() => ({ status: 200, text: `{"requestId":"r2","records":{"cursor":"n"},"calls":[{"id":${BIG}}]}` }));
    const transport = await scalekitTransport({}, env(), LIMITS);
    const body = `{"filter":{"callIds":[${BIG}]},"cursor":"c"}`;
    const res = await transport.send({ method: 'POST', path: '/v2/calls/extensive', query: [], body: { kind: 'json', text: body }, ...LIMITS });
    expect(gong.requests[0]!.text).toBe(body);
    expect(gong.requests[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toContain(`"id":${BIG}`);
  });

  it('returns non-2xx answers with their status, body and Retry-After', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const transport = await scalekitTransport({}, env(), LIMITS);
    for (const status of [400, 404, 409, 422, 429, 500, 502, 503]) {
      gong.setHandler(() => json(status, { requestId: `r${status}`, errors: [`e${status}`] }, { 'retry-after': '7' }));
      const res = await transport.send(transportGet());
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text)).toEqual({ requestId: `r${status}`, errors: [`e${status}`] });
      expect(res.headers['retry-after']).toBe('7');
    }
  });

  it('re-authenticates once when the Scalekit token expires; the pipeline resends, paced and counted', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const p = pipeline(await scalekitTransport({}, env(), LIMITS));
    await p.client.request(p.read('/v2/users'), p.newCall());
    const before = sk.tokensIssued.length;
    sk.revokeTokens();
    sk.log.length = 0;
    const call = p.newCall();
    const res = await p.client.request(p.read('/v2/users'), call);
    expect(res.status).toBe(200);
    expect(sk.tokensIssued.length).toBe(before + 1);
    expect(sk.log.map((e) => e.kind)).toEqual(['proxy', 'token', 'proxy']);
    expect(sk.log.at(-1)!.authorization).toBe(`Bearer ${sk.tokensIssued.at(-1)}`);
    expect(res.attempts).toBe(2);
    expect(call.requests).toBe(2);
    expect((await p.limiter.state()).used_today).toBe(3);
  });

  it('not connected (no account): auth_required with the authorization link, nothing proxied', async () => {
    const transport = await scalekitTransport({}, env(), LIMITS);
    const error = await transport.send(transportGet()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    const link = `${sk.url}/magic-link/gong/user_1`;
    expect((error as AuthRequiredError).authorizationLink).toBe(link);
    expect((error as AuthRequiredError).toJSON()).toMatchObject({ error: 'auth_required', authorization_link: link });
    expect(sk.log.some((e) => e.kind === 'proxy')).toBe(false);
  });

  it('an account that expires after priming: the proxy 401 becomes auth_required with the link', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const p = pipeline(await scalekitTransport({}, env(), LIMITS));
    await p.client.request(p.read('/v2/users'), p.newCall());
    sk.setAccount('gong', 'user_1', ConnectorStatus.EXPIRED);
    const error = await p.client.request(p.read('/v2/users'), p.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).message).toContain('EXPIRED');
    expect((error as AuthRequiredError).status).toBe(401);
    expect((error as AuthRequiredError).authorizationLink).toBe(`${sk.url}/magic-link/gong/user_1`);
  });

  it('a body above maxResponseBytes is cut off by axios and refused', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    gong.setHandler(() => json(200, { requestId: 'big', pad: 'x'.repeat(5000) }));
    const p = pipeline(await scalekitTransport({}, env(), { ...LIMITS, maxResponseBytes: 1000 }), { policy: { maxResponseBytes: 1000 } });
    const error = await p.client.request(p.read('/v2/users'), p.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe("Gong's response to GET /v2/users exceeded 1000 bytes and was refused.");
  });

  it('accountStatus reports ACTIVE and the other states', async () => {
    const transport = (await scalekitTransport({}, env(), LIMITS)) as ScalekitTransport;
    expect(await transport.accountStatus()).toBe('NOT_FOUND');
    sk.setAccount('gong', 'user_1', ConnectorStatus.PENDING_AUTH);
    expect(await transport.accountStatus()).toBe('PENDING_AUTH');
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    expect(await transport.accountStatus()).toBe('ACTIVE');
  });

  it('wrong client secret: a configuration error that does not contain the secret', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const transport = await scalekitTransport({}, { ...env(), SCALEKIT_CLIENT_SECRET: 'wrong-CANARY-0000' }, LIMITS);
    const error = await transport.send(transportGet()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    const dump = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
    expect(dump).not.toContain('CANARY');
  });

  it('uploads multipart files through formData', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const file = join(dir, 'call.txt');
    await writeFile(file, 'hello media');
    const transport = await scalekitTransport({}, env(), LIMITS);
    gong.setHandler(() => json(201, { requestId: 'm1', callId: '1' }));
    const res = await transport.send({
      method: 'PUT', path: '/v2/calls/1/media', query: [], ...LIMITS,
      body: { kind: 'multipart', field: 'mediaFile', filePath: file, fileName: 'call.txt', contentType: 'text/plain', size: statSync(file).size },
    });
    expect(res.status).toBe(201);
    const got = gong.requests[0]!;
    expect(got.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(got.text).toContain('name="mediaFile"; filename="call.txt"');
    expect(got.text).toContain('hello media');
  });

  it('follows no redirect: a 307 to another host is returned as the 307, and nothing is sent there', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const foreign = await startReplyServer(() => json(200, { requestId: 'foreign', users: [{ id: 'not Gong' }] }));
    try {
      sk.proxyReply = () => ({ status: 307, headers: { location: `${foreign.url}/collect` }, text: '' });
      const transport = await scalekitTransport({}, env(), LIMITS);
      const res = await transport.send({ method: 'POST', path: '/v2/calls/extensive', query: [], body: { kind: 'json', text: '{"filter":{}}' }, ...LIMITS });
      expect(res.status).toBe(307);
      expect(res.text).not.toContain('not Gong');
      expect(foreign.requests).toEqual([]);
      // Through the pipeline it is a failure, not Gong data.
      const p = pipeline(transport);
      await expect(p.client.request(p.read('/v2/users'), p.newCall())).rejects.toThrow();
      expect(foreign.requests).toEqual([]);
    } finally {
      await foreign.close();
    }
  });

  it('redacts the Scalekit access token when a proxy echoes it, in answers and in errors', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const transport = await scalekitTransport({}, env(), LIMITS);
    sk.proxyReply = (req) => ({ status: 200, text: JSON.stringify({ requestId: 'r', users: [], echo: req.headers.authorization }) });
    const ok = await transport.send(transportGet());
    const token = sk.tokensIssued.at(-1)!;
    expect(sk.log.at(-1)!.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(ok)).not.toContain(token);
    sk.proxyReply = (req) => ({ status: 400, headers: { 'x-echo': String(req.headers.authorization) }, text: JSON.stringify({ requestId: 'r', errors: [`bad header ${String(req.headers.authorization)}`] }) });
    const p = pipeline(transport);
    const error = await p.client.request(p.read('/v2/users'), p.newCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(token);
  });

  it('never lets the Gong tokens from getConnectedAccount or the Scalekit secrets into results or errors', async () => {
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const transport = (await scalekitTransport({}, env(), LIMITS)) as ScalekitTransport;
    const res = await transport.send(transportGet());
    const everything = [JSON.stringify(res), transport.describe(), transport.companyKey(), JSON.stringify(transport)].join(' ');
    expect(everything).not.toContain(GONG_CANARY);
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toMatch(/tok_\d/);
  });
});

describe('the SDK exception path (an actions client without raw responses)', () => {
  it('recovers every status from the thrown exception class and reason phrase', async () => {
    const { ScalekitClient } = await import('@scalekit-sdk/node');
    sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
    const client = new ScalekitClient(sk.url, CLIENT_ID, CLIENT_SECRET);
    const transport = new ScalekitTransport({ actions: client.actions, connectionName: 'gong', identifier: 'user_1', environmentUrl: sk.url });
    for (const status of [400, 403, 404, 405, 409, 422, 429, 500, 501, 502, 503, 504]) {
      const body = { requestId: `r${status}`, errors: [`e${status}`] };
      gong.setHandler(() => json(status, body));
      const res = await transport.send(transportGet());
      expect({ status: res.status, body: JSON.parse(res.text) as unknown }).toEqual({ status, body });
    }
  });
});
