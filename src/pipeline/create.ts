// createPipeline: the one place a transport, a limiter and a GongClient are put together, with
// the caller's hooks and, when a debug sink is given, the → request, ← response and ↻ retry
// lines (redacted like every other output). The connector and the tests build it the same way.
import type { Clock } from '../http/clock.js';
import { redactText } from '../http/redact.js';
import type { Transport } from '../transport/types.js';
import { GongClient, type ClientPolicy } from './client.js';
import type { RequestHooks } from './hooks.js';
import { RateLimiter } from './limiter.js';
import type { LimiterStore } from '../state/limiter/types.js';

/** The resolved limits the pipeline applies: the client's, plus pacing and the daily budget. */
export interface PipelinePolicy extends ClientPolicy {
  rateLimitPerSecond: number;
  dailyLimit: number;
}

export interface PipelineSettings {
  transport: Transport;
  policy: PipelinePolicy;
  clock: Clock;
  /** The caller's observers; they see every request, response and retry. */
  hooks?: RequestHooks | undefined;
  /** Where the limiter keeps each company's pacing and daily count. */
  limiterStore: LimiterStore;
  /** Receives one line per request, response and retry, already redacted; absent: no lines. */
  debug?: ((line: string) => void) | undefined;
}

export interface Pipeline {
  client: GongClient;
  limiter: RateLimiter;
  transport: Transport;
}

export function createPipeline(settings: PipelineSettings): Pipeline {
  const { transport, policy, clock } = settings;
  const limiter = new RateLimiter(transport.companyKey(), {
    perSecond: policy.rateLimitPerSecond,
    dailyLimit: policy.dailyLimit,
    store: settings.limiterStore,
    clock,
  });
  const hooks = settings.debug ? withDebugLines(settings.hooks ?? {}, settings.debug) : settings.hooks;
  const client = new GongClient(transport, limiter, policy, clock, hooks);
  return { client, limiter, transport };
}

/** The caller's hooks, each followed by its debug line; the sink only ever sees redacted text. */
function withDebugLines(hooks: RequestHooks, sink: (line: string) => void): RequestHooks {
  const debug = (line: string) => sink(redactText(line));
  const { onRequest, onResponse, onRetry } = hooks;
  return {
    ...hooks,
    onDebug: debug,
    onRequest: (e) => { onRequest?.(e); debug(`→ ${e.method} ${e.path} (attempt ${e.attempt})`); },
    onResponse: (e) => { onResponse?.(e); debug(`← ${e.status} ${e.method} ${e.path} in ${e.durationMs} ms`); },
    onRetry: (e) => { onRetry?.(e); debug(`↻ retry ${e.method} ${e.path} in ${e.delayMs} ms: ${e.reason}`); },
  };
}
