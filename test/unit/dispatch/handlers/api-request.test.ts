// gong_api_request, the escape hatch: any /v2/ path on the configured host, nothing else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnector, type Connector } from '../../../../src/connector.js';
import { InvalidInputError } from '../../../../src/http/errors.js';
import { startReplyServer, type ReplyServer } from '../../../support/server.js';

let server: ReplyServer;
let connector: Connector;
beforeAll(async () => {
  server = await startReplyServer();
  connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, rateLimitPerSecond: 1000, env: {} });
});
afterEach(() => server.reset());
afterAll(async () => {
  await connector.close();
  await server.close();
});

describe('gong_api_request', () => {
  it.each([
    '/v2/../oauth2/token',
    '/v2/calls/..',
    '/v2/%2e%2e/admin',
    '/v2/calls/%2E',
    '/v2/calls%2f..%2fusers',
    '/v2/calls%5cx',
    '/v2//calls',
    '/v2/calls?x=1',
    '/v3/calls',
    '/v2/calls/%zz',
  ])('refuses the path %s before anything is sent', async (path) => {
    const error = await connector.executeTool('gong_api_request', { method: 'GET', path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('path');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['/v2/calls/%2e%2e', 'it has a dot-segment (. or ..), even encoded'],
    ['/v2//calls', 'it has an empty segment (//)'],
    ['/v2/calls%2f..%2fusers', 'decodes to a separator or control character'],
  ])('past the schema, %s is refused by the one path check (src/http/path.ts), naming path and where queries go', async (path, why) => {
    const error = await connector.executeTool('gong_api_request', { method: 'GET', path }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'path', hint: 'Put query parameters in `query`.' });
    expect((error as Error).message).toMatch(/^gong_api_request: path must be a Gong API path like \/v2\/calls\/123/);
    expect((error as Error).message).toContain(why);
  });

  it('sends a GET with query parameters and returns Gong\'s JSON', async () => {
    server.reply({ body: { requestId: 'r', keywordTrackers: [] } });
    const result = await connector.executeTool('gong_api_request', {
      method: 'GET', path: '/v2/settings/trackers', query: { workspaceId: '623457276584334', includeAll: true },
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v2/settings/trackers' });
    expect([...server.requests[0]!.query]).toEqual([['workspaceId', '623457276584334'], ['includeAll', 'true']]);
    expect(result).toMatchObject({ requestId: 'r', keywordTrackers: [] });
  });

  it('sends a JSON body (also on a GET, as GET /v2/crm/entities needs) and allows a trailing slash', async () => {
    server.reply({ body: { crmObjectsMap: {} } }, { body: { requestId: 'r' } });
    await connector.executeTool('gong_api_request', { method: 'GET', path: '/v2/crm/entities', query: { integrationId: 1, objectType: 'ACCOUNT' }, body: ['a', 'b'] });
    await connector.executeTool('gong_api_request', { method: 'DELETE', path: '/v2/calls/users-access/', body: { callAccessList: [] }, confirm: true });
    expect(server.requests.map((r) => [r.method, r.path, r.json])).toEqual([
      ['GET', '/v2/crm/entities', ['a', 'b']],
      ['DELETE', '/v2/calls/users-access/', { callAccessList: [] }],
    ]);
  });

  it('wraps a non-object answer and does not repeat a failed write', async () => {
    server.reply({ text: '[1,2]' });
    expect(await connector.executeTool('gong_api_request', { method: 'GET', path: '/v2/workspaces' })).toMatchObject({ result: [1, 2], status: 200 });
    server.reply({ status: 500, body: { requestId: 'r', errors: ['Internal server error occurred'] } });
    await expect(connector.executeTool('gong_api_request', { method: 'POST', path: '/v2/calls', body: {}, confirm: true })).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(2);
  });

  it('every method but GET needs confirm: true, and nothing is sent without it', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const error = await connector.executeTool('gong_api_request', { method, path: '/v2/calls', body: {} }).catch((e: unknown) => e);
      expect(error, method).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'confirm', hint: 'Nothing was sent.' });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('shows the request in a dry run without sending it', async () => {
    const dry = await connector.executeTool('gong_api_request', { method: 'PATCH', path: '/v2/tasks/1', body: { userId: '1', status: 'DONE' }, confirm: true }, { dryRun: true });
    expect(dry.requests).toEqual([{ method: 'PATCH', url: `${server.url}/v2/tasks/1`, body: { userId: '1', status: 'DONE' } }]);
    expect(server.requests).toHaveLength(0);
  });
});
