import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
let now = Date.parse('2025-06-01T09:00:00Z');
const REDIRECT = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR, clock: () => now, accessTokenTtlSeconds: 3600 });
});
afterAll(() => sb.close());

function clientAuth(secret = sb.oauthClient.clientSecret): string {
  return `Basic ${Buffer.from(`${sb.oauthClient.clientId}:${secret}`).toString('base64')}`;
}

async function authorize(params: Record<string, string>): Promise<{ status: number; location: URL | undefined; json: any }> {
  const url = new URL('/oauth2/authorize', sb.baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await request(url, { method: 'GET' });
  const text = await res.body.text();
  const location = res.headers.location;
  return { status: res.statusCode, location: typeof location === 'string' ? new URL(location) : undefined, json: text ? JSON.parse(text) : undefined };
}

async function token(form: Record<string, string>, opts: { auth?: string; inQuery?: boolean } = {}): Promise<{ status: number; json: any }> {
  const url = new URL('/oauth2/generate-customer-token', sb.baseUrl);
  const body = new URLSearchParams(form).toString();
  if (opts.inQuery) for (const [k, v] of Object.entries(form)) url.searchParams.set(k, v);
  const res = await request(url, {
    method: 'POST',
    headers: { authorization: opts.auth ?? clientAuth(), 'content-type': 'application/x-www-form-urlencoded' },
    body: opts.inQuery ? '' : body,
  });
  return { status: res.statusCode, json: await res.body.json() };
}

async function codeFor(scope: string): Promise<string> {
  const res = await authorize({ client_id: sb.oauthClient.clientId, response_type: 'code', scope, redirect_uri: REDIRECT, state: 'xyz' });
  expect(res.status).toBe(302);
  expect(res.location?.origin + (res.location?.pathname ?? '')).toBe(REDIRECT);
  expect(res.location?.searchParams.get('state')).toBe('xyz');
  return res.location?.searchParams.get('code') as string;
}

describe('OAuth authorization-code flow', () => {
  it('auto-approves, exchanges the code once, and issues a scoped, expiring token with the customer base URL', async () => {
    const code = await codeFor('api:calls:read:basic api:users:read');
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: sb.oauthClient.clientId });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'api:calls:read:basic api:users:read', api_base_url_for_customer: sb.baseUrl });
    expect(res.json.refresh_token).toBeTypeOf('string');

    const bearer = `Bearer ${res.json.access_token}`;
    expect((await api(sb, 'GET', '/v2/users', { auth: bearer })).status).toBe(200);
    const denied = await api(sb, 'GET', '/v2/workspaces', { auth: bearer });
    expect(denied.status).toBe(401);
    expect(denied.json.errors).toEqual(["You don't have permission to use 'api:workspaces:read' in your app."]);

    // The code is single-use.
    const reuse = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');

    now += 3601_000;
    expect((await api(sb, 'GET', '/v2/users', { auth: bearer })).status).toBe(401);
  });

  it('rotates refresh tokens: each is single-use, reuse is invalid_grant', async () => {
    const code = await codeFor('api:users:read');
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
    expect(second.json.access_token).not.toBe(first.json.access_token);
    expect(second.json.scope).toBe('api:users:read');
    expect((await api(sb, 'GET', '/v2/users', { auth: `Bearer ${second.json.access_token}` })).status).toBe(200);

    const reused = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.json).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });

    // Parameters in the query string work too (Airbyte sends refresh parameters there).
    const third = await token({ grant_type: 'refresh_token', refresh_token: second.json.refresh_token }, { inQuery: true });
    expect(third.status).toBe(200);
  });

  it('requires HTTP Basic client authentication and a matching redirect_uri', async () => {
    const code = await codeFor('api:users:read');
    const noClient = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { auth: clientAuth('wrong') });
    expect(noClient.status).toBe(401);
    expect(noClient.json.error).toBe('invalid_client');
    const code2 = await codeFor('api:users:read');
    const mismatch = await token({ grant_type: 'authorization_code', code: code2, redirect_uri: 'http://127.0.0.1:9/other' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error).toBe('invalid_grant');
    expect((await token({ grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
  });

  it('rejects unknown clients and scopes at the authorize step', async () => {
    const unknownClient = await authorize({ client_id: 'nope', response_type: 'code', redirect_uri: REDIRECT });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.json.error).toBe('invalid_client');
    const badScope = await authorize({ client_id: sb.oauthClient.clientId, response_type: 'code', scope: 'api:everything', redirect_uri: REDIRECT, state: 's' });
    expect(badScope.status).toBe(302);
    expect(badScope.location?.searchParams.get('error')).toBe('invalid_scope');
    expect(badScope.location?.searchParams.get('state')).toBe('s');
  });
});
