// Builds the real pipeline the way production does (createPipeline: GongClient + limiter + hooks
// with the debug lines) over the direct undici transport to a loopback server, or over any
// transport given, with a fake clock; the credential is the canary. Defaults are production's
// (resolvePolicy), except where a test overrides them.
import { bearerCredential } from '../../src/auth/credentials.js';
import { resolvePolicy } from '../../src/config/policy.js';
import type { CallContext, ClientPolicy, GongRequest } from '../../src/pipeline/client.js';
import { createPipeline } from '../../src/pipeline/create.js';
import type { RequestHooks } from '../../src/pipeline/hooks.js';
import { MemoryLimiterStore } from '../../src/state/limiter/memory.js';
import type { LimiterStore } from '../../src/state/limiter/types.js';
import { DirectTransport } from '../../src/transport/direct.js';
import type { Transport, TransportRequest } from '../../src/transport/types.js';
import { CANARY } from './canary.js';
import { FakeClock, type FakeClockOptions } from './clock.js';

export interface PipelineOptions {
  policy?: Partial<ClientPolicy>;
  clock?: FakeClockOptions;
  perSecond?: number;
  dailyLimit?: number;
  deadlineMs?: number;
  hooks?: RequestHooks;
  /** The debug sink, as the connector passes it (GONG_DEBUG or hooks.onDebug). */
  debug?: (line: string) => void;
  /** The limiter's store (default: a fresh in-memory one). */
  limiterStore?: LimiterStore;
}

/** The pipeline over a direct transport to `target` (a base URL), or over the transport given. */
export function pipeline(target: string | Transport, options: PipelineOptions = {}) {
  const clock = new FakeClock({ random: [0], ...options.clock });
  const transport = typeof target === 'string'
    ? new DirectTransport({ baseUrl: target, credential: bearerCredential(CANARY, 'test'), userAgent: 'gong-connector-test' })
    : target;
  const policy = resolvePolicy({
    ...(options.perSecond !== undefined ? { rateLimitPerSecond: options.perSecond } : {}),
    ...(options.dailyLimit !== undefined ? { dailyLimit: options.dailyLimit } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...options.policy,
  }, {});
  const { client, limiter } = createPipeline({
    transport, policy, clock, hooks: options.hooks, limiterStore: options.limiterStore ?? new MemoryLimiterStore(), debug: options.debug,
  });
  const newCall = (signal?: AbortSignal): CallContext => ({ signal, deadlineAt: clock.now() + policy.deadlineMs, waitedMs: 0, requests: 0 });
  return {
    clock, client, limiter, transport, newCall,
    read: (path = '/v2/calls', extra: Partial<GongRequest> = {}): GongRequest => ({ method: 'GET', path, query: [], readOnly: true, tool: 'test_read', ...extra }),
    write: (path = '/v2/calls', extra: Partial<GongRequest> = {}): GongRequest => ({
      method: 'POST', path, query: [], readOnly: false, tool: 'test_write', body: { kind: 'json', text: '{"a":1}' }, ...extra,
    }),
    close: () => transport.close?.(),
  };
}

/** The limits every transport request carries, for tests that call `Transport.send` directly. */
export const LIMITS = { timeoutMs: 5_000, maxResponseBytes: 1_000_000 } as const;

/** A GET as the pipeline hands it to a transport. */
export function transportGet(path = '/v2/users', extra: Partial<TransportRequest> = {}): TransportRequest {
  return { method: 'GET', path, query: [], ...LIMITS, ...extra };
}
