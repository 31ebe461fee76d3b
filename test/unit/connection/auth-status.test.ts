// authStatus / authConnect from the library: Scalekit account status and link, the manage_auth
// call for Polly-managed tokens, direct credential descriptions, token-file expiry.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authConnect, authStatus } from '../../../src/connection/auth-status.js';
import { writeTokenFile, type StoredToken } from '../../../src/auth/token-store.js';
import { connectGongCall } from '../../../src/catalog/index.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { fakeActions, LINK } from '../../support/fake-actions.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-connect-'));
  file = join(dir, 'token.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sk = (status: number | 'missing') => ({ transport: 'scalekit' as const, scalekit: { actions: fakeActions({ status }), identifier: 'u1' }, env: { GONG_TOKEN_FILE: join(dir, 'none.json') } });

const token = (over: Partial<StoredToken> = {}): StoredToken => ({
  version: 1, access_token: 'at-CANARY', refresh_token: 'rt-CANARY', expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  scopes: ['api:users:read'], api_base_url_for_customer: 'https://us-7.api.gong.io', client_id: 'app', token_url: 'https://app.gong.io/oauth2/generate-customer-token',
  saved_at: new Date().toISOString(), ...over,
});

describe('Scalekit', () => {
  it('an ACTIVE account is connected, without a link', async () => {
    expect(await authStatus(sk(1))).toEqual({ transport: 'scalekit', connected: true, checked: true, status: 'ACTIVE', connection_name: 'gong', identifier: 'u1' });
  });

  it.each([[2, 'EXPIRED'], [3, 'PENDING_AUTH'], ['missing', 'NOT_FOUND']] as const)('status %s → not connected, with the authorization link', async (status, name) => {
    const result = await authStatus(sk(status));
    expect(result).toMatchObject({ transport: 'scalekit', connected: false, status: name, authorization_link: LINK });
    expect(await authConnect(sk(status))).toMatchObject({ connected: false, authorization_link: LINK, next: expect.stringContaining('authorization_link') });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });
});

describe('direct', () => {
  it('no credentials → auth_required carrying the exact manage_auth call', async () => {
    const result = await authConnect({ env: { GONG_TOKEN_FILE: file } });
    expect(result).toMatchObject({ error: 'auth_required', hint: connectGongCall() });
    expect(connectGongCall()).toBe('manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN")');
  });

  it('a Polly-managed token: source, host and scheme, never the token', async () => {
    const result = await authStatus({ env: { GONG_ACCESS_TOKEN: 'tok-CANARY', GONG_API_BASE_URL: 'https://us-1.api.gong.io', GONG_TOKEN_FILE: file } }, { check: false });
    expect(result).toEqual({
      transport: 'direct', connected: true, checked: false, check: 'Not checked with Gong (asked not to); connected means a credential is configured.',
      source: 'GONG_ACCESS_TOKEN', base_url: 'https://us-1.api.gong.io', scheme: 'bearer',
    });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('an access key pair, and a note when a token file is shadowed by it', async () => {
    await writeTokenFile(file, token());
    const result = await authStatus({ env: { GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 's-CANARY', GONG_TOKEN_FILE: file } }, { check: false });
    expect(result).toMatchObject({ transport: 'direct', connected: true, source: 'GONG_ACCESS_KEY', scheme: 'basic', base_url: 'https://api.gong.io' });
    expect((result as { note: string }).note).toContain('GONG_ACCESS_KEY takes precedence');
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('a token file: expiry and refreshability; expired without GONG_CLIENT_SECRET → not connected', async () => {
    await writeTokenFile(file, token());
    expect(await authStatus({ env: { GONG_TOKEN_FILE: file, GONG_CLIENT_SECRET: 'x' } }, { check: false })).toMatchObject({
      transport: 'direct', connected: true, source: 'token file', base_url: 'https://us-7.api.gong.io', token_file: file, refreshable: true,
    });
    await writeTokenFile(file, token({ expires_at: new Date(Date.now() - 1000).toISOString() }));
    const expired = await authStatus({ env: { GONG_TOKEN_FILE: file } });
    // Known unusable without asking Gong: nothing is sent, and the result says so.
    expect(expired).toMatchObject({ connected: false, checked: false, hint: expect.stringContaining('GONG_CLIENT_SECRET') });
    expect(JSON.stringify(expired)).not.toContain('CANARY');
  });

  it('reads GONG_TRANSPORT the way the connector does: blank is unset, anything else but direct or scalekit is refused', async () => {
    const { createConnector } = await import('../../../src/connector.js');
    const env = { GONG_TRANSPORT: 'proxy', GONG_TOKEN_FILE: file };
    const fromStatus = await authStatus({ env }).catch((e: unknown) => e);
    const connector = createConnector({ env });
    const fromCall = await connector.executeTool('gong_users_list', {}).catch((e: unknown) => e);
    await connector.close();
    expect(fromStatus).toBeInstanceOf(ConfigurationError);
    expect(fromStatus).toMatchObject({ field: 'GONG_TRANSPORT', message: "GONG_TRANSPORT must be 'direct' or 'scalekit' (got 'proxy')." });
    expect((fromCall as Error).message).toBe((fromStatus as Error).message);
    expect(await authStatus({ env: { GONG_TRANSPORT: '  ', GONG_TOKEN_FILE: file } })).toMatchObject({ error: 'auth_required' });
  });

  it('rejects unknown option keys', async () => {
    await expect(authStatus({ env: {}, tokenFle: 'x' } as never)).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('checked with one request to Gong (the sandbox)', () => {
  let gong: Sandbox;
  beforeAll(async () => {
    gong = await startSandbox({ rateLimit: false });
  });
  afterAll(async () => {
    await gong.close();
  });
  const keys = (secret: string) => ({ env: { GONG_ACCESS_KEY: gong.credentials.accessKey, GONG_ACCESS_KEY_SECRET: secret, GONG_API_BASE_URL: gong.baseUrl, GONG_TOKEN_FILE: file } });

  it('a working key pair is connected and checked, with one cheap request', async () => {
    const before = gong.log.length;
    expect(await authStatus(keys(gong.credentials.accessKeySecret))).toMatchObject({ transport: 'direct', connected: true, checked: true });
    expect(gong.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v2/users']);
  });

  it('a wrong secret is not connected, says Gong refused it, and never shows it', async () => {
    const result = await authStatus(keys('wrong-CANARY-secret'));
    expect(result).toMatchObject({ transport: 'direct', connected: false, checked: true, hint: expect.stringMatching(/refused|401/) });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('an unreachable host: not checked, and the result says why', async () => {
    const closed = await startSandbox({ rateLimit: false });
    const url = closed.baseUrl;
    await closed.close();
    const result = await authStatus({ env: { GONG_ACCESS_TOKEN: 'tok-CANARY', GONG_API_BASE_URL: url, GONG_TOKEN_FILE: file } });
    expect(result).toMatchObject({ transport: 'direct', connected: true, checked: false, check: expect.stringContaining('Not checked') });
  });
});

