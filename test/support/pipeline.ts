// Builds the real pipeline (GongClient + limiter + direct undici transport) against a loopback
// server, with a fake clock; the credential is the canary.
import { bearerCredential } from '../../src/auth/credentials.js';
import { GongClient, type CallContext, type ClientPolicy, type GongRequest } from '../../src/http/client.js';
import type { RequestHooks } from '../../src/http/hooks.js';
import { MemoryLimiterStore, RateLimiter } from '../../src/http/limiter.js';
import { DirectTransport } from '../../src/transport/direct.js';
import type { Transport } from '../../src/transport/types.js';
import { CANARY } from './canary.js';
import { FakeClock, type FakeClockOptions } from './clock.js';

export interface PipelineOptions {
  policy?: Partial<ClientPolicy>;
  clock?: FakeClockOptions;
  perSecond?: number;
  dailyLimit?: number;
  deadlineMs?: number;
  hooks?: RequestHooks;
  transport?: Transport;
}

export function pipeline(baseUrl: string, options: PipelineOptions = {}) {
  const clock = new FakeClock({ random: [0], ...options.clock });
  const transport = options.transport ?? new DirectTransport({ baseUrl, credential: bearerCredential(CANARY, 'test'), userAgent: 'gong-connector-test' });
  const store = new MemoryLimiterStore();
  const limiter = new RateLimiter(transport.companyKey(), { perSecond: options.perSecond ?? 3, dailyLimit: options.dailyLimit ?? 10_000, store, clock });
  const policy: ClientPolicy = { timeoutMs: 5_000, maxAttempts: 4, maxRetryAfterMs: 60_000, maxResponseBytes: 1_000_000, ...options.policy };
  const client = new GongClient(transport, limiter, policy, clock, options.hooks);
  const newCall = (signal?: AbortSignal): CallContext => ({ signal, deadlineAt: clock.now() + (options.deadlineMs ?? 600_000), waitedMs: 0, requests: 0 });
  return {
    clock, client, limiter, transport, newCall,
    read: (path = '/v2/calls', extra: Partial<GongRequest> = {}): GongRequest => ({ method: 'GET', path, query: [], readOnly: true, tool: 'test_read', ...extra }),
    write: (path = '/v2/calls', extra: Partial<GongRequest> = {}): GongRequest => ({
      method: 'POST', path, query: [], readOnly: false, tool: 'test_write', body: { kind: 'json', text: '{"a":1}' }, ...extra,
    }),
    close: () => transport.close?.(),
  };
}
