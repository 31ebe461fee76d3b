// The SDK's axios path under nock (docs/scalekit.md#testing-under-nock): nock answers the HTTP/1.1 token and proxy
// calls, the loopback h2c server answers gRPC (nock does not touch HTTP/2). Proves the token is
// primed before the first request() and the exact proxy request the SDK sends.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { scalekitTransport } from '../../support/scalekit-transport.js';
import { ConnectorStatus, startFakeScalekit, type FakeScalekit } from '../../support/fake-scalekit.js';
import { LIMITS } from '../../support/pipeline.js';

let sk: FakeScalekit;

beforeAll(async () => {
  sk = await startFakeScalekit({ clientId: 'id', clientSecret: 'secret', upstream: 'http://127.0.0.1:9', acceptTokens: ['tok_nock'] });
  sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  nock.restore();
  await sk.close();
});
afterEach(() => {
  nock.cleanAll();
});

it('token first, then /proxy/v2/... with the routing headers, the bearer token and Gong\'s exact body', async () => {
  const token = nock(sk.url)
    .post('/oauth/token', { grant_type: 'client_credentials', client_id: 'id', client_secret: 'secret' })
    .reply(200, { access_token: 'tok_nock', token_type: 'Bearer', expires_in: 86399 });
  const body = '{"cursor":"abc","filter":{"callIds":[7782342274025937895]}}';
  const proxy = nock(sk.url, { reqheaders: { authorization: 'Bearer tok_nock', connection_name: 'gong', identifier: 'user_1', 'content-type': /application\/json/ } })
    // nock parses JSON bodies (so it cannot show int64 digits; the loopback e2e test checks those).
    .post('/proxy/v2/calls/extensive', (got: { cursor?: unknown; filter?: { callIds?: unknown[] } }) => got.cursor === 'abc' && got.filter?.callIds?.length === 1)
    .query({ workspaceId: '5' })
    .reply(200, '{"requestId":"r","records":{"totalRecords":1},"calls":[{"id":7782342274025937895}]}', { 'content-type': 'application/json', 'retry-after': '1' });
  const transport = await scalekitTransport({}, {
    SCALEKIT_ENVIRONMENT_URL: sk.url, SCALEKIT_CLIENT_ID: 'id', SCALEKIT_CLIENT_SECRET: 'secret', GONG_IDENTIFIER: 'user_1',
  }, LIMITS);
  const res = await transport.send({ method: 'POST', path: '/v2/calls/extensive', query: [['workspaceId', '5']], body: { kind: 'json', text: body }, ...LIMITS });
  expect(token.isDone()).toBe(true);
  expect(proxy.isDone()).toBe(true);
  expect(res.status).toBe(200);
  expect(res.text).toContain('"id":7782342274025937895');
  expect(res.headers['retry-after']).toBe('1');
  expect(sk.log.map((e) => e.kind)).toEqual(['grpc', 'grpc']); // Unauthenticated, then with tok_nock
  expect(sk.log[1]!.authorization).toBe('Bearer tok_nock');
});
