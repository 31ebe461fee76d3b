// The Redis store behind the fallback (src/state/limiter/redis.ts, fallback.ts) with a real
// redis-server that is stopped in the middle of a run and started again: requests keep flowing at
// the cautious local pace with one message (no password in it), then go back to Redis; with
// `required` they are refused instead.
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CANARY } from '../../../support/canary.js';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../../support/redis-server.js';
import { systemClock } from '../../../../src/http/clock.js';
import { ConnectionError } from '../../../../src/http/errors.js';
import { RateLimiter } from '../../../../src/pipeline/limiter.js';
import { FallbackLimiterStore } from '../../../../src/state/limiter/fallback.js';
import { MemoryLimiterStore } from '../../../../src/state/limiter/memory.js';
import { RedisLimiterStore, redisLimiterKey, redisLimiterStore } from '../../../../src/state/limiter/redis.js';
import { openRedis } from '../../../../src/state/redis.js';

const skip = redisServerMissing();
const KEY = 'https://api.gong.io#fleet';

describe.skipIf(skip !== undefined)(`Redis going away mid-run${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  async function used(server: RedisServer): Promise<number | undefined> {
    const redis = await openRedis(server.url);
    try {
      const text = (await redis.command(['GET', redisLimiterKey(KEY)])) as string | null;
      return text === null ? undefined : (JSON.parse(text) as { used: number }).used;
    } finally {
      await redis.close();
    }
  }

  it('keeps sending at one request per second with one message while Redis is down, and goes back to Redis when it returns', async () => {
    let server = await startRedisServer({ password: CANARY });
    cleanup.push(() => server.stop());
    const redis = redisLimiterStore(server.url);
    cleanup.push(() => redis.close());
    const messages: string[] = [];
    const store = new FallbackLimiterStore(redis, new MemoryLimiterStore(), { onFallback: (m) => messages.push(m), retryMs: 1_500 });
    const limiter = new RateLimiter(KEY, { perSecond: 3, dailyLimit: 10_000, store, clock: systemClock });
    const request = async () => {
      const r = await limiter.reserve();
      await limiter.settle(r, Date.now() + 5);
      return r.readyAt;
    };

    for (let i = 0; i < 3; i++) await request();
    expect(await used(server)).toBe(3);
    expect(store.fallingBack).toBe(false);

    await server.stop();
    const sent: number[] = [];
    for (let i = 0; i < 3; i++) sent.push(await request());
    expect(store.fallingBack).toBe(true);
    // One a second, not Gong's 333 ms (readyAt is taken after the store answered: a busy machine
    // may stamp one a little late, hence the margin).
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(900);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`Redis at 127.0.0.1:${server.port} is unavailable`);
    expect(messages[0]).toContain('1 request per second');
    expect(messages[0]).not.toContain(CANARY);
    expect((await limiter.state()).used_today).toBe(3); // the local count while Redis is away

    server = await startRedisServer({ password: CANARY, port: server.port });
    // The last try of Redis was before this restart: the next comes within the retry interval.
    await new Promise((r) => setTimeout(r, 1_600));
    await request();
    await request();
    expect(store.fallingBack).toBe(false);
    expect(await used(server)).toBe(2); // a fresh server: only what was sent since it came back
    expect(messages).toHaveLength(1);
  });

  it('a Redis that stops answering on an open connection: the operation gives up in time, the store falls back, and comes back when Redis answers again', async () => {
    const server = await startRedisServer();
    cleanup.push(() => server.stop());
    // A loopback proxy that can hold every command back, as a stalled Redis does (TCP keeps the
    // bytes; they are answered, late, when it resumes).
    let frozen = false;
    const held: (() => void)[] = [];
    const sockets: Socket[] = [];
    const proxy = createServer((client) => {
      const upstream = connect(server.port, '127.0.0.1');
      sockets.push(client, upstream);
      client.on('data', (d: Buffer) => (frozen ? held.push(() => upstream.write(d)) : upstream.write(d)));
      upstream.on('data', (d: Buffer) => client.write(d));
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanup.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => proxy.close(r));
    });
    const { port } = proxy.address() as { port: number };
    await import('redis'); // loaded before the clock starts: the first operation only connects
    // (1 s: the first operation also loads node-redis and connects, on a machine that may be busy.)
    const redis = redisLimiterStore(`redis://127.0.0.1:${port}`, { operationTimeoutMs: 1_000 });
    cleanup.push(() => redis.close());
    const messages: string[] = [];
    const store = new FallbackLimiterStore(redis, new MemoryLimiterStore(), { onFallback: (m) => messages.push(m), retryMs: 500 });
    const limiter = new RateLimiter(KEY, { perSecond: 3, dailyLimit: 10_000, store, clock: systemClock });
    await limiter.reserve();
    expect(store.fallingBack).toBe(false);

    frozen = true;
    const started = Date.now();
    await limiter.reserve();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(store.fallingBack).toBe(true);
    expect(messages).toEqual([`Redis at 127.0.0.1:${port} did not answer within 1000 ms. Pacing Gong requests with this machine's memory state at 1 request per second until it answers again (retried every 0.5 s).`]);

    frozen = false;
    for (const write of held.splice(0)) write();
    await new Promise((r) => setTimeout(r, 600));
    await limiter.reserve();
    expect(store.fallingBack).toBe(false);
    expect(messages).toHaveLength(1);

    // Closing while a command waits on a stalled Redis does not wait for it.
    frozen = true;
    await limiter.reserve();
    const closing = Date.now();
    await redis.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
    frozen = false;
    for (const write of held.splice(0)) write();
  });

  it('required: refuses with a ConnectionError naming host:port and saying nothing was sent', async () => {
    const server = await startRedisServer({ password: CANARY });
    cleanup.push(() => server.stop());
    const redis = redisLimiterStore(server.url);
    cleanup.push(() => redis.close());
    const store = new FallbackLimiterStore(redis, new MemoryLimiterStore(), { required: true });
    const limiter = new RateLimiter(KEY, { perSecond: 3, dailyLimit: 10_000, store, clock: systemClock });
    await limiter.reserve();
    await server.stop();
    const error = (await limiter.reserve().catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain(`127.0.0.1:${server.port}`);
    expect(error.message).toMatch(/nothing was sent/);
    expect(error.message).not.toContain(CANARY);
  });

  it('a Redis that is down from the start: the store opens its connection on use and retries it later', async () => {
    const server = await startRedisServer();
    const port = server.port;
    await server.stop();
    const redis = new RedisLimiterStore(() => openRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300 }));
    cleanup.push(() => redis.close());
    const now = Date.now();
    const pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 10 };
    await expect(redis.read(KEY, { now, pace })).rejects.toBeInstanceOf(ConnectionError);
    const again = await startRedisServer({ port });
    cleanup.push(() => again.stop());
    expect((await redis.read(KEY, { now, pace })).usedToday).toBe(0);
  });
});

