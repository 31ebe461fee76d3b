// Gong OAuth for standalone users against the sandbox (src/sandbox), started with this test's
// OAuth client and a separate customer API origin: login, the token file, refresh before expiry
// and on 401, single-flight refresh with rotating refresh tokens, and configuration conflicts.
// What the connector sent is read from the sandbox's request log.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { login, oauthEndpoints } from '../../../src/auth/oauth.js';
import { loadStoredCredential } from '../../../src/auth/stored.js';
import type { StoredCredentialLoader } from '../../../src/connection/direct-credential.js';
import { readTokenFile, tokenFilePath, writeTokenFile, type StoredToken } from '../../../src/auth/token-store.js';
import type { Env } from '../../../src/config/env.js';
import { resolveConfig } from '../../../src/connection/config.js';
import type { ConnectorOptions } from '../../../src/connection/options.js';
import { openTransport } from '../../../src/connection/transport.js';
import { AuthRequiredError, ConfigurationError, PermissionError } from '../../../src/http/errors.js';
import type { Transport } from '../../../src/transport/types.js';
import { systemClock, type Clock } from '../../../src/http/clock.js';
import { GongClient } from '../../../src/pipeline/client.js';
import { RateLimiter } from '../../../src/pipeline/limiter.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { startSandbox, type Sandbox, type SandboxTokenExchange } from '../../../src/sandbox/index.js';
import { CANARY } from '../../support/canary.js';

// The transport as the connector builds it (src/connection/).
const resolveTransport = (options: ConnectorOptions, env: Env) => openTransport(resolveConfig(options, env));

const SECRET = `client-secret-${CANARY}`;
let sb: Sandbox;
let dir: string;
let file: string;
const open: Transport[] = [];

/** Token requests as the sandbox logged them (grant asked for, client authenticated, what was issued). */
const exchanges = (from = 0): SandboxTokenExchange[] => sb.log.slice(from).flatMap((e) => (e.oauth ? [e.oauth] : []));
const issued = () => exchanges().flatMap((x) => (x.issued ? [x.issued] : []));
/** Successful refresh_token grants. */
const refreshCount = () => exchanges().filter((x) => x.grantType === 'refresh_token' && x.issued).length;
/** Requests that reached the customer API origin. */
const apiRequests = () => sb.log.filter((e) => e.origin === sb.apiBaseUrl);

const env = (extra: Record<string, string> = {}) => ({ GONG_TOKEN_FILE: file, GONG_CLIENT_SECRET: SECRET, ...extra });

async function doLogin(extra: Partial<Parameters<typeof login>[0]> = {}) {
  return login({
    clientId: 'app-1',
    clientSecret: SECRET,
    scopes: ['api:users:read', 'api:calls:read:basic'],
    oauthBaseUrl: sb.baseUrl,
    env: env(),
    // The test plays the browser: follow the authorize URL, which redirects to the loopback server.
    onAuthorizeUrl: async (url) => {
      await fetch(url);
    },
    ...extra,
  });
}

/** A clock `aheadMs` in the future, for expiry without waiting. */
const ahead = (aheadMs: number): Clock => ({ now: () => Date.now() + aheadMs, random: () => 0.5, sleep: async () => undefined });

/**
 * The transport the stored login resolves to, with `send` going through the request pipeline:
 * the refresh after a 401 is the pipeline's job (paced and counted like any request).
 */
async function transport(extra: Record<string, string> = {}, clock?: Clock): Promise<Transport & { send(req: typeof GET): Promise<{ status: number }> }> {
  const t = await resolveTransport(clock ? { clock } : {}, env(extra));
  open.push(t);
  return pipelined(t, clock);
}

function pipelined(t: Transport, clock?: Clock): Transport & { send(req: typeof GET): Promise<{ status: number }> } {
  const time = clock ?? systemClock;
  const limiter = new RateLimiter(t.companyKey(), { perSecond: 1000, dailyLimit: 10_000, store: new MemoryLimiterStore(), clock: time });
  const client = new GongClient(t, limiter, { timeoutMs: 5_000, maxAttempts: 1, maxRetryAfterMs: 0, maxResponseBytes: 1_000_000 }, time);
  return Object.assign(Object.create(t) as Transport, {
    send: (req: typeof GET) => client.request({ ...req, readOnly: true }, { deadlineAt: Number.POSITIVE_INFINITY, waitedMs: 0, requests: 0 }),
  });
}

