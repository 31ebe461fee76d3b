// The direct transport bounds a whole exchange with one timer (slow headers and slow, dripping
// bodies alike) and honours the caller's AbortSignal — without AbortSignal listeners per request.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, TimeoutError } from '../../../src/http/errors.js';
import { testConnector } from '../../support/connector.js';

let server: Server;
let baseUrl: string;
const open = new Set<ServerResponse>();
const BODY = JSON.stringify({ requestId: 'r', call: { id: '42' } });

beforeAll(async () => {
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const mode = req.url?.split('/').pop();
    if (mode === '1') return void res.writeHead(200, { 'content-type': 'application/json' }); // headers never end… body never comes
    if (mode === '2' || mode === '3') {
      // Headers at once, then one byte every 50 ms: never idle long enough for an idle timeout.
      const headers: Record<string, string | number> = { 'content-type': 'application/json' };
      if (mode === '2') headers['content-length'] = BODY.length;
      res.writeHead(200, headers);
      let i = 0;
      const drip = setInterval(() => {
        if (res.destroyed || i >= BODY.length) return clearInterval(drip);
        res.write(BODY[i++]!);
      }, 50);
      res.on('close', () => clearInterval(drip));
      return;
    }
    if (mode === '4') return void setTimeout(() => { if (!res.destroyed) res.end(BODY); }, 5_000);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(BODY);
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const connector = () => testConnector(baseUrl, { timeoutMs: 400, maxAttempts: 1 });

describe('direct transport timeouts', () => {
  it('answers normally well inside the timeout', async () => {
    const c = connector();
    await expect(c.executeTool('gong_call_get', { id: '0' })).resolves.toMatchObject({ call: { id: '42' } });
    await c.close();
  });

  it.each([
    ['response headers that never finish', '1'],
    ['a body with a content-length dripping one byte per 50 ms', '2'],
    ['a chunked body dripping one byte per 50 ms', '3'],
  ])('%s: TimeoutError after timeoutMs, not after the drip ends', async (_what, mode) => {
    const c = connector();
    const started = Date.now();
    const error = await c.executeTool('gong_call_get', { id: mode }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    // The transport reports the fact; the pipeline writes the one message every transport shares.
    expect((error as TimeoutError).message).toBe(`Gong did not answer GET /v2/calls/${mode} within 400 ms.`);
    expect((error as TimeoutError).hint).toBe('Retry later or raise timeoutMs; reads are retried automatically.');
    // The drip would take ~2.5 s; the single timer stops it near 400 ms.
    expect(elapsed).toBeLessThan(2_000);
    await c.close();
  });

  it("the caller's AbortSignal cancels a request in flight", async () => {
    const c = testConnector(baseUrl, { timeoutMs: 10_000, maxAttempts: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed stop')), 100);
    const started = Date.now();
    const error = await c.executeTool('gong_call_get', { id: '4' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await c.close();
  });

  it('an already aborted signal sends nothing', async () => {
    const c = connector();
    const controller = new AbortController();
    controller.abort();
    await expect(c.executeTool('gong_call_get', { id: '0' }, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    await c.close();
  });
});
