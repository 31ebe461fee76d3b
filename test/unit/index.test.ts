// The public API as a user imports it.
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findTool } from '../../src/catalog/index.js';
import type { ToolEntry } from '../../src/catalog/types.js';
import * as lib from '../../src/index.js';

describe('public API', () => {
  it('exports executeTool, createConnector, tools and the auth functions', () => {
    for (const name of ['executeTool', 'createConnector', 'authStatus', 'authConnect', 'login', 'logout', 'toolDefinitions', 'filterTools', 'parseJson', 'stringifyJson']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(lib.tools.length).toBe(lib.catalog.tools.length);
    expect(lib.tools[0]).toHaveProperty('inputSchema');
  });

  it('names its exports: the error classes, not the error internals', () => {
    for (const name of ['GongError', 'InvalidInputError', 'AuthRequiredError', 'RateLimitError', 'InternalError']) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(new lib.AuthRequiredError({ message: 'x' })).toBeInstanceOf(lib.GongError);
    for (const internal of ['errorChannel', 'MANAGE_AUTH_CALL', 'errorFromResponse', 'gongErrorBody', 'asGongError', 'authHint']) {
      expect(internal in lib, internal).toBe(false);
    }
  });

  it('computes nothing at import: the tool list and the frozen catalogue are made on first use', async () => {
    vi.resetModules();
    const generated = await import('../../src/catalog/catalog.generated.js');
    const fresh = await import('../../src/index.js');
    expect(Object.isFrozen(generated.catalog)).toBe(false);
    expect(Object.isFrozen(generated.catalog.tools[0]!.inputSchema)).toBe(false);
    expect(Array.isArray(fresh.tools)).toBe(true);
    expect(fresh.tools.length).toBe(generated.catalog.tools.length);
    expect(JSON.parse(JSON.stringify(fresh.tools))).toEqual(fresh.toolDefinitions(generated.catalog.tools, 'mcp'));
    expect(fresh.catalog.connector.name).toBe('gong-connector');
    expect(Object.isFrozen(generated.catalog.tools[0]!.inputSchema)).toBe(true);
  });

  it('the exported catalogue and tool list cannot be changed, so the dispatcher reads what was generated', () => {
    const tool = lib.catalog.tools.find((t) => t.name === 'gong_users_list')!;
    const path = tool.routes[0]!.path;
    expect(() => { (lib.catalog.tools as ToolEntry[]).push(tool); }).toThrow(TypeError);
    expect(() => { tool.routes[0]!.path = '/v2/elsewhere'; }).toThrow(TypeError);
    expect(() => { tool.inputSchema.properties = {}; }).toThrow(TypeError);
    expect(() => { (lib.catalog as { tools: unknown }).tools = []; }).toThrow(TypeError);
    expect(() => { (lib.tools as unknown[]).pop(); }).toThrow(TypeError);
    expect(() => { (lib.tools[0] as Record<string, unknown>).name = 'renamed'; }).toThrow(TypeError);
    expect(findTool('gong_users_list').routes[0]!.path).toBe(path);
    expect(lib.tools.length).toBe(lib.catalog.tools.length);
  });

  it('authStatus reports the configured direct connection without secrets; authConnect gives manage_auth when none', async () => {
    const status = await lib.authStatus({ env: { GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 'lib-secret-71' } });
    expect(status).toMatchObject({ transport: 'direct', connected: true });
    expect(JSON.stringify(status)).not.toContain('lib-secret-71');
    const connect = await lib.authConnect({ env: {}, tokenFile: join(mkdtempSync(join(tmpdir(), 'gc-')), 'none.json') });
    expect(connect).toMatchObject({ error: 'auth_required', hint: 'manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN")' });
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