const GET = { method: 'GET' as const, path: '/v2/users', query: [] as Array<[string, string]> };

beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, oauthClient: { clientId: 'app-1', clientSecret: SECRET }, customerApiHost: true });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-oauth-'));
  file = join(dir, 'cfg', 'gong-connector', 'token.json');
  sb.setTokenDelay(0);
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close?.();
  await rm(dir, { recursive: true, force: true });
});

describe('auth login', () => {
  it('runs the code flow, stores the tokens 0600 without the client secret', async () => {
    const result = await doLogin();
    expect(result).toMatchObject({ logged_in: true, token_file: file, api_base_url: sb.apiBaseUrl, refreshable: true });
    const authorize = sb.log.filter((e) => e.path === '/oauth2/authorize').at(-1)!.query;
    expect(authorize.client_id).toBe('app-1');
    expect(authorize.response_type).toBe('code');
    expect(authorize.scope).toBe('api:users:read api:calls:read:basic');
    expect(authorize.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(String(authorize.state).length).toBeGreaterThanOrEqual(32);
    // clientId is logged only when HTTP Basic carried exactly app-1:SECRET.
    expect(exchanges().at(-1)).toMatchObject({ grantType: 'authorization_code', clientId: 'app-1' });

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'cfg', 'gong-connector'))).mode & 0o777).toBe(0o700);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(SECRET);
    const stored = JSON.parse(raw) as StoredToken;
    expect(stored).toMatchObject({
      access_token: issued().at(-1)!.accessToken, refresh_token: issued().at(-1)!.refreshToken, client_id: 'app-1',
      api_base_url_for_customer: sb.apiBaseUrl, token_url: `${sb.baseUrl}/oauth2/generate-customer-token`,
      scopes: ['api:users:read', 'api:calls:read:basic'],
    });
    expect(Date.parse(stored.expires_at) - Date.now()).toBeGreaterThan(86_000_000);
  });

  it('answers 400 to a redirect with the wrong state and keeps waiting for the real one', async () => {
    const forged: number[] = [];
    const result = await doLogin({
      onAuthorizeUrl: async (url) => {
        // A forged or stale callback arrives first: it must neither be used nor end the login.
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        redirect.searchParams.set('code', 'stolen');
        redirect.searchParams.set('state', 'forged');
        const answer = await fetch(redirect);
        forged.push(answer.status);
        expect(await answer.text()).toContain('state did not match');
        expect(await readTokenFile(file)).toBeUndefined();
        await fetch(url);
      },
    });
    expect(forged).toEqual([400]);
    expect(result).toMatchObject({ logged_in: true });
    expect(exchanges().at(-1)).toMatchObject({ grantType: 'authorization_code', clientId: 'app-1' });
  });

  it("a token file whose token_url is not https or loopback http is refused before anything is sent", async () => {
    await doLogin();
    const stored = (await readTokenFile(file))!;
    for (const tokenUrl of ['http://gong.example.com/oauth2/generate-customer-token', 'ftp://127.0.0.1/x', 'https://user:pw@app.gong.io/oauth2/generate-customer-token', 'not a url']) {
      await writeFile(file, JSON.stringify({ ...stored, token_url: tokenUrl }), { mode: 0o600 });
      const error = await readTokenFile(file).catch((e: unknown) => e);
      expect(error, tokenUrl).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message, tokenUrl).toMatch(/token_url/);
    }
  });

  it('a wrong client secret is a configuration error without the secret in it', async () => {
    const error = await doLogin({ clientSecret: 'wrong-CANARY-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('CANARY');
  });

  it('the OAuth host is https or loopback http only', () => {
    expect(oauthEndpoints(undefined, {})).toEqual({ authorizeUrl: 'https://app.gong.io/oauth2/authorize', tokenUrl: 'https://app.gong.io/oauth2/generate-customer-token' });
    expect(oauthEndpoints(undefined, { GONG_OAUTH_BASE_URL: 'http://127.0.0.1:5/' }).tokenUrl).toBe('http://127.0.0.1:5/oauth2/generate-customer-token');
    expect(() => oauthEndpoints(undefined, { GONG_OAUTH_BASE_URL: 'http://gong.example.com' })).toThrow(ConfigurationError);
  });

  it('the default token file is under XDG_CONFIG_HOME or ~/.config', () => {
    expect(tokenFilePath({}, { XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' })).toBe('/x/cfg/gong-connector/token.json');
    expect(tokenFilePath({}, { HOME: '/home/u' })).toBe('/home/u/.config/gong-connector/token.json');
    expect(tokenFilePath({}, { GONG_TOKEN_FILE: '/t/tok.json', XDG_CONFIG_HOME: '/x' })).toBe('/t/tok.json');
    expect(tokenFilePath({ tokenFile: '/o/tok.json' }, { GONG_TOKEN_FILE: '/t/tok.json' })).toBe('/o/tok.json');
  });
});

describe('using the stored login', () => {
  it("sends every request to api_base_url_for_customer with the stored token", async () => {
    await doLogin();
    const t = await transport();
    expect(t.describe()).toBe(`direct ${sb.apiBaseUrl} (bearer from token file)`);
    const before = sb.log.length;
    expect((await t.send(GET)).status).toBe(200);
    const sent = sb.log.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ origin: sb.apiBaseUrl, path: '/v2/users', status: 200, tokenId: issued().at(-1)!.accessTokenId });
  });

  it('refreshes shortly before expiry, before sending', async () => {
    await doLogin();
    const t = await transport({}, ahead(86_400_000 - 60_000)); // one minute before expiry
    const stillFresh = await transport({}, ahead(86_400_000 - 60 * 60_000));
    const idle = refreshCount();
    expect((await stillFresh.send(GET)).status).toBe(200);
    expect(refreshCount()).toBe(idle);
    const refreshes = refreshCount();
    const before = apiRequests().length;
    expect((await t.send(GET)).status).toBe(200);
    expect(refreshCount()).toBe(refreshes + 1);
    expect(apiRequests().length - before).toBe(1); // no 401 round trip
  });

  it('refreshes on a 401 and resends; the rotated refresh token is persisted', async () => {
    await doLogin();
    const t = await transport();
    const oldRefresh = (await readTokenFile(file))!.refresh_token;
    sb.expireAccessTokens();
    const refreshes = refreshCount();
    const before = sb.log.length;
    expect((await t.send(GET)).status).toBe(200);
    expect(refreshCount()).toBe(refreshes + 1);
    expect(sb.log.slice(before).map((e) => `${e.oauth?.grantType ?? e.path} ${e.status}`)).toEqual(['/v2/users 401', 'refresh_token 200', '/v2/users 200']);
    const stored = (await readTokenFile(file))!;
    expect(stored.refresh_token).toBe(issued().at(-1)!.refreshToken);
    expect(stored.refresh_token).not.toBe(oldRefresh);
    expect(stored.access_token).toBe(issued().at(-1)!.accessToken);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a 401 for a scope the grant lacks is not refreshed and resent: a refresh cannot add a scope', async () => {
    await doLogin();
    const t = await transport();
    const refreshes = refreshCount();
    const before = sb.log.length;
    const error = await t.send({ ...GET, path: '/v2/flows' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toMatch(/lacks the OAuth scope 'api:flows:read'/);
    expect(refreshCount()).toBe(refreshes);
    expect(sb.log.slice(before).map((e) => `${e.oauth?.grantType ?? e.path} ${e.status}`)).toEqual(['/v2/flows 401']);
  });

  it('concurrent calls that all hit a 401 trigger exactly one refresh', async () => {
    await doLogin();
    const t = await transport();
    sb.expireAccessTokens();
    sb.setTokenDelay(30);
    const refreshes = refreshCount();
    const results = await Promise.all([t.send(GET), t.send(GET), t.send(GET), t.send(GET)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(refreshCount()).toBe(refreshes + 1);
  });

  it('concurrent calls near expiry trigger exactly one proactive refresh', async () => {
    await doLogin();
    const t = await transport({}, ahead(86_400_000 - 30_000));
    sb.setTokenDelay(30);
    const refreshes = refreshCount();
    await Promise.all([t.send(GET), t.send(GET), t.send(GET)]);
    expect(refreshCount()).toBe(refreshes + 1);
  });

  it('a second process with the old token adopts the rotated one instead of reusing its refresh token', async () => {
    await doLogin();
    const from = sb.log.length;
    const a = await transport();
    const b = await transport(); // loaded before A rotates
    sb.expireAccessTokens();
    expect((await a.send(GET)).status).toBe(200);
    const refreshes = refreshCount();
    expect((await b.send(GET)).status).toBe(200); // 401 → reads the file → uses A's token
    expect(refreshCount()).toBe(refreshes);
    expect(exchanges(from).filter((x) => x.error !== undefined)).toEqual([]); // no refresh token was reused
  });

  it('a revoked refresh token → auth_required, never a bare 401', async () => {
    await doLogin();
    const t = await transport();
    // Use up the stored refresh token behind the connector's back (as a revocation would).
    const stored = (await readTokenFile(file))!;
    await fetch(`${sb.baseUrl}/oauth2/generate-customer-token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`app-1:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stored.refresh_token! }).toString(),
    });
    sb.expireAccessTokens();
    const error = await t.send(GET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).toJSON()).toMatchObject({ error: 'auth_required', status: 400 });
    expect((error as AuthRequiredError).message).toContain('invalid_grant');
    expect((error as AuthRequiredError).hint).toContain('auth login');
    expect(JSON.stringify(error)).not.toContain(stored.refresh_token!);
  });

  it('refreshing without GONG_CLIENT_SECRET → auth_required naming it', async () => {
    await doLogin();
    const raw = await resolveTransport({}, { GONG_TOKEN_FILE: file });
    open.push(raw);
    const t = pipelined(raw);
    sb.expireAccessTokens();
    const error = await t.send(GET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).message).toContain('GONG_CLIENT_SECRET');
  });

  it('an expired token without a refresh token → auth_required before anything is sent', async () => {
    await doLogin();
    const stored = (await readTokenFile(file))!;
    const { refresh_token: _r, ...rest } = stored;
    await writeFile(file, JSON.stringify({ ...rest, expires_at: new Date(Date.now() - 1000).toISOString() }), { mode: 0o600 });
    const t = await transport();
    const before = apiRequests().length;
    await expect(t.send(GET)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(apiRequests().length).toBe(before);
  });
});

describe('a refresh token redeemed elsewhere (another machine, another copy of the login)', () => {
  /** Redeem the stored refresh token behind the connector's back, as another machine would. */
  const redeemElsewhere = async (refreshToken: string) => {
    const res = await fetch(`${sb.baseUrl}/oauth2/generate-customer-token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`app-1:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
  };
  const invalidGrants = (from: number) => exchanges(from).filter((x) => x.error === 'invalid_grant').length;
  const refreshAttempts = (from: number) => exchanges(from).filter((x) => x.grantType === 'refresh_token').length;

  it('after invalid_grant the store is read once more: the token rotated meanwhile is used, no auth_required', async () => {
    await doLogin();
    const t = await transport();
    const stored = (await readTokenFile(file))!;
    const start = sb.log.length;
    sb.expireAccessTokens();
    sb.setTokenDelay(300); // our refresh waits at the token endpoint…
    const sending = t.send(GET);
    await new Promise((r) => setTimeout(r, 150));
    sb.setTokenDelay(0); // …while another machine redeems the same refresh token first and stores its result
    const theirs = await redeemElsewhere(stored.refresh_token!);
    await writeTokenFile(file, { ...stored, access_token: theirs.access_token, refresh_token: theirs.refresh_token, expires_at: new Date(Date.now() + theirs.expires_in * 1000).toISOString(), saved_at: new Date().toISOString() });
    const from = sb.log.length;
    expect((await sending).status).toBe(200);
    expect(sb.log.filter((e) => e.origin === sb.apiBaseUrl).at(-1)).toMatchObject({ status: 200, tokenId: issued().at(-1)!.accessTokenId });
    expect(invalidGrants(start)).toBe(1); // ours, answered while the other machine's token was being stored
    expect(refreshAttempts(from)).toBe(0);
    expect((await readTokenFile(file))!.refresh_token).toBe(theirs.refresh_token);
  });

  it('a refresh token that got invalid_grant is never redeemed again, by this process or any other using the store', async () => {
    await doLogin();
    const t = await transport();
    await redeemElsewhere((await readTokenFile(file))!.refresh_token!); // revoked, as far as this login knows
    sb.expireAccessTokens();
    const from = sb.log.length;
    await expect(t.send(GET)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(invalidGrants(from)).toBe(1);
    expect((await readTokenFile(file))!.refresh_rejected_at).toBeDefined();
    await expect(t.send(GET)).rejects.toBeInstanceOf(AuthRequiredError); // this process
    const other = await transport(); // another process starting from the store
    const error = await other.send(GET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect((error as AuthRequiredError).hint).toContain('auth login');
    expect(refreshAttempts(from)).toBe(1);
  });

  it("a newer token in the store that is itself due is refreshed with the store's refresh token, not this process's spent one", async () => {
    await doLogin();
    const a = await transport();
    const b = await transport({}, ahead(86_400_000 - 60_000)); // loaded before A rotates; sees tokens as almost expired
    sb.expireAccessTokens();
    const from = sb.log.length;
    expect((await a.send(GET)).status).toBe(200); // A rotates the refresh token
    expect((await b.send(GET)).status).toBe(200); // B adopts A's token, due for B too: redeems A's refresh token
    expect(invalidGrants(from)).toBe(0);
    expect(refreshAttempts(from)).toBe(2);
  });
});

describe('resolved once per connector (src/connection/config.ts)', () => {
  const counting = () => {
    const counter = { reads: 0 };
    const load: StoredCredentialLoader = async (options, e) => {
      counter.reads += 1;
      return loadStoredCredential(options, e);
    };
    return { counter, load };
  };

  it('the token file is read and its credential built once, however often the connection is used', async () => {
    await doLogin();
    const { counter, load } = counting();
    const config = resolveConfig({}, env(), { loadStored: load });
    const t = await openTransport(config);
    open.push(t);
    const first = await config.connection();
    expect(await config.connection()).toBe(first);
    expect(first).toMatchObject({ kind: 'direct', baseUrl: sb.apiBaseUrl, credential: { source: 'token file' } });
    expect(counter.reads).toBe(1);
    expect(t.describe()).toBe(`direct ${sb.apiBaseUrl} (bearer from token file)`);
  });

  it('with Scalekit configured too, choosing the connection still reads the file once', async () => {
    await doLogin();
    const { counter, load } = counting();
    const scalekit = { SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.test', SCALEKIT_CLIENT_ID: 'id', SCALEKIT_CLIENT_SECRET: 'sk-CANARY', GONG_IDENTIFIER: 'u1' };
    const config = resolveConfig({}, env(scalekit), { loadStored: load });
    open.push(await openTransport(config));
    expect((await config.connection()).kind).toBe('direct');
    expect(counter.reads).toBe(1);
  });

  it('no credential is not remembered: a later `auth login` is picked up by the same connector', async () => {
    const { counter, load } = counting();
    const config = resolveConfig({}, env(), { loadStored: load });
    expect((await config.connection()).kind).toBe('none');
    await expect(openTransport(config)).rejects.toBeInstanceOf(AuthRequiredError);
    await doLogin();
    expect((await config.connection()).kind).toBe('direct');
    expect(counter.reads).toBe(3);
  });
});

describe('configuration conflicts', () => {
  it('GONG_API_BASE_URL different from the stored host is an error naming both and the winner', async () => {
    await doLogin();
    const error = await resolveTransport({}, env({ GONG_API_BASE_URL: 'https://us-1.api.gong.io' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('GONG_API_BASE_URL (https://us-1.api.gong.io)');
    expect((error as Error).message).toContain(`api_base_url_for_customer in the token file (${sb.apiBaseUrl})`);
    expect((error as Error).message).toContain('GONG_API_BASE_URL would win');
    // The same host is fine.
    open.push(await resolveTransport({}, env({ GONG_API_BASE_URL: sb.apiBaseUrl })));
  });

  it('GONG_ACCESS_TOKEN with the GONG_ACCESS_KEY pair is an error naming both and the winner', async () => {
    const error = await resolveTransport({}, { GONG_ACCESS_TOKEN: 'tok-CANARY', GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 's-CANARY' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('GONG_ACCESS_TOKEN and GONG_ACCESS_KEY/GONG_ACCESS_KEY_SECRET');
    expect((error as Error).message).toContain('GONG_ACCESS_TOKEN would win');
    expect(JSON.stringify(error)).not.toContain('CANARY');
  });

  it('a token file readable by others is refused', async () => {
    await doLogin();
    await chmod(file, 0o644);
    await expect(loadStoredCredential({}, env())).rejects.toThrow(/readable by other users/);
  });

  it('a corrupt token file is a configuration error that does not echo its content', async () => {
    await doLogin();
    await writeFile(file, '{"access_token":"at-CANARY"', { mode: 0o600 });
    const error = await loadStoredCredential({}, env()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(error)).not.toContain('CANARY');
  });
});
