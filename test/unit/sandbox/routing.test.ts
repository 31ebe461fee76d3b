import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ROUTES } from '../../../src/sandbox/routes/index.js';
import { specOperations } from '../../support/spec.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
});
afterAll(() => sb.close());

/** Spec vs Gong differences the sandbox follows on purpose (docs/gong-api.md#known-spec-inaccuracies). */
const QUERY_DEVIATIONS: Record<string, { notRequired?: string[]; extraRequired?: string[] }> = {
  listCalls: { notRequired: ['fromDateTime', 'toDateTime'] }, // optional in practice
  getCrmObjects: { notRequired: ['objectsCrmIds'] }, // ids go as a JSON array body
  uploadCrmData: { extraRequired: ['integrationId', 'objectType', 'clientRequestId'] }, // the spec omits its query parameters
};

describe('routes against the OpenAPI spec', () => {
  it('routes all 67 operations of the spec, and nothing else', () => {
    const ops = specOperations();
    expect(ops).toHaveLength(67);
    expect(ROUTES).toHaveLength(67);
    for (const { method, path, op } of ops) {
      const route = ROUTES.find((r) => r.method === method && r.path === path);
      expect(route, `${method} ${path}`).toBeDefined();
      expect(route?.operationId).toBe(op.operationId);
    }
    for (const r of ROUTES) expect(ops.some((o) => o.method === r.method && o.path === r.path), `${r.method} ${r.path}`).toBe(true);
  });

  it('requires the scope each operation documents', () => {
    for (const { method, path, op } of specOperations()) {
      const route = ROUTES.find((r) => r.method === method && r.path === path);
      const documented = op['x-scope'];
      // Permission-profile operations state no scope; n8n's scope list supplies them.
      const expected = documented ?? (method === 'GET' ? 'api:permission-profile:read' : 'api:permission-profile:write');
      expect(route?.scope, `${method} ${path}`).toBe(expected);
    }
  });

  it('requires the query parameters the spec requires (with the documented deviations)', () => {
    for (const { method, path, op } of specOperations()) {
      const route = ROUTES.find((r) => r.method === method && r.path === path);
      const dev = QUERY_DEVIATIONS[op.operationId] ?? {};
      const specRequired = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name)
        .filter((n) => !(dev.notRequired ?? []).includes(n));
      const ours = (route?.query ?? []).filter((q) => q.required).map((q) => q.name);
      expect(ours.sort(), `${method} ${path}`).toEqual([...specRequired, ...(dev.extraRequired ?? [])].sort());
      // Every query parameter of the spec is known to the route.
      for (const p of (op.parameters ?? []).filter((x) => x.in === 'query')) {
        expect((route?.query ?? []).map((q) => q.name), `${method} ${path} ${p.name}`).toContain(p.name);
      }
    }
  });

  it('reads a JSON body exactly where the spec has one, and multipart where the spec uploads a file', () => {
    for (const { method, path, op } of specOperations()) {
      const route = ROUTES.find((r) => r.method === method && r.path === path);
      const content = Object.keys(op.requestBody?.content ?? {});
      if (content.includes('multipart/form-data')) expect(route?.body, `${method} ${path}`).toBe('multipart');
      else if (content.includes('application/json')) expect(route?.body, `${method} ${path}`).toBe('json');
      else if (op.operationId !== 'getCrmObjects') expect(route?.body, `${method} ${path}`).toBeUndefined();
    }
  });
});

describe('routing behaviour', () => {
  it('answers 404 for an unknown path and 405 for a wrong verb on a known one', async () => {
    const unknown = await api(sb, 'GET', '/v2/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors).toEqual(['Not Found']);
    expect(unknown.json.requestId).toBeTypeOf('string');
    expect((await api(sb, 'GET', '/', { auth: null })).status).toBe(404);
    expect((await api(sb, 'GET', '/v2/calls/', { auth: null })).status).toBe(401);

    const wrong = await api(sb, 'POST', '/v2/entities/ask-entity', { body: {} });
    expect(wrong.status).toBe(405);
    expect(Object.keys(wrong.json).sort()).toEqual(['errors', 'requestId']);
    expect(wrong.json.errors).toEqual(['Method Not Allowed']);
    expect(wrong.headers['x-traceid']).toBe(wrong.json.requestId);
    expect(wrong.headers.allow).toBe('GET');

    // A literal path wins over a template: GET /v2/calls/extensive is not "call id extensive".
    expect((await api(sb, 'GET', '/v2/calls/extensive')).status).toBe(405);
    expect((await api(sb, 'DELETE', '/v2/users')).status).toBe(405);
    expect((await api(sb, 'PATCH', '/v2/tasks')).status).toBe(405);
  });

  it('answers 401 with the missing scope for a bearer token without it, on every route', async () => {
    const token = sb.issueToken([]);
    for (const route of ROUTES) {
      const path = route.path.replace(/\{[^}]+\}/g, '1234567890123456789');
      const res = await api(sb, route.method, path, { auth: `Bearer ${token}` });
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.json.errors).toEqual([`You don't have permission to use '${route.scope}' in your app.`]);
    }
  });

  it('rejects missing required query parameters with a Gong-shaped 400', async () => {
    for (const route of ROUTES.filter((r) => r.query?.some((q) => q.required))) {
      const path = route.path.replace(/\{[^}]+\}/g, '1234567890123456789');
      const res = await api(sb, route.method, path, route.body === 'json' ? { body: route.method === 'POST' ? [] : {} } : {});
      expect(res.status, `${route.method} ${route.path}`).toBe(400);
      const first = route.query?.find((q) => q.required)?.name as string;
      expect(res.json.errors.join(' ')).toContain(`'${first}'`);
    }
  });

  it('checks query parameter types', async () => {
    const bad = await api(sb, 'GET', '/v2/logs', { query: { logType: 'Everything', fromDateTime: '2025-01-01T00:00:00Z' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toContain('logType must be one of AccessLog');
    const notInt = await api(sb, 'GET', '/v2/coaching', { query: { 'workspace-id': 'abc', 'manager-id': '1', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' } });
    expect(notInt.status).toBe(400);
    expect(notInt.json.errors[0]).toContain('workspace-id must be an integer');
  });

  it('validates JSON bodies and answers malformed JSON with 400', async () => {
    const missing = await api(sb, 'POST', '/v2/calls/transcript', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual(['filter is required']);
    const wrongType = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { callIds: 'abc' } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors).toEqual(['filter.callIds must be array']);
    const badEnum = await api(sb, 'POST', '/v2/stats/activity/aggregate-by-period', { body: { filter: { fromDate: '2025-01-01', toDate: '2025-02-01' }, aggregationPeriod: 'FORTNIGHT' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.json.errors[0]).toContain('aggregationPeriod must be one of DAY, WEEK');
    const broken = await api(sb, 'POST', '/v2/calls/extensive', { raw: '{"filter":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0]).toMatch(/^Malformed JSON request body/);
    const noBody = await api(sb, 'POST', '/v2/users/extensive');
    expect(noBody.status).toBe(400);
    expect(noBody.json.errors).toEqual(['Required request body is missing']);
  });

  it('puts requestId in every body and x-traceid on every response', async () => {
    for (const path of ['/v2/workspaces', '/v2/users', '/v2/calls/1']) {
      const res = await api(sb, 'GET', path);
      expect(res.json.requestId).toMatch(/^[0-9a-z]{19}$/);
      expect(res.headers['x-traceid']).toBe(res.json.requestId);
      expect(Object.keys(res.json)[0]).toBe('requestId');
    }
  });
});
