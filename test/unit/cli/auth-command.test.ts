// `gong-connector auth …` through authCommand with in-memory streams: JSON on stdout, one JSON
// line on stderr for errors (prose when stderr is a terminal), exit codes, the --client-secret refusal, login/logout end to end,
// Scalekit status with the real SDK, and no secret in any output.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authCommand } from '../../../src/cli/commands/auth.js';
import { connectGongCall } from '../../../src/catalog/index.js';

const MANAGE_AUTH_CALL = connectGongCall();
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ConnectorStatus, startFakeScalekit, type FakeScalekit } from '../../support/fake-scalekit.js';
import { json, startReplyServer, type ReplyServer } from '../../support/server.js';
import { CANARY } from '../../support/canary.js';

const SECRET = `cli-secret-${CANARY}`;
let gong: Sandbox;
let upstream: ReplyServer;
let sk: FakeScalekit;
let dir: string;
let file: string;
const outputs: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined>, onStderr?: (text: string) => void, stderrIsTTY = false): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  stderr.on('data', (c: Buffer) => { err += c.toString(); onStderr?.(err); });
  const code = await authCommand(argv, { stdout, stderr, stdin: new PassThrough(), env, isTTY: false, stdoutIsTTY: false, stderrIsTTY });
  outputs.push(out, err);
  return { code, stdout: out, stderr: err };
}

const baseEnv = () => ({ GONG_TOKEN_FILE: file, GONG_OAUTH_BASE_URL: gong.baseUrl });

beforeAll(async () => {
  gong = await startSandbox({ rateLimit: false, oauthClient: { clientId: 'app-9', clientSecret: SECRET }, customerApiHost: true });
  upstream = await startReplyServer(() => json(200, { requestId: 'r' }));
  sk = await startFakeScalekit({ clientId: 'skid', clientSecret: 'sk-secret-CANARY', upstream: upstream.url });
});
afterAll(async () => {
  await sk.close();
  await upstream.close();
  await gong.close();
  // Nothing secret ever reached stdout or stderr.
  const all = outputs.join('\n');
  expect(all).not.toContain('CANARY');
  const issued = gong.log.flatMap((e) => (e.oauth?.issued ? [e.oauth.issued.accessToken, e.oauth.issued.refreshToken] : []));
  expect(issued.length).toBeGreaterThan(0);
  for (const t of issued) expect(all).not.toContain(t);
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-cli-'));
  file = join(dir, 'token.json');
  return () => rm(dir, { recursive: true, force: true });
});

describe('usage', () => {
  it('prints help for auth and every command', async () => {
    expect((await run(['--help'], {})).code).toBe(0);
    for (const sub of ['status', 'connect', 'login', 'logout']) {
      const r = await run([sub, '--help'], {});
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`gong-connector auth ${sub}`);
    }
    expect((await run([], {})).code).toBe(2);
  });

  it('refuses --client-secret in both forms, without echoing it', async () => {
    for (const argv of [['login', '--client-id', 'a', '--client-secret', SECRET], ['login', `--client-secret=${SECRET}`]]) {
      const r = await run(argv, baseEnv());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const error = JSON.parse(r.stderr) as { error: string; message: string };
      expect(error.error).toBe('usage');
      expect(error.message).toContain('shell history');
      expect(error.message).toContain('GONG_CLIENT_SECRET');
    }
  });

  it('login without a secret and without a terminal is a usage error', async () => {
    const r = await run(['login', '--client-id', 'app-9'], baseEnv());
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: 'usage', message: expect.stringContaining('GONG_CLIENT_SECRET') });
  });

  it('unknown commands and options are usage errors', async () => {
    expect((await run(['frobnicate'], {})).code).toBe(2);
    expect((await run(['status', '--verbose'], {})).code).toBe(2);
    expect((await run(['login', '--client-id', 'a', '--port', '99999'], { ...baseEnv(), GONG_CLIENT_SECRET: SECRET })).code).toBe(2);
  });
});

