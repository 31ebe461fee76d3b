// The public API as a user imports it.
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';

describe('public API', () => {
  it('exports executeTool, createConnector, tools and the auth functions', () => {
    for (const name of ['executeTool', 'createConnector', 'authStatus', 'authConnect', 'login', 'logout', 'toolDefinitions', 'filterTools', 'parseJson', 'stringifyJson']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(lib.tools.length).toBe(lib.catalog.tools.length);
    expect(lib.tools[0]).toHaveProperty('inputSchema');
  });

  it('authStatus reports the configured direct connection without secrets; authConnect gives manage_auth when none', async () => {
    const status = await lib.authStatus({ env: { GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 'lib-secret-71' } });
    expect(status).toMatchObject({ transport: 'direct', connected: true });
    expect(JSON.stringify(status)).not.toContain('lib-secret-71');
    const connect = await lib.authConnect({ env: {}, tokenFile: join(mkdtempSync(join(tmpdir(), 'gc-')), 'none.json') });
    expect(connect).toMatchObject({ error: "auth_required", hint: lib.MANAGE_AUTH_CALL });
  });

  it('logout removes the token file and says whether there was one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gc-')), 'token.json');
    expect(await lib.logout({ tokenFile: file, env: {} })).toBe(false);
    writeFileSync(file, '{}');
    expect(await lib.logout({ tokenFile: file, env: {} })).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses connector options per call instead of ignoring them', async () => {
    const gong = lib.createConnector({ accessKey: 'k', accessKeySecret: 's', env: {} });
    await expect(gong.executeTool('gong_users_list', {}, { timeoutMs: 200 } as never)).rejects.toThrow(/'timeoutMs' is a connector option/);
    await gong.close();
  });

  it('executeTool with connector options leaves no connection open', async () => {
    const { startReplyServer } = await import('../support/server.js');
    const server = await startReplyServer(() => ({ body: { requestId: 'r', users: [] } }));
    let open = 0;
    const sockets = new Set<unknown>();
    server.onConnection((s) => { sockets.add(s); open += 1; s.on('close', () => { open -= 1; }); });
    for (let i = 0; i < 5; i++) {
      await lib.executeTool('gong_users_list', {}, { accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, env: {}, rateLimitPerSecond: 1000 });
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(sockets.size).toBe(5);
    expect(open).toBe(0);
    await server.close();
  });

  it('rejects unknown option keys with a suggestion', async () => {
    await expect(lib.executeTool('gong_users_list', {}, { acessToken: 'x' } as never)).rejects.toThrow(/Unknown option 'acessToken'.*accessToken/);
    expect(() => lib.createConnector({ baseURL: 'x' } as never)).toThrow(/Did you mean 'baseUrl'/);
  });
});
