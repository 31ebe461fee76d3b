// Redis through src/state/redis.ts against a real redis-server (test/support/redis-server.ts):
// commands, Lua with the EVALSHA → EVAL fallback, a caller's own client, and failing fast and
// without the password when Redis is away.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY } from '../../support/canary.js';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { ConfigurationError, InternalError } from '../../../src/http/errors.js';
import { redactText } from '../../../src/http/redact.js';
import { defineLua, openRedis, RedisUnavailableError } from '../../../src/state/redis.js';

const skip = redisServerMissing();

describe.skipIf(skip !== undefined)(`a real redis-server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer({ password: CANARY });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends commands and runs Lua scripts, loading a script the server does not know (NOSCRIPT → EVAL)', async () => {
    const redis = await openRedis(server.url);
    try {
      expect(await redis.command(['PING'])).toBe('PONG');
      const script = defineLua("redis.call('SET', KEYS[1], ARGV[1]) return {redis.call('GET', KEYS[1]), tonumber(ARGV[2]) + 1}");
      expect(script.sha).toMatch(/^[0-9a-f]{40}$/);
      await redis.command(['SCRIPT', 'FLUSH']);
      expect(await redis.run(script, ['{t}:a'], ['x', 41])).toEqual(['x', 42]);
      expect(await redis.command(['SCRIPT', 'EXISTS', script.sha])).toEqual([1]); // EVAL cached it
      expect(await redis.run(script, ['{t}:a'], ['y', 1])).toEqual(['y', 2]);
      await redis.command(['SCRIPT', 'FLUSH']); // what a restarted server forgets
      expect(await redis.run(script, ['{t}:a'], ['z', 2])).toEqual(['z', 3]);
    } finally {
      await redis.close();
    }
  });

  it("a script's own error is an InternalError, not an outage", async () => {
    const redis = await openRedis(server.url);
    try {
      const error = await redis.run(defineLua("return redis.call('INCR', 'no', 'such', 'args')"), [], []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalError);
      expect(error).not.toBeInstanceOf(RedisUnavailableError);
    } finally {
      await redis.close();
    }
  });

  it("takes the caller's own client (sendCommand) and leaves it open on close", async () => {
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      const redis = await openRedis(client);
      expect(await redis.run(defineLua('return ARGV[1]'), [], ['hi'])).toBe('hi');
      await redis.close();
      expect(await client.sendCommand(['PING'])).toBe('PONG');
    } finally {
      await client.close();
    }
  });

  it('a wrong password fails with RedisUnavailableError naming host:port, never the password', async () => {
    const wrong = server.url.replace(encodeURIComponent(CANARY), `${CANARY}x`);
    const error = await openRedis(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).message).toContain(`127.0.0.1:${server.port}`);
    expect(JSON.stringify(error)).not.toContain(CANARY);
  });

  it('a server that goes away fails commands at once; it is used again once it is back', async () => {
    const own = await startRedisServer();
    const redis = await openRedis(own.url);
    try {
      expect(await redis.command(['PING'])).toBe('PONG');
      await own.stop();
      const started = Date.now();
      await expect(redis.command(['PING'])).rejects.toBeInstanceOf(RedisUnavailableError);
      await expect(redis.command(['PING'])).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(Date.now() - started).toBeLessThan(1_500);
      const again = await startRedisServer({ port: own.port });
      try {
        await new Promise((r) => setTimeout(r, 1_100)); // one reconnect attempt per second
        expect(await redis.command(['PING'])).toBe('PONG');
      } finally {
        await again.stop();
      }
    } finally {
      await redis.close();
    }
  });
});

it('an unreachable Redis fails within about a second with RedisUnavailableError naming host:port, not the password', async () => {
  const started = Date.now();
  // A port nobody listens on (the discard port, closed here) and a non-routable address.
  for (const url of [`redis://:${CANARY}@127.0.0.1:9`, `redis://user:${CANARY}@10.255.255.1:6379`]) {
    const error = await openRedis(url, { connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error).toMatchObject({ code: 'connection', field: 'GONG_REDIS_URL' });
    expect((error as Error).message).toMatch(/Redis at (127\.0\.0\.1:9|10\.255\.255\.1:6379) is unavailable/);
    expect(JSON.stringify(error)).not.toContain(CANARY);
  }
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(redactText(`redis://:${CANARY}@127.0.0.1:9`)).not.toContain(CANARY); // the URL and its password are registered
});

it('refuses a URL that is not redis:// or rediss://', async () => {
  await expect(openRedis('http://127.0.0.1:6379')).rejects.toBeInstanceOf(ConfigurationError);
  await expect(openRedis('not a url')).rejects.toBeInstanceOf(ConfigurationError);
});

it("a caller's client failing: Redis's 'not now' answers and network errors are outages, other answers are errors", async () => {
  const failing = (message: string, name = 'Error') => openRedis({
    sendCommand: async () => {
      const error = new Error(message);
      error.name = name;
      throw error;
    },
  });
  for (const message of ['LOADING Redis is loading the dataset in memory', 'MASTERDOWN Link with MASTER is down', 'connect ECONNREFUSED 127.0.0.1:6379', 'Connection is closed.']) {
    await expect((await failing(message, message.startsWith('L') ? 'ErrorReply' : 'Error')).command(['PING']), message).rejects.toBeInstanceOf(RedisUnavailableError);
  }
  for (const [message, name] of [['ERR unknown command', 'Error'], ['WRONGTYPE Operation against a key holding the wrong kind of value', 'ReplyError'], ['something odd', 'ErrorReply']] as const) {
    const error = await (await failing(message, name)).command(['GET', 'k']).catch((e: unknown) => e);
    expect(error, message).toBeInstanceOf(InternalError);
  }
});
