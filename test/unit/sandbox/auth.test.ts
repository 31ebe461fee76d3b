import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
let now = Date.parse('2025-06-01T12:00:00Z');
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR, clock: () => now });
});
afterAll(() => sb.close());

describe('authentication', () => {
  it('accepts the access key pair as HTTP Basic', async () => {
    const res = await api(sb, 'GET', '/v2/workspaces');
    expect(res.status).toBe(200);
    expect(res.json.workspaces.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts the all-scopes bearer token', async () => {
    const res = await api(sb, 'GET', '/v2/workspaces', { auth: `Bearer ${sb.credentials.bearerToken}` });
    expect(res.status).toBe(200);
  });

  it('answers 401 without credentials, with a wrong secret, an unknown token or an unknown scheme', async () => {
    const cases = [
      null,
      `Basic ${Buffer.from(`${sb.credentials.accessKey}:wrong`).toString('base64')}`,
      'Bearer not-a-token',
      `Token ${sb.credentials.bearerToken}`,
    ];
    for (const auth of cases) {
      const res = await api(sb, 'GET', '/v2/workspaces', { auth });
      expect(res.status).toBe(401);
      expect(res.json.requestId).toBeTypeOf('string');
      expect(res.json.errors).toHaveLength(1);
    }
  });

  it('limits a bearer token to its scopes, with Gong\'s message', async () => {
    const token = sb.issueToken(['api:calls:read:basic']);
    expect((await api(sb, 'GET', '/v2/calls', { auth: `Bearer ${token}` })).status).toBe(200);
    const denied = await api(sb, 'GET', '/v2/coaching', { auth: `Bearer ${token}`, query: { 'workspace-id': '1', 'manager-id': '1', from: 'x', to: 'y' } });
    expect(denied.status).toBe(401);
    expect(denied.json.errors).toEqual(["You don't have permission to use 'api:coaching:read' in your app."]);
  });

  it('needs api:calls:read:media-url on top of the extensive scope to expose media', async () => {
    const token = sb.issueToken(['api:calls:read:extensive']);
    const body = { filter: { callIds: [sb.data.calls[0]?.metaData.id] }, contentSelector: { exposedFields: { media: true } } };
    const denied = await api(sb, 'POST', '/v2/calls/extensive', { auth: `Bearer ${token}`, body });
    expect(denied.status).toBe(401);
    expect(denied.json.errors).toEqual(["You don't have permission to use 'api:calls:read:media-url' in your app."]);
    const withMedia = sb.issueToken(['api:calls:read:extensive', 'api:calls:read:media-url']);
    const ok = await api(sb, 'POST', '/v2/calls/extensive', { auth: `Bearer ${withMedia}`, body });
    expect(ok.status).toBe(200);
    expect(ok.json.calls[0].media.audioUrl).toMatch(/^https:\/\/.+Expires=\d+/);
    // Basic auth carries every scope.
    expect((await api(sb, 'POST', '/v2/calls/extensive', { body })).status).toBe(200);
  });

  it('expires tokens by the injected clock', async () => {
    const token = sb.issueToken(['api:workspaces:read'], { expiresInSeconds: 60 });
    expect((await api(sb, 'GET', '/v2/workspaces', { auth: `Bearer ${token}` })).status).toBe(200);
    now += 61_000;
    const expired = await api(sb, 'GET', '/v2/workspaces', { auth: `Bearer ${token}` });
    expect(expired.status).toBe(401);
    expect(expired.json.errors).toEqual(['The access token has expired']);
  });

  it('refuses a bearer token presented to another host, like Gong\'s regional hosts', async () => {
    const res = await api(sb, 'GET', '/v2/workspaces', { auth: `Bearer ${sb.credentials.bearerToken}`, headers: { host: 'us-12345.api.gong.io' } });
    expect(res.status).toBe(401);
    expect(res.json.errors).toEqual(['access token has been revoked']);
  });
});
