// `auth login` tokens in Redis (GONG_TOKEN_STORE=redis), against a real redis-server and the
// sandbox: login, status and logout; the refresh single-flight across separate credentials; the
// compare-and-set write; and two "machines" (child processes with their own HOME and state
// directory, sharing only Redis) refreshing one login through many expiries.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../../src/auth/oauth.js';
import { oauthCredential } from '../../../src/auth/oauth-credential.js';
import { tokenStoreFor, type TokenStore } from '../../../src/auth/token-stores.js';
import { authStatus, logout } from '../../../src/connection/auth.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { startSandbox, type Sandbox, type SandboxTokenExchange } from '../../../src/sandbox/index.js';
import { CANARY } from '../../support/canary.js';
import { runCli } from '../../support/cli.js';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../support/redis-server.js';

const WORKER = resolve(import.meta.dirname, '../../support/oauth-worker.mjs');
const SECRET = `client-secret-${CANARY}`;
const skip = redisServerMissing();

it('GONG_TOKEN_STORE is file or redis, and redis needs GONG_REDIS_URL', async () => {
  await expect(tokenStoreFor({}, { GONG_TOKEN_STORE: 'redis' })).rejects.toMatchObject({ field: 'GONG_REDIS_URL' });
  await expect(tokenStoreFor({}, { GONG_TOKEN_STORE: 'sqlite' })).rejects.toBeInstanceOf(ConfigurationError);
  expect((await tokenStoreFor({ tokenFile: '/t/x.json' }, { GONG_TOKEN_STORE: ' File ', GONG_REDIS_URL: 'redis://127.0.0.1:1' })).location).toBe('/t/x.json');
});

