import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api, basicAuth } from './helpers.js';

let sb: Sandbox;
let now = Date.parse('2025-06-01T09:00:00Z');
const REDIRECT = 'http://127.0.0.1:9/callback';

beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR, clock: () => now, accessTokenTtlSeconds: 3600 });
});
afterAll(() => sb.close());

function clientAuth(secret?: string, on = sb): string {
  return `Basic ${Buffer.from(`${on.oauthClient.clientId}:${secret ?? on.oauthClient.clientSecret}`).toString('base64')}`;
}

async function authorize(params: Record<string, string>, on = sb): Promise<{ status: number; location: URL | undefined; json: any }> {
  const url = new URL('/oauth2/authorize', on.baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await request(url, { method: 'GET' });
  const text = await res.body.text();
  const location = res.headers.location;
  return { status: res.statusCode, location: typeof location === 'string' ? new URL(location) : undefined, json: text ? JSON.parse(text) : undefined };
}

async function token(form: Record<string, string>, opts: { auth?: string; inQuery?: boolean; on?: Sandbox } = {}): Promise<{ status: number; json: any }> {
  const on = opts.on ?? sb;
  const url = new URL('/oauth2/generate-customer-token', on.baseUrl);
  const body = new URLSearchParams(form).toString();
  if (opts.inQuery) for (const [k, v] of Object.entries(form)) url.searchParams.set(k, v);
  const res = await request(url, {
    method: 'POST',
    headers: { authorization: opts.auth ?? clientAuth(undefined, on), 'content-type': 'application/x-www-form-urlencoded' },
    body: opts.inQuery ? '' : body,
  });
  return { status: res.statusCode, json: await res.body.json() };
}

async function codeFor(scope: string, on = sb): Promise<string> {
  const res = await authorize({ client_id: on.oauthClient.clientId, response_type: 'code', scope, redirect_uri: REDIRECT, state: 'xyz' }, on);
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

describe('what OAuth client tests shape and read', () => {
  let gong: Sandbox;
  const SECRET = 'test-client-secret';
  beforeAll(async () => {
    gong = await startSandbox({ rateLimit: false, oauthClient: { clientId: 'app-7', clientSecret: SECRET }, customerApiHost: true });
  });
  afterAll(() => gong.close());
  const login = async () => (await token({ grant_type: 'authorization_code', code: await codeFor('api:users:read', gong), redirect_uri: REDIRECT }, { on: gong })).json;
  const at = (base: string, tokenValue: string) => request(new URL('/v2/users', base), { headers: { authorization: `Bearer ${tokenValue}` } })
    .then(async (res) => ({ status: res.statusCode, json: (await res.body.json()) as any }));

  it('by default: one origin and a client derived from the seed', () => {
    expect(sb.apiBaseUrl).toBe(sb.baseUrl);
    expect(sb.oauthClient.clientId).toMatch(/^sbx_[0-9a-f]{16}$/);
  });

  it('uses the OAuth client given at start', async () => {
    expect(gong.oauthClient).toEqual({ clientId: 'app-7', clientSecret: SECRET });
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'x' }, { on: gong, auth: clientAuth('wrong', gong) })).status).toBe(401);
    expect((await login()).access_token).toBeTypeOf('string');
  });

  it('customerApiHost: tokens point at a second origin and are good only there; it serves no OAuth', async () => {
    expect(gong.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gong.apiBaseUrl).not.toBe(gong.baseUrl);
    const issued = await login();
    expect(issued.api_base_url_for_customer).toBe(gong.apiBaseUrl);
    expect((await at(gong.apiBaseUrl, issued.access_token)).status).toBe(200);
    const elsewhere = await at(gong.baseUrl, issued.access_token);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.json.errors).toEqual(['access token has been revoked']);
    // The access key pair works on both origins; OAuth routes live on baseUrl only.
    expect((await api(gong, 'GET', '/v2/users')).status).toBe(200);
    expect((await request(new URL('/v2/users', gong.apiBaseUrl), { headers: { authorization: basicAuth(gong) } })).statusCode).toBe(200);
    expect((await request(new URL('/oauth2/authorize', gong.apiBaseUrl))).statusCode).toBe(404);
  });

  it('logs each token exchange and which token authenticated an API request (its id, never the token)', async () => {
    const from = gong.log.length;
    const first = await login();
    await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, { on: gong });
    await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, { on: gong });
    await token({ grant_type: 'authorization_code', code: 'c' }, { on: gong, auth: clientAuth('wrong', gong) });
    const exchanges = gong.log.slice(from).flatMap((e) => (e.oauth ? [e.oauth] : []));
    expect(exchanges.map(({ issued: _i, ...rest }) => rest)).toEqual([
      { grantType: 'authorization_code', clientId: 'app-7' },
      { grantType: 'refresh_token', clientId: 'app-7' },
      { grantType: 'refresh_token', clientId: 'app-7', error: 'invalid_grant' },
      { grantType: 'authorization_code', error: 'invalid_client' },
    ]);
    expect(exchanges[0]!.issued).toMatchObject({ accessToken: first.access_token, refreshToken: first.refresh_token });
    const latest = exchanges[1]!.issued!;
    const before = gong.log.length;
    await at(gong.apiBaseUrl, latest.accessToken);
    const entry = gong.log[before]!;
    expect(entry).toMatchObject({ origin: gong.apiBaseUrl, path: '/v2/users', status: 200, tokenId: latest.accessTokenId });
    expect(JSON.stringify(entry)).not.toContain(latest.accessToken);
    expect(latest.accessTokenId).toMatch(/^[0-9a-f]{12}$/);
  });

  it('setTokenDelay holds token answers back; a negative delay is refused', async () => {
    gong.setTokenDelay(120);
    const started = Date.now();
    await login();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    gong.setTokenDelay(0);
    expect(() => gong.setTokenDelay(-1)).toThrow(RangeError);
  });

  it('expireAccessTokens expires every bearer token issued so far, and only those', async () => {
    const oauthToken = (await login()).access_token;
    const scoped = gong.issueToken(['api:users:read']);
    gong.expireAccessTokens();
    for (const [base, t] of [[gong.apiBaseUrl, oauthToken], [gong.baseUrl, scoped], [gong.baseUrl, gong.credentials.bearerToken]] as const) {
      const res = await at(base, t);
      expect(res.status).toBe(401);
      expect(res.json.errors).toEqual(['The access token has expired']);
    }
    expect((await at(gong.apiBaseUrl, (await login()).access_token)).status).toBe(200);
    expect((await at(gong.baseUrl, gong.issueToken(['api:users:read']))).status).toBe(200);
  });
});