it('a Redis that accepts connections and never answers: the operation times out, and the store falls back once', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address() as { port: number };
  const redis = redisLimiterStore(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300, commandTimeoutMs: 200, operationTimeoutMs: 400 });
  const messages: string[] = [];
  const store = new FallbackLimiterStore(redis, new MemoryLimiterStore(), { onFallback: (m) => messages.push(m) });
  try {
    const limiter = new RateLimiter(KEY, { perSecond: 3, dailyLimit: 10_000, store, clock: systemClock });
    const started = Date.now();
    await limiter.reserve();
    await limiter.reserve();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(store.fallingBack).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`127.0.0.1:${port}`);
  } finally {
    await redis.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => silent.close(r));
  }
});

it('a process whose Redis stops answering still exits when its work is done (the stalled connection is destroyed)', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address() as { port: number };
  const script = `
    const { redisLimiterStore } = await import(${JSON.stringify(new URL('../../../../dist/state/limiter/redis.js', import.meta.url).href)});
    const store = redisLimiterStore('redis://127.0.0.1:${port}', { commandTimeoutMs: 300 });
    const pace = { intervalMs: 333, windowCount: 3, windowMs: 1000, dailyLimit: 100 };
    await store.reserve('k', { now: Date.now(), pace, maxPauseMs: -1, deadlineInMs: -1, leaseTtlMs: 1000 }).catch((e) => console.log(e.name));
  `;
  try {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(-1); }, 10_000);
      child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    expect(code).toBe(0);
    expect(out.trim()).toBe('RedisUnavailableError');
    expect(Date.now() - started).toBeLessThan(8_000);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => silent.close(r));
  }
});