describe.skipIf(skip !== undefined)(`with a real redis-server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let redis: RedisServer;
  let sb: Sandbox;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedisServer({ password: CANARY });
    sb = await startSandbox({ rateLimit: false, oauthClient: { clientId: 'app-1', clientSecret: SECRET }, customerApiHost: true, accessTokenTtlSeconds: 2 });
    dir = await mkdtemp(join(tmpdir(), 'gc-redis-tok-'));
  });
  afterAll(async () => {
    await sb?.close();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const env = (home = dir) => ({ HOME: home, GONG_TOKEN_STORE: 'redis', GONG_REDIS_URL: redis.url, GONG_CLIENT_SECRET: SECRET, GONG_OAUTH_BASE_URL: sb.baseUrl });
  const exchanges = (from = 0): SandboxTokenExchange[] => sb.log.slice(from).flatMap((e) => (e.oauth ? [e.oauth] : []));
  const doLogin = () => login({ clientId: 'app-1', clientSecret: SECRET, scopes: ['api:users:read'], env: env(), onAuthorizeUrl: async (url) => { await fetch(url); } });
  const raw = async (key: string) => {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      return await client.get(key);
    } finally {
      await client.close();
    }
  };

  it('auth login stores the login in Redis under a hash-tagged key (never the client secret), status shows it, logout removes it', async () => {
    const result = await doLogin();
    expect(result.token_file).toBeUndefined();
    expect(result.token_store).toMatch(new RegExp(`^Redis at 127\\.0\\.0\\.1:${redis.port}, key gong-connector:oauth:\\{[0-9a-f]{16}\\}:token$`));
    await expect(stat(join(dir, '.config'))).rejects.toMatchObject({ code: 'ENOENT' }); // no token file
    const key = result.token_store!.split('key ')[1]!;
    const stored = await raw(key);
    expect(stored).toContain('"refresh_token"');
    expect(stored).not.toContain(SECRET);
    expect(await raw('gong-connector:oauth:current')).toBe(/\{([0-9a-f]{16})\}/.exec(key)![1]);

    const status = await authStatus({ env: env() });
    expect(status).toMatchObject({ transport: 'direct', connected: true, checked: true, source: 'Redis token store', token_store: result.token_store, refreshable: true });
    expect(JSON.stringify(status)).not.toContain(CANARY); // the Redis password is in GONG_REDIS_URL

    expect(await logout({ env: env() })).toBe(true);
    expect(await raw(key)).toBeNull();
    expect(await raw('gong-connector:oauth:current')).toBeNull();
    expect(await authStatus({ env: env() }, { check: false })).toMatchObject({ error: 'auth_required' });
  });

  it('the CLI: auth status and auth logout name the Redis login (host:port and key), never the URL or its password', async () => {
    const result = await doLogin();
    const cliEnv = env();
    const status = await runCli(['auth', 'status'], { env: cliEnv });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ connected: true, token_store: result.token_store });
    const out = await runCli(['auth', 'logout'], { env: cliEnv });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ logged_out: true, token_store: result.token_store, removed: true });
  });

  it('two credentials (as on two machines) that both find the token due refresh it once: the other waits and adopts it', async () => {
    await doLogin();
    const stores: TokenStore[] = [await tokenStoreFor({}, env()), await tokenStoreFor({}, env())];
    const token = (await stores[0]!.read())!;
    const due = () => Date.parse(token.expires_at) - 100; // inside the refresh margin
    const [a, b] = stores.map((store) => oauthCredential({ store, token, env: env(), now: due }));
    sb.setTokenDelay(200);
    const from = sb.log.length;
    try {
      const [ha, hb] = await Promise.all([a!.authorization(), b!.authorization()]);
      expect(ha).toBe(hb);
    } finally {
      sb.setTokenDelay(0);
    }
    expect(exchanges(from).map((x) => `${x.grantType} ${x.error ?? 'ok'}`)).toEqual(['refresh_token ok']);
    expect(a!.refreshCount() + b!.refreshCount()).toBe(1);
    expect((await stores[1]!.read())!.refresh_token).toBe(exchanges(from)[0]!.issued!.refreshToken);
  });

  it('the refresh is written only over the refresh token it redeemed (compare-and-set)', async () => {
    await doLogin();
    const store = await tokenStoreFor({}, env());
    const stored = (await store.read())!;
    const newer = { ...stored, access_token: `newer-${CANARY}`, refresh_token: `newer-r-${CANARY}` };
    await store.update(async () => ({ write: newer, replacing: stored }));
    const late = { ...stored, access_token: 'late-access-token', refresh_token: 'late-refresh-token' };
    const after = await store.update(async () => ({ write: late, replacing: stored })); // redeemed the old one: loses
    expect(after).toMatchObject({ access_token: newer.access_token });
    expect((await store.read())!.refresh_token).toBe(newer.refresh_token);
  });

  it('two machines (processes with their own HOME and state, sharing only Redis) refresh one login through many expiries: no invalid_grant, no failed call', async () => {
    await doLogin();
    const from = sb.log.length;
    const machine = (name: string) =>
      new Promise<{ ok: number; failed: string[] }>((done, fail) => {
        const home = join(dir, name);
        const child = spawn(process.execPath, [WORKER, '8000', '2'], {
          env: { PATH: process.env.PATH ?? '', ...env(home), GONG_STATE_DIR: join(home, 'state') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
        child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
        child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as { ok: number; failed: string[] }) : fail(new Error(`machine ${name} exited ${code}: ${err.slice(0, 500)}`))));
      });
    const results = await Promise.all([machine('a'), machine('b')]);
    for (const r of results) {
      expect(r.failed).toEqual([]);
      expect(r.ok).toBeGreaterThan(5);
    }
    const refreshes = exchanges(from).filter((x) => x.grantType === 'refresh_token');
    expect(refreshes.filter((x) => x.error !== undefined)).toEqual([]); // no invalid_grant
    expect(refreshes.length).toBeGreaterThanOrEqual(4); // 2-s tokens over 8 s: many expiries
  }, 60_000);
});
