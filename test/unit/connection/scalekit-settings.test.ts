// How createScalekitTransport reads options and environment, and what it refuses.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../../src/config/env.js';
import { resolveConfig } from '../../../src/connection/config.js';
import { splitOptions, type ConnectorOptions } from '../../../src/connection/options.js';
import { resolveScalekitSettings } from '../../../src/connection/scalekit-settings.js';
import { openTransport } from '../../../src/connection/transport.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { scalekitTransport } from '../../support/scalekit-transport.js';
import { thrownBy } from '../../support/throws.js';
import { fakeActions } from '../../support/fake-actions.js';

const BASE = { SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.test/', SCALEKIT_CLIENT_ID: 'id', SCALEKIT_CLIENT_SECRET: 'secret-CANARY', GONG_IDENTIFIER: 'user_1' };

const configError = (fn: () => unknown) => thrownBy(fn, ConfigurationError);
// The transport as the connector builds it (src/connection/).
const resolveTransport = (options: ConnectorOptions, env: Env) => openTransport(resolveConfig(options, env));

describe('resolveScalekitSettings', () => {
  it('reads the environment; connection name defaults to gong', () => {
    const s = resolveScalekitSettings({}, BASE);
    expect(s).toEqual({ environmentUrl: 'https://acme.scalekit.test', connectionName: 'gong', identifier: 'user_1', client: { clientId: 'id', clientSecret: 'secret-CANARY' } });
    expect(resolveScalekitSettings({}, { ...BASE, GONG_CONNECTION_NAME: 'gong-eu' }).connectionName).toBe('gong-eu');
  });

  it('accepts SCALEKIT_ENV_URL as an alias; two different values are a conflict naming both and the winner', () => {
    const { SCALEKIT_ENVIRONMENT_URL: _u, ...rest } = BASE;
    expect(resolveScalekitSettings({}, { ...rest, SCALEKIT_ENV_URL: 'https://b.scalekit.test' }).environmentUrl).toBe('https://b.scalekit.test');
    expect(resolveScalekitSettings({}, { ...BASE, SCALEKIT_ENV_URL: 'https://acme.scalekit.test' }).environmentUrl).toBe('https://acme.scalekit.test');
    const e = configError(() => resolveScalekitSettings({}, { ...BASE, SCALEKIT_ENV_URL: 'https://other.scalekit.test' }));
    expect(e.message).toContain('SCALEKIT_ENVIRONMENT_URL');
    expect(e.message).toContain('SCALEKIT_ENV_URL');
    expect(e.message).toContain('SCALEKIT_ENVIRONMENT_URL would win');
  });

  it('options override the environment', () => {
    const s = resolveScalekitSettings({ scalekit: { environmentUrl: 'https://o.scalekit.test', clientId: 'oid', clientSecret: 'osec', connectionName: 'c', identifier: 'i' } }, BASE);
    expect(s).toMatchObject({ environmentUrl: 'https://o.scalekit.test', connectionName: 'c', identifier: 'i', client: { clientId: 'oid', clientSecret: 'osec' } });
  });

  it('names what is missing, without echoing secrets', () => {
    const e1 = configError(() => resolveScalekitSettings({}, { GONG_IDENTIFIER: 'u' }));
    expect(e1.message).toContain('SCALEKIT_ENVIRONMENT_URL and SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET are not set');
    const e2 = configError(() => resolveScalekitSettings({}, { ...BASE, GONG_IDENTIFIER: ' ' }));
    expect(e2.field).toBe('GONG_IDENTIFIER');
    const e3 = configError(() => resolveScalekitSettings({ scalekit: { clientId: 'x' } }, BASE));
    expect(e3.message).toContain('must be given together');
    expect(JSON.stringify([e1, e2, e3])).not.toContain('CANARY');
  });

  it('rejects a non-https environment URL unless loopback', () => {
    configError(() => resolveScalekitSettings({}, { ...BASE, SCALEKIT_ENVIRONMENT_URL: 'http://acme.scalekit.test' }));
    expect(resolveScalekitSettings({}, { ...BASE, SCALEKIT_ENVIRONMENT_URL: 'http://127.0.0.1:9' }).environmentUrl).toBe('http://127.0.0.1:9');
  });

  it('an injected actions client plus client credentials in code is a conflict naming both', () => {
    const e = configError(() => resolveScalekitSettings({ scalekit: { actions: fakeActions(), clientId: 'a', clientSecret: 'b' } }, BASE));
    expect(e.message).toContain('options.scalekit.actions would win');
    expect(e.message).toContain('clientId/clientSecret');
  });

  it('unknown option keys are rejected, at the top level and under scalekit', () => {
    expect(() => splitOptions({ scalekit: { identifer: 'x' } } as never)).toThrow(/Unknown option 'scalekit.identifer'. Did you mean 'identifier'/);
    expect(() => splitOptions({ tokenfile: 'x' } as never)).toThrow(/Unknown option 'tokenfile'/);
  });
});

describe('transport selection', () => {
  it('GONG_TRANSPORT=scalekit with an injected actions client builds the Scalekit transport', async () => {
    const t = await resolveTransport({ transport: 'scalekit', scalekit: { actions: fakeActions(), identifier: 'u1' } }, {});
    expect(t.kind).toBe('scalekit');
    expect(t.describe()).toBe('scalekit (injected actions) (connection gong, identifier u1)');
  });

  it('Scalekit variables alone select Scalekit; direct credentials win when both exist (docs/contracts.md#transport-choice)', async () => {
    expect((await resolveTransport({}, BASE)).kind).toBe('scalekit');
    expect((await resolveTransport({}, { ...BASE, GONG_ACCESS_TOKEN: 't', GONG_TOKEN_FILE: '/nonexistent/x.json' })).kind).toBe('direct');
  });

  it('building the Scalekit transport makes no network call', async () => {
    const t = await scalekitTransport({}, { ...BASE, SCALEKIT_ENVIRONMENT_URL: 'http://127.0.0.1:1' });
    expect(t.companyKey()).toBe('scalekit:http://127.0.0.1:1#gong#user_1');
  });
});

describe('lazy loading', () => {
  const run = promisify(execFile);
  const script = (body: string) => `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    ${body}
    const loaded = Object.keys(require('node:module')._cache).filter((k) => k.includes('@scalekit-sdk'));
    console.log(JSON.stringify(loaded.length));`;

  it('the direct path and an injected actions client never load the SDK; a real Scalekit transport does', async () => {
    const direct = script(`
      const { resolveConfig } = await import('./src/connection/config.ts');
      const { openTransport } = await import('./src/connection/transport.ts');
      await openTransport(resolveConfig({}, { GONG_ACCESS_TOKEN: 't', GONG_TOKEN_FILE: '/nonexistent/t.json' }));
      const t = await openTransport(resolveConfig({ transport: 'scalekit', scalekit: { identifier: 'u', actions: { request: async () => ({ status: 200, data: '' }), getConnectedAccount: async () => ({ connectedAccount: { status: 1 } }), getAuthorizationLink: async () => ({}) } } }, {}));
      await t.send({ method: 'GET', path: '/v2/users', query: [], timeoutMs: 5000, maxResponseBytes: 1000000 });`);
    const sdk = script(`
      const { resolveConfig } = await import('./src/connection/config.ts');
      const { openTransport } = await import('./src/connection/transport.ts');
      await openTransport(resolveConfig({ transport: 'scalekit' }, { SCALEKIT_ENVIRONMENT_URL: 'http://127.0.0.1:1', SCALEKIT_CLIENT_ID: 'a', SCALEKIT_CLIENT_SECRET: 'b', GONG_IDENTIFIER: 'u' }));`);
    const tsx = ['--import', 'tsx', '--input-type=module', '-e'];
    const a = await run(process.execPath, [...tsx, direct], { cwd: process.cwd() });
    const b = await run(process.execPath, [...tsx, sdk], { cwd: process.cwd() });
    expect(JSON.parse(a.stdout.trim())).toBe(0);
    expect(JSON.parse(b.stdout.trim())).toBeGreaterThan(0);
  });
});
