// An SDK whose HTTP client the connector cannot reach (no interceptor hook): the raw-response
// fallback loses int64 digits and Retry-After, and the transport says so — in limitations(),
// describe(), `auth status`, and once through the debug sink (hooks.onDebug or GONG_DEBUG) —
// instead of losing them silently.
import { describe, expect, it, vi } from 'vitest';

// The real SDK is replaced by a client of the shape an unknown SDK version might have: no
// coreClient.axios. (Self-contained: fake-actions.ts imports the SDK module this replaces.)
const sdkClients = vi.hoisted(() => ({ made: 0 }));
vi.mock('@scalekit-sdk/node', () => ({
  ScalekitClient: class {
    readonly coreClient = {};
    readonly actions = {
      request: async () => ({ status: 200, headers: {}, data: '{}' }),
      getConnectedAccount: async () => ({ connectedAccount: { status: 1 } }),
      getAuthorizationLink: async () => ({}),
    };
    constructor() {
      sdkClients.made += 1;
    }
  },
}));

const { authStatus } = await import('../../../src/connection/auth-status.js');
const { createConnector } = await import('../../../src/connector.js');
const { buildScalekitTransport: createScalekitTransport, ScalekitTransport } = await import('../../../src/transport/scalekit.js');
const { NO_RAW_RESPONSES, scalekitHandle } = await import('../../../src/transport/scalekit-client.js');

const fakeActions = () => ({
  request: async () => ({ status: 200 }),
  getConnectedAccount: async () => ({}),
  getAuthorizationLink: async () => ({}),
});

const env = {
  GONG_TRANSPORT: 'scalekit',
  SCALEKIT_ENVIRONMENT_URL: 'https://org.scalekit.test',
  SCALEKIT_CLIENT_ID: 'skc',
  SCALEKIT_CLIENT_SECRET: 'sk-secret-value',
  GONG_IDENTIFIER: 'user_1',
};
const settings = { environmentUrl: env.SCALEKIT_ENVIRONMENT_URL, maxResponseBytes: 1024 };

describe('scalekitHandle', () => {
  it('without the interceptor hook: no raw responses, and a limitation that says what is lost', () => {
    const handle = scalekitHandle({ actions: fakeActions(), coreClient: {} }, settings);
    expect(handle.rawResponses).toBe(false);
    expect(handle.limitations).toEqual([NO_RAW_RESPONSES]);
    expect(NO_RAW_RESPONSES).toMatch(/int64/);
    expect(NO_RAW_RESPONSES).toMatch(/Retry-After/);
  });

  it('with it: raw responses and nothing to report', () => {
    const use = vi.fn();
    const handle = scalekitHandle({ actions: fakeActions(), coreClient: { axios: { interceptors: { request: { use } } } } }, settings);
    expect(use).toHaveBeenCalledTimes(1);
    expect(handle.rawResponses).toBe(true);
    expect(handle.limitations).toEqual([]);
  });
});

describe('the transport and auth status report it', () => {
  it('limitations() and describe()', () => {
    const limited = new ScalekitTransport({ actions: fakeActions(), connectionName: 'gong', identifier: 'u', limitations: [NO_RAW_RESPONSES] });
    expect(limited.limitations()).toEqual([NO_RAW_RESPONSES]);
    expect(limited.describe()).toContain('limited, see `gong-connector auth status`');
    const full = new ScalekitTransport({ actions: fakeActions(), connectionName: 'gong', identifier: 'u' });
    expect(full.limitations()).toEqual([]);
    expect(full.describe()).not.toContain('limited');
  });

  it('a transport built from the SDK says it once through the debug sink', async () => {
    const lines: string[] = [];
    const transport = await createScalekitTransport(
      { environmentUrl: env.SCALEKIT_ENVIRONMENT_URL, connectionName: 'gong', identifier: 'user_1', client: { clientId: 'skc', clientSecret: env.SCALEKIT_CLIENT_SECRET } },
      { timeoutMs: 1_000, maxResponseBytes: 1_024, debug: (line) => lines.push(line) },
    );
    expect(transport.limitations()).toEqual([NO_RAW_RESPONSES]);
    expect(lines).toEqual([`scalekit: ${NO_RAW_RESPONSES}`]);
  });

  it('a connector says it once through the caller\'s hooks.onDebug, on its first connection', async () => {
    const lines: string[] = [];
    const gong = createConnector({ env, hooks: { onDebug: (line) => lines.push(line) } });
    expect(await gong.describe()).toContain('limited');
    await gong.describe();
    expect(lines).toEqual([`scalekit: ${NO_RAW_RESPONSES}`]);
    await gong.close();
  });

  it('GONG_DEBUG=1 prints it on stderr, redacted, before the first request line', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const gong = createConnector({ env: { ...env, GONG_DEBUG: '1' }, rateLimitPerSecond: 1000 });
      await gong.executeTool('gong_users_list', {});
      await gong.close();
    } finally {
      spy.mockRestore();
    }
    const lines = written.join('').split('\n').filter((l) => l.startsWith('[gong-connector] '));
    expect(lines[0]).toBe(`[gong-connector] scalekit: ${NO_RAW_RESPONSES}`);
    expect(lines.some((l) => l.includes('→ GET /v2/users'))).toBe(true);
    expect(written.join('')).not.toContain(env.SCALEKIT_CLIENT_SECRET);
  });

  it('authStatus lists the limitation beside the account status', async () => {
    const made = sdkClients.made;
    const result = await authStatus({ env });
    expect(sdkClients.made).toBeGreaterThan(made);
    expect(result).toMatchObject({ transport: 'scalekit', connected: true, status: 'ACTIVE', limitations: [NO_RAW_RESPONSES] });
  });

  it('authStatus reports a custom transport\'s limitations too', async () => {
    const transport = { kind: 'proxy', describe: () => 'my proxy', companyKey: () => 'k', send: async () => ({ status: 200, headers: {}, text: '' }), limitations: () => ['no streaming'] };
    expect(await authStatus({ transport, env: {} })).toEqual({ transport: 'proxy', connected: true, checked: true, description: 'my proxy', limitations: ['no streaming'] });
  });
});
