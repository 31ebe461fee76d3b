// The connector's numeric policies (pacing, budget, timeouts, attempts, size cap) from options,
// then the environment, then the defaults in defaults.ts. Resolved once per connector.
import { ConfigurationError } from '../http/errors.js';
import {
  DEFAULT_DAILY_LIMIT,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RATE_LIMIT_PER_SECOND,
  DEFAULT_TIMEOUT_MS,
} from './defaults.js';
import { envValue, type Env } from './env.js';

export interface ResolvedPolicy {
  rateLimitPerSecond: number;
  dailyLimit: number;
  timeoutMs: number;
  deadlineMs: number;
  maxRetryAfterMs: number;
  maxAttempts: number;
  maxResponseBytes: number;
}

/** The policy values a caller may set (the connector options of the same names). */
export type PolicyOptions = { readonly [K in keyof ResolvedPolicy]?: number | undefined };

function numberFromEnv(env: Env, name: string): number | undefined {
  const raw = envValue(env[name]);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ConfigurationError({ message: `${name} must be a positive number (got '${raw}').`, field: name });
  }
  return n;
}

export function resolvePolicy(options: PolicyOptions, env: Env): ResolvedPolicy {
  return {
    rateLimitPerSecond: options.rateLimitPerSecond ?? numberFromEnv(env, 'GONG_RATE_LIMIT_PER_SECOND') ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    dailyLimit: options.dailyLimit ?? numberFromEnv(env, 'GONG_DAILY_LIMIT') ?? DEFAULT_DAILY_LIMIT,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}