describe('login, status, logout', () => {
  it('logs in (the test follows the printed URL), reports status, logs out', async () => {
    let followed = false;
    const login = await run(['login', '--client-id', 'app-9', '--scopes', 'api:users:read,api:calls:read:basic'], { ...baseEnv(), GONG_CLIENT_SECRET: SECRET }, (text) => {
      const url = /https?:\/\/\S+\/oauth2\/authorize\S*/.exec(text)?.[0];
      if (url && !followed) {
        followed = true;
        void fetch(url);
      }
    });
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ logged_in: true, token_file: file, api_base_url: gong.apiBaseUrl, refreshable: true });
    expect(gong.log.filter((e) => e.path === '/oauth2/authorize').at(-1)!.query.scope).toBe('api:users:read api:calls:read:basic');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const status = await run(['status'], { ...baseEnv(), GONG_CLIENT_SECRET: SECRET });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ transport: 'direct', connected: true, source: 'token file', base_url: gong.apiBaseUrl, scheme: 'bearer', token_file: file });

    const out = await run(['logout'], baseEnv());
    expect(JSON.parse(out.stdout)).toEqual({ logged_out: true, token_file: file, removed: true });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(JSON.parse((await run(['logout'], baseEnv())).stdout)).toMatchObject({ removed: false });
  });

  it('without any credentials: status and connect give auth_required with the manage_auth call, exit 3', async () => {
    for (const sub of ['status', 'connect']) {
      const r = await run([sub], baseEnv());
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(r.stderr)).toMatchObject({ error: 'auth_required', hint: MANAGE_AUTH_CALL });
    }
  });

  it('on a terminal, errors are prose like every other command, not JSON', async () => {
    const missing = await run(['status'], baseEnv(), undefined, true);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^error: No Gong credentials are configured\.\n/);
    expect(missing.stderr).toContain(`hint: ${MANAGE_AUTH_CALL}`);
    expect(missing.stderr).toContain('or: Run `gong-connector auth login');
    expect(() => JSON.parse(missing.stderr)).toThrow();

    const usage = await run(['status', '--verbose'], {}, undefined, true);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('error: Unknown option --verbose.\nhint: Run `gong-connector auth --help`.\n');
  });

  it('a configuration conflict is exit 2 with a message naming both sources', async () => {
    const r = await run(['status'], { ...baseEnv(), GONG_ACCESS_TOKEN: 'tok-CANARY', GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 's-CANARY' });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: 'configuration', message: expect.stringContaining('GONG_ACCESS_TOKEN would win') });
  });
});

describe('Scalekit through the CLI (real SDK, fake environment)', () => {
  const skEnv = () => ({
    GONG_TOKEN_FILE: file, SCALEKIT_ENVIRONMENT_URL: sk.url, SCALEKIT_CLIENT_ID: 'skid', SCALEKIT_CLIENT_SECRET: 'sk-secret-CANARY', GONG_IDENTIFIER: 'cli-user',
  });

  it('not connected → the account status and the authorization link, exit 3; ACTIVE → exit 0', async () => {
    const missing = await run(['connect'], skEnv());
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ transport: 'scalekit', connected: false, status: 'NOT_FOUND', authorization_link: `${sk.url}/magic-link/gong/cli-user` });
    sk.setAccount('gong', 'cli-user', ConnectorStatus.ACTIVE);
    const active = await run(['status'], skEnv());
    expect(active.code).toBe(0);
    expect(JSON.parse(active.stdout)).toEqual({ transport: 'scalekit', connected: true, checked: true, status: 'ACTIVE', connection_name: 'gong', identifier: 'cli-user', environment_url: sk.url });
  });

  it('a process running `auth status` over Scalekit exits by itself (no lingering HTTP/2 session)', async () => {
    sk.setAccount('gong', 'cli-user', ConnectorStatus.ACTIVE);
    const script = `
      const { authCommand } = await import('./src/cli/commands/auth.ts');
      process.exitCode = await authCommand(['status'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, isTTY: false, stdoutIsTTY: false, stderrIsTTY: false });`;
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(), env: { ...process.env, ...skEnv() }, timeout: 20_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ connected: true, status: 'ACTIVE' });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
