// authStatus / authConnect from the library: Scalekit account status and link, the manage_auth
// call for Polly-managed tokens, direct credential descriptions, token-file expiry.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authConnect, authStatus } from '../../../src/connection/auth-status.js';
import { writeTokenFile, type StoredToken } from '../../../src/auth/token-store.js';
import { connectGongCall } from '../../../src/catalog/index.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { fakeActions, LINK } from '../../support/fake-actions.js';

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
    expect(await authStatus(sk(1))).toEqual({ transport: 'scalekit', connected: true, status: 'ACTIVE', connection_name: 'gong', identifier: 'u1' });
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
    const result = await authStatus({ env: { GONG_ACCESS_TOKEN: 'tok-CANARY', GONG_API_BASE_URL: 'https://us-1.api.gong.io', GONG_TOKEN_FILE: file } });
    expect(result).toEqual({ transport: 'direct', connected: true, source: 'GONG_ACCESS_TOKEN', base_url: 'https://us-1.api.gong.io', scheme: 'bearer' });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('an access key pair, and a note when a token file is shadowed by it', async () => {
    await writeTokenFile(file, token());
    const result = await authStatus({ env: { GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 's-CANARY', GONG_TOKEN_FILE: file } });
    expect(result).toMatchObject({ transport: 'direct', connected: true, source: 'GONG_ACCESS_KEY', scheme: 'basic', base_url: 'https://api.gong.io' });
    expect((result as { note: string }).note).toContain('GONG_ACCESS_KEY takes precedence');
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('a token file: expiry and refreshability; expired without GONG_CLIENT_SECRET → not connected', async () => {
    await writeTokenFile(file, token());
    expect(await authStatus({ env: { GONG_TOKEN_FILE: file, GONG_CLIENT_SECRET: 'x' } })).toMatchObject({
      transport: 'direct', connected: true, source: 'token file', base_url: 'https://us-7.api.gong.io', token_file: file, refreshable: true,
    });
    await writeTokenFile(file, token({ expires_at: new Date(Date.now() - 1000).toISOString() }));
    const expired = await authStatus({ env: { GONG_TOKEN_FILE: file } });
    expect(expired).toMatchObject({ connected: false, hint: expect.stringContaining('GONG_CLIENT_SECRET') });
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
