// Pacing bounds when a request reached Gong. A request on a connection already open arrives
// within a network delay, so a slow answer (a page of transcripts) no longer costs the full
// 100 ms arrival allowance per window; one on a new connection (a handshake, which under load can
// take longer than the allowance) is bounded by its answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCredential } from '../../../src/auth/credentials.js';
import { RateLimiter } from '../../../src/pipeline/limiter.js';
import { ARRIVAL_JITTER_MS, WARM_ARRIVAL_MARGIN_MS } from '../../../src/state/limiter/pace.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { DirectTransport } from '../../../src/transport/direct.js';
import { FakeClock } from '../../support/clock.js';

describe('limiter: arrival of requests on open connections', () => {
  const setup = () => {
    const clock = new FakeClock();
    return { clock, limiter: new RateLimiter('k', { perSecond: 3, dailyLimit: 10_000, store: new MemoryLimiterStore(), clock }) };
  };
  /** A quick answer (12 ms) on an open connection, then a window's idle time, so a burst starts the test. */
  const probed = async (limiter: RateLimiter, clock: FakeClock) => {
    const probe = await limiter.reserve();
    await limiter.settle(probe, probe.readyAt + 12, true);
    clock.t += 2_000;
  };

  /** Three requests sent at once into an empty window, each answered `rtt` ms later; then the 4th. */
  const windowAfter = async (limiter: RateLimiter, rtt: number, warm: boolean) => {
    const sent = [await limiter.reserve(), await limiter.reserve(), await limiter.reserve()];
    for (const r of sent) await limiter.settle(r, r.readyAt + rtt, warm);
    const fourth = await limiter.reserve();
    return fourth.readyAt - sent[0]!.readyAt;
  };

  it('slow answers on an open connection: the window waits the fastest round trip seen plus a margin, not 100 ms', async () => {
    const { limiter, clock } = setup();
    await probed(limiter, clock);
    // 300 ms answers, mostly Gong's work.
    expect(await windowAfter(limiter, 300, true)).toBe(1000 + 12 + WARM_ARRIVAL_MARGIN_MS + 1);
  });

  it('a long run of slow answers (pages of transcripts) does not raise the bound: the fastest round trip of the day holds', async () => {
    const { limiter, clock } = setup();
    await probed(limiter, clock);
    for (let i = 0; i < 20; i++) {
      const r = await limiter.reserve();
      await limiter.settle(r, r.readyAt + 400, true);
    }
    clock.t += 2_000;
    expect(await windowAfter(limiter, 400, true)).toBe(1000 + 12 + WARM_ARRIVAL_MARGIN_MS + 1);
  });

  it('the same slow answers on new connections are bounded by the answers themselves', async () => {
    const { limiter, clock } = setup();
    await probed(limiter, clock);
    expect(await windowAfter(limiter, 300, false)).toBe(1000 + 300 + 1);
  });

  it('a slow first round trip on an open connection is no better than the full allowance', async () => {
    const { limiter } = setup();
    const first = await limiter.reserve();
    await limiter.settle(first, first.readyAt + 300, true);
    await limiter.reserve();
    await limiter.reserve();
    const fourth = await limiter.reserve();
    expect(fourth.readyAt - first.readyAt).toBe(1000 + ARRIVAL_JITTER_MS + 1);
  });
});

describe('direct transport: connectionReused', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      // /v2/close answers and closes the connection; anything else keeps it open.
      const close = req.url === '/v2/close';
      res.writeHead(200, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
      res.end('{"requestId":"r"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is false on a new connection and true on one already open', async () => {
    const transport = new DirectTransport({ baseUrl, credential: basicCredential('k', 's', 'test'), userAgent: 'test' });
    // A short pause between requests, as pacing leaves: undici frees a connection just after the
    // answer, and a request sent in the same instant would open a second one.
    const send = async (path: string) => {
      await new Promise((r) => setTimeout(r, 30));
      return transport.send({ method: 'GET', path, query: [], timeoutMs: 5_000, maxResponseBytes: 1_000_000 });
    };
    expect((await send('/v2/a')).connectionReused).toBe(false);
    expect((await send('/v2/a')).connectionReused).toBe(true);
    expect((await send('/v2/close')).connectionReused).toBe(true);
    // The server closed it: the next request opens a new connection.
    expect((await send('/v2/a')).connectionReused).toBe(false);
    expect((await send('/v2/a')).connectionReused).toBe(true);
    await transport.close();
  });
});
