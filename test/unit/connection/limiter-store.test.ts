// Which limiter store a connector uses (src/connection/limiter-store.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limiterStoreFor } from '../../../src/connection/limiter-store.js';
import { createConnector } from '../../../src/connector.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';

const dir = () => mkdtempSync(join(tmpdir(), 'gong-state-'));

describe('limiter store choice', () => {
  it('by default, this machine\'s state file under GONG_STATE_DIR; one store per directory in a process', () => {
    const d = dir();
    const a = limiterStoreFor({}, { GONG_STATE_DIR: d });
    expect(a.kind).toBe('file');
    expect(limiterStoreFor({}, { GONG_STATE_DIR: d })).toBe(a);
    expect(limiterStoreFor({}, { GONG_STATE_DIR: dir() })).not.toBe(a);
  });

  it('GONG_LIMITER=memory: this process only; the option wins over everything', () => {
    expect(limiterStoreFor({}, { GONG_LIMITER: 'memory' }).kind).toBe('memory');
    const own = new MemoryLimiterStore();
    expect(limiterStoreFor({ limiterStore: own }, { GONG_LIMITER: 'redis', GONG_REDIS_URL: 'redis://127.0.0.1:1' })).toBe(own);
  });

  it('GONG_REDIS_URL (or the redis option) means Redis, falling back to the state file; GONG_LIMITER=file keeps the file', () => {
    expect(limiterStoreFor({}, { GONG_REDIS_URL: 'redis://127.0.0.1:1', GONG_STATE_DIR: dir() }).kind).toBe('redis');
    expect(limiterStoreFor({ redis: { sendCommand: async () => 'OK' } }, { GONG_STATE_DIR: dir() }).kind).toBe('redis');
    expect(limiterStoreFor({}, { GONG_REDIS_URL: 'redis://127.0.0.1:1', GONG_LIMITER: 'file', GONG_STATE_DIR: dir() }).kind).toBe('file');
  });

  it('refuses what it cannot use, naming the variable, before anything is sent', () => {
    expect(() => limiterStoreFor({}, { GONG_LIMITER: 'sqlite' })).toThrow(/GONG_LIMITER must be one of memory, file, redis \(got 'sqlite'\)/);
    expect(() => limiterStoreFor({}, { GONG_LIMITER: 'redis' })).toThrow(ConfigurationError);
    expect(() => limiterStoreFor({}, { GONG_REDIS_URL: 'http://x', GONG_STATE_DIR: dir() })).toThrow(ConfigurationError);
    expect(() => createConnector({ env: {}, redis: 42 as unknown as string })).toThrow(/Option 'redis' must be/);
  });
});
